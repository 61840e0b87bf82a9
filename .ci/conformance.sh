#!/usr/bin/env bash
# Starts the built jar on the shipped sample site (a copy, on a free loopback port) and runs
# ../shared/conformance/check-feed.sh on every feed the index page links to. Exit 1 on any FAIL.
# Needs target/pravah.jar (mvn package); starts it the way README does, with bin/pravah. FEEDVALIDATOR_HOME, if set, adds the W3C validator.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
kit="$repo/../shared/conformance"
[ -f "$kit/check-feed.sh" ] || { echo "conformance: $kit not found" >&2; exit 1; }

bash "$kit/setup.sh" > /tmp/pravah-conformance-setup.log 2>&1 || {
  tail -30 /tmp/pravah-conformance-setup.log >&2; echo "conformance: setup failed" >&2; exit 1; }

# shellcheck source=sample-site.sh
. "$repo/.ci/sample-site.sh"
start_sample_site conformance 1
site=$work

mapfile -t urls < <(curl -fsS "$base/" | grep -oE 'href="[^"]+\.(rss|atom|json)"' | sed -E 's/^href="(.*)"$/\1/' \
  | sed -e 's/&amp;/\&/g' | sort -u)
[ ${#urls[@]} -ge 4 ] || { echo "conformance: found only ${#urls[@]} feed links on $base/" >&2; exit 1; }
echo "checking ${#urls[@]} feeds"
status=0
bash "$kit/check-feed.sh" "${urls[@]}" > "$site/report.txt" 2>&1 || status=$?
cat "$site/report.txt"
fails=$(grep -c ' FAIL ' "$site/report.txt" || true)
echo "conformance: ${#urls[@]} feeds checked, $fails FAIL line(s), exit $status"
exit $status
