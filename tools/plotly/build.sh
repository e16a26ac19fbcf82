#!/bin/sh
# Remakes docs/assets/vendor/plotly-basic.min.js (+ its LICENSE) from the pinned npm package.
#
# The site draws only scatter and bar traces: plotly.js-basic (scatter, bar, pie) is the
# smallest official bundle that holds them. A custom esbuild bundle of plotly.js core + bar
# was tried (plotly.js 4.1.1, esbuild 0.28.2): it came out the same size (~395 KB gzip) and
# drags in the MapLibre stylesheet, so the official bundle is used as is.
#
# Usage: sh tools/plotly/build.sh   (needs node >= 20 and npm; network access to the npm registry)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
vendor="$here/../../docs/assets/vendor"
cd "$here"
npm ci --no-audit --no-fund
mkdir -p "$vendor"
cp node_modules/plotly.js-basic-dist-min/plotly-basic.min.js "$vendor/plotly-basic.min.js"
cp node_modules/plotly.js-basic-dist-min/LICENSE "$vendor/LICENSE.plotly.txt"
echo "vendor bundle: $(wc -c < "$vendor/plotly-basic.min.js") bytes, $(gzip -9c "$vendor/plotly-basic.min.js" | wc -c) bytes gzip"
