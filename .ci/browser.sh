#!/usr/bin/env bash
# The pages in a real browser: Debian's Chromium, headless, driven by npm playwright-core (.ci/browser.cjs), on the
# sample site. For /, a category page, an article page, /status and a missing page, at 1280 and 390 px wide: nothing
# wider than the window, no console error or Content-Security-Policy violation, the Devanagari headings drawn with a
# Noto Devanagari font, the article's image loaded; on a feed page the copy button copies the address, and without
# JavaScript the address is still there to select. Screenshots go to a temporary folder, whose paths are printed.
# Usage: bash .ci/browser.sh [BASE_URL]. Without BASE_URL it starts target/pravah.jar on a copy of the sample site on a
# free loopback port, as readers.sh does; with one, it reads that server (which must serve the sample site).
# Installs what is missing, and only that: chromium and fonts-noto-core with apt-get (as root), playwright-core (exact
# version, which downloads no browser) into $PRAVAH_BROWSER_STATE (default /tmp/pravah-browser), outside the
# repository. Exit 1 on any FAIL, 2 if it cannot run.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
state=${PRAVAH_BROWSER_STATE:-/tmp/pravah-browser}
PLAYWRIGHT_CORE=1.65.1
export no_proxy='*' NO_PROXY='*'   # loopback traffic never goes through a proxy
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# ---- the browser, its fonts and its driver, installed when missing
for c in python3 curl node npm fc-list; do
  command -v "$c" > /dev/null || { echo "browser: $c is missing" >&2; exit 2; }
done
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-core > /dev/null 2>&1 || missing+=(fonts-noto-core)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "browser: missing ${missing[*]}; as root: apt-get install ${missing[*]}" >&2; exit 2; }
  echo "browser: installing Debian ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null) \
    || { echo "browser: ${missing[*]} could not be installed" >&2; exit 2; }
fi
# the pages name Noto Sans Devanagari first; without a Devanagari font Chromium draws boxes
if [ -z "$(fc-list :lang=hi family)" ]; then
  echo "browser: FAIL no Devanagari font (fc-list :lang=hi is empty) although fonts-noto-core is installed" >&2
  exit 1
fi
installed() { node -e "console.log(require('$state/node_modules/$1/package.json').version)" 2> /dev/null || true; }
if [ "$(installed playwright-core)" != "$PLAYWRIGHT_CORE" ]; then
  echo "browser: installing playwright-core $PLAYWRIGHT_CORE into $state"
  mkdir -p "$state"
  [ -f "$state/package.json" ] || echo '{"private": true}' > "$state/package.json"
  (cd "$state" && npm install --no-audit --no-fund --silent --save-exact "playwright-core@$PLAYWRIGHT_CORE") \
    || { echo "browser: npm install failed" >&2; exit 2; }
fi
export NODE_PATH="$state/node_modules"

# ---- the server
if [ $# -ge 1 ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  base=${1%/}
else
  # shellcheck source=sample-site.sh
  . "$repo/.ci/sample-site.sh"
  start_sample_site browser 2
fi

# ---- the pages; screenshots outlive the run, in their own folder
shots=$(mktemp -d /tmp/pravah-screenshots.XXXXXX)
timeout 300 node "$repo/.ci/browser.cjs" "$base" "$shots"
