#!/usr/bin/env bash
# A first start (no data folder: no article cache, no first-seen dates, no search index) of JAR on an archive made by
# bench/gen-archive.py, timed from the JVM's launch to the first 200 of /feeds/all.rss, with the server's CPU time
# (all threads, JIT and GC included) at that moment.
#   bash bench/first-start.sh JAR ARCHIVE_DIR [JVM options…]     # e.g. bench/first-start.sh target/pravah.jar /tmp/a100k
# The archive's data folder is deleted first: run it on a copy (cp -al ARCHIVE/articles COPY/articles and the config
# with another port) when the archive is in use elsewhere.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
jar=$1
archive=$(cd "$2" && pwd)
shift 2
rm -rf "$archive/data"
port=$(awk '/^  port:/ {print $2; exit}' "$archive/feeds-config.yaml")
log=$(mktemp)
t0=$(date +%s%3N)
java "$@" -jar "$jar" --config "$archive/feeds-config.yaml" --host 127.0.0.1 > "$log" 2>&1 &
pid=$!
trap 'kill $pid 2> /dev/null; wait $pid 2> /dev/null; rm -f "$log"' EXIT
python3 "$repo/bench/await.py" "http://127.0.0.1:$port/feeds/all.rss" --pid "$pid" --timeout-ms 600000 \
  || { tail -20 "$log" >&2; exit 1; }
ms=$(( $(date +%s%3N) - t0 ))
cpu=$(awk '{print ($14 + $15) * 1000 / 100}' "/proc/$pid/stat")
n=$(find "$archive/articles" -name '*.json' | wc -l)
echo "first start: $ms ms, cpu $cpu ms, $n articles, $(( n * 1000 / ms )) articles/s, load $(cut -d' ' -f1-3 /proc/loadavg)"
