#!/usr/bin/env bash
# Checks bin/pravah, the README's start command: a server it starts serves the sample site, writes the
# class-data archive when it stops, the next start maps that archive (-Xshare:on fails a start that cannot), and a
# rebuilt jar makes it drop the stale archive. Needs target/pravah.jar. Exit 1 on any failure.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
jar="$repo/target/pravah.jar"
archive="$repo/target/pravah.jsa"
[ -f "$jar" ] || (cd "$repo" && mvn -B -ntp -q -DskipTests package)
fail() { echo "launcher: $*" >&2; exit 1; }

site=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2> /dev/null || true; rm -rf "$site"; }
trap cleanup EXIT
cp -r "$repo/feeds-config.yaml" "$repo/articles" "$site/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

rm -f "$archive"
"$repo/bin/pravah" --config "$site/feeds-config.yaml" --host 127.0.0.1 --port "$port" > "$site/server.log" 2>&1 &
pid=$!
deadline=$((SECONDS + 60))
until curl -fsS "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1; do
  if [ $SECONDS -ge $deadline ] || ! kill -0 "$pid" 2> /dev/null; then
    cat "$site/server.log" >&2; fail "the server did not start"
  fi
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/feeds/all.rss" | grep -q '<rss' || fail "no RSS feed served"
grep -qi 'cds\|shared archive' "$site/server.log" && { cat "$site/server.log" >&2; fail "JVM notes about the archive in the log"; }
kill "$pid"
wait "$pid" 2> /dev/null || true
pid=""
[ -s "$archive" ] || fail "no $archive written when the server stopped"

JAVA_OPTS=-Xshare:on "$repo/bin/pravah" check --config "$site/feeds-config.yaml" > "$site/check.log" 2>&1 \
  || { cat "$site/check.log" >&2; fail "a start with the archive required (-Xshare:on) failed"; }

touch "$jar"
"$repo/bin/pravah" check --config "$site/feeds-config.yaml" > "$site/check.log" 2>&1 \
  || { cat "$site/check.log" >&2; fail "check failed after a rebuild"; }
[ ! -e "$archive" ] || fail "the archive of the previous build was kept"
echo "launcher: bin/pravah serves, writes its class archive at stop, maps it at the next start, drops a stale one"
