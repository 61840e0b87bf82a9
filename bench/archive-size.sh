#!/usr/bin/env bash
# Size figures of issue 12 on an archive made by bench/gen-archive.py: first start (no article cache), edit → served
# (median of ROUNDS after 5 not counted), heap after a full GC, restart to first feed (cache in place, median of ROUNDS).
#   bash bench/archive-size.sh ARCHIVE_DIR [ROUNDS] [JAVA_OPTS]        # e.g. bench/archive-size.sh /tmp/a100k 5 -Xmx1g
# The archive is not changed: its articles are hard-linked into a temporary copy, and every edit writes a new file
# and renames it over the link (as editors and rsync do), so the original file keeps its bytes.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
archive=$(cd "$1" && pwd)
rounds=${2:-5}
export JAVA_OPTS=${3:-}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

work=$(mktemp -d)
pravah=""
cleanup() { [ -n "$pravah" ] && kill "$pravah" 2> /dev/null; wait 2> /dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
[ -f "$repo/target/pravah.jar" ] || (cd "$repo" && mvn -B -ntp -q -DskipTests package)
cp -al "$archive/articles" "$work/articles"
port=$(free_port)
base="http://127.0.0.1:$port"
sed -e "s/^  port: [0-9]*/  port: $port/" -e "s#http://127.0.0.1:[0-9]*#$base#" "$archive/feeds-config.yaml" \
  > "$work/feeds-config.yaml"
count=$(find "$work/articles" -name '*.json' | wc -l)

start_pravah() {
  "$repo/bin/pravah" --config "$work/feeds-config.yaml" --host 127.0.0.1 >> "$work/pravah.log" 2>&1 &
  pravah=$!
  python3 "$repo/bench/await.py" "$base/feeds/all.rss" --pid "$pravah" --timeout-ms 600000 \
    || { tail -20 "$work/pravah.log" >&2; echo "pravah did not serve" >&2; exit 1; }
}
stop_pravah() { kill "$pravah"; wait "$pravah" 2> /dev/null || true; pravah=""; }
etag() { curl -fsS -D - -o /dev/null "$1" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r'; }

# first start: no article cache, no first-seen dates, no class archive of this jar's servers
rm -f "$repo/target/pravah.jsa"
t0=$(now_ms); start_pravah; first=$(( $(now_ms) - t0 ))

# a start is followed by work in the background (the cache files written, the whole load that catches up with the
# folder); edits are measured on a settled server: under 5 % of a core over 3 s, or after 10 minutes at most
settle() {
  local jvm ticks before deadline=$(( $(now_ms) + 600000 ))
  jvm=$(pgrep -P "$pravah" java || echo "$pravah")
  ticks() { awk '{print $14 + $15}' "/proc/$jvm/stat"; }
  while [ "$(now_ms)" -lt "$deadline" ]; do
    before=$(ticks); sleep 3
    [ $(( $(ticks) - before )) -lt 15 ] && return 0   # 15 ticks of 100 Hz in 3 s: 5 % of a core
  done
}
settle
# edit → served: an old article gets a new title and becomes the newest, until the all-feed's ETag changes; the
# rename and the polling are one process (bench/edit-served.py: a Python start is ~0.3 s here, more than the edit),
# after five edits not counted while the JIT compiles the edit path
python3 "$repo/bench/edit-served.py" "$work/articles" "$port" --rounds "$rounds" --warmup 5 > "$work/edits.log" \
  || { cat "$work/edits.log"; tail -20 "$work/pravah.log" >&2; echo "an edit was not served" >&2; exit 1; }
cat "$work/edits.log"

# heap after a full GC and resident size of the server now running
heap_of() {
  local jvm
  jvm=$(pgrep -P "$pravah" java || echo "$pravah")   # bin/pravah runs java as its child
  jcmd "$jvm" GC.run > /dev/null
  echo "$(jcmd "$jvm" GC.heap_info | awk '/garbage-first heap/ {for (i = 1; i <= NF; i++) if ($i == "used") print $(i + 1)}')" \
    "(RSS $(awk '/VmRSS/ {print $2 " " $3}' "/proc/$jvm/status"))"
}
heap=$(heap_of)

restarts=()
for _ in $(seq "$rounds"); do
  stop_pravah
  t0=$(now_ms); start_pravah; restarts+=($(( $(now_ms) - t0 )))
done
curl -fsS -o /dev/null "$base/feeds/all.rss"
sleep 20   # the whole load that follows a start, which may read the files the cache did not hold
restarted=$(heap_of)

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1); JAVA_OPTS='$JAVA_OPTS'"
echo "archive: $count articles in $archive"
echo "first start to first feed (ms):   $first"
grep "^edit" "$work/edits.log"
echo "heap after full GC:               $heap after the first start and edits; $restarted after a restart"
echo "restart to first feed (ms):       median $(median "${restarts[@]}") of ${restarts[*]}"
