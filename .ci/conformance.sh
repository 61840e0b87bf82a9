#!/usr/bin/env bash
# Starts the built jar on the shipped sample site (a copy, on a free loopback port) and runs
# ../shared/conformance/check-feed.sh on every feed the index page links to. Exit 1 on any FAIL.
# Needs target/pravah.jar (mvn package); starts it the way README does, with bin/pravah. FEEDVALIDATOR_HOME, if set, adds the W3C validator.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
kit="$repo/../shared/conformance"
[ -f "$kit/check-feed.sh" ] || { echo "conformance: $kit not found" >&2; exit 1; }
[ -f "$repo/target/pravah.jar" ] || (cd "$repo" && mvn -B -ntp -q -DskipTests package)

bash "$kit/setup.sh" > /tmp/pravah-conformance-setup.log 2>&1 || {
  tail -30 /tmp/pravah-conformance-setup.log >&2; echo "conformance: setup failed" >&2; exit 1; }

site=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$site"; }
trap cleanup EXIT
# The copies get the time of the copy, as a fresh clone does: undated plain-text exports must still get distinct dates.
cp -r "$repo/feeds-config.yaml" "$repo/articles" "$repo/images" "$site/"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$repo/bin/pravah" --config "$site/feeds-config.yaml" --host 127.0.0.1 --port "$port" \
  --base-url "$base" > "$site/server.log" 2>&1 &
pid=$!
deadline=$((SECONDS + 60))
until curl -fsS "$base/health/ready" > /dev/null 2>&1; do
  if [ $SECONDS -ge $deadline ] || ! kill -0 "$pid" 2>/dev/null; then
    cat "$site/server.log" >&2; echo "conformance: server did not start" >&2; exit 1
  fi
  sleep 0.2
done

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
