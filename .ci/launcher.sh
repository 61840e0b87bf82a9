#!/usr/bin/env bash
# Checks bin/pravah, the README's start command: a start that fails (port in use, no config) or only prints the
# usage writes no class-data archive; a server it starts serves the sample site and writes the archive when it
# stops; the next start maps that archive (-Xshare:on fails a start that cannot); a rebuilt jar makes it drop the
# stale archive; and a stop asked for while it starts is clean (and keeps no archive if it came before the server
# served). Needs target/pravah.jar.
# Exit 1 on any failure.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
jar="$repo/target/pravah.jar"
archive="$repo/target/pravah.jsa"
[ -f "$jar" ] || (cd "$repo" && mvn -B -ntp -q -DskipTests package)
fail() { echo "launcher: $*" >&2; exit 1; }

site=$(mktemp -d)
pid=""
holder=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2> /dev/null || true
  [ -n "$holder" ] && kill "$holder" 2> /dev/null || true
  # a server writes its data folder while it stops (the day's statistics): wait for it before removing the copy
  wait 2> /dev/null || true
  rm -rf "$site" || true
}
trap cleanup EXIT
cp -r "$repo/feeds-config.yaml" "$repo/articles" "$repo/images" "$site/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

no_archive() { # what: the run that must have left no archive, nor a temporary one
  [ ! -e "$archive" ] || fail "$1 left an archive"
  ! compgen -G "$archive.*" > /dev/null || fail "$1 left $(compgen -G "$archive.*")"
}

# the JVM dumps the classes loaded so far at any exit: a start that failed would leave an archive of a tenth of a
# server's classes, and every later start would keep using it
rm -f "$archive"
python3 -c 'import socket, time; s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
print(s.getsockname()[1], flush=True); time.sleep(300)' > "$site/taken" &
holder=$!
deadline=$((SECONDS + 30))
until [ -s "$site/taken" ]; do
  [ $SECONDS -lt $deadline ] || fail "no port held for the port-in-use start"
  sleep 0.05
done
taken=$(cat "$site/taken")
if "$repo/bin/pravah" --config "$site/feeds-config.yaml" --host 127.0.0.1 --port "$taken" > "$site/taken.log" 2>&1; then
  fail "a start on a port in use succeeded"
fi
grep -q "pravah: cannot listen on 127.0.0.1:$taken: port already in use" "$site/taken.log" \
  || { cat "$site/taken.log" >&2; fail "a start on a port in use did not say so"; }
no_archive "a start on a port in use"
kill "$holder"
holder=""
"$repo/bin/pravah" --config "$site/nahin.yaml" > "$site/noconfig.log" 2>&1 && fail "a start without its config succeeded"
no_archive "a start without its config"
"$repo/bin/pravah" --help > /dev/null || fail "--help failed"
no_archive "--help"

"$repo/bin/pravah" --config "$site/feeds-config.yaml" --host 127.0.0.1 --port "$port" > "$site/server.log" 2>&1 &
pid=$!
deadline=$((SECONDS + 60))
until curl -fsS "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1; do
  if [ $SECONDS -ge $deadline ] || ! kill -0 "$pid" 2> /dev/null; then
    cat "$site/server.log" >&2; fail "the server did not start"
  fi
  sleep 0.2
done
# to a file first: grep -q stops reading at the first match, and curl, still writing, would fail the pipe
curl -fsS -o "$site/all.rss" "http://127.0.0.1:$port/feeds/all.rss" || fail "no feed served"
grep -q '<rss' "$site/all.rss" || fail "no RSS feed served"
grep -qi 'cds\|shared archive' "$site/server.log" && { cat "$site/server.log" >&2; fail "JVM notes about the archive in the log"; }
kill "$pid"
status=0
wait "$pid" || status=$?
pid=""
[ "$status" -eq 0 ] || { cat "$site/server.log" >&2; fail "a stopped server exited $status, not 0"; }
[ -s "$archive" ] || fail "no $archive written when the server stopped"
! compgen -G "$archive.*" > /dev/null || fail "the server left $(compgen -G "$archive.*")"

JAVA_OPTS=-Xshare:on "$repo/bin/pravah" check --config "$site/feeds-config.yaml" > "$site/check.log" 2>&1 \
  || { cat "$site/check.log" >&2; fail "a start with the archive required (-Xshare:on) failed"; }

touch "$jar"
"$repo/bin/pravah" check --config "$site/feeds-config.yaml" > "$site/check.log" 2>&1 \
  || { cat "$site/check.log" >&2; fail "check failed after a rebuild"; }
[ ! -e "$archive" ] || fail "the archive of the previous build was kept"
# a stop asked for as soon as the port opens, while the first catalogue is still loading, is a clean stop: 2 000
# articles read for the first time keep the start busy for a second or more after the port opens
python3 "$repo/bench/corpus.py" "$site/big" 2000 "$port" > /dev/null
"$repo/bin/pravah" --config "$site/big/feeds-config.yaml" --host 127.0.0.1 > "$site/early.log" 2>&1 &
pid=$!
deadline=$((SECONDS + 60))
until curl -sS -o /dev/null "http://127.0.0.1:$port/health" 2> /dev/null; do
  if [ $SECONDS -ge $deadline ] || ! kill -0 "$pid" 2> /dev/null; then
    cat "$site/early.log" >&2; fail "the server did not open its port"
  fi
  sleep 0.02
done
kill "$pid"
status=0
wait "$pid" || status=$?
pid=""
[ "$status" -eq 0 ] || { cat "$site/early.log" >&2; fail "a stop during start-up exited $status, not 0"; }
grep -q 'Exception' "$site/early.log" && { cat "$site/early.log" >&2; fail "a stop during start-up printed a stack trace"; }
# the stop usually lands while the catalogue loads, before the server serves: then it must not keep the archive
grep -q 'Pravah serving' "$site/early.log" || no_archive "a stop during start-up"
echo "launcher: bin/pravah writes no class archive for a failed start or --help, serves, writes the archive at stop,"
echo "launcher: maps it at the next start, drops a stale one, and stops cleanly when asked to while starting"
