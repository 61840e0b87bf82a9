#!/usr/bin/env bash
# Idle CPU of the server on an archive where nothing changes: starts JAR on CONFIG (default JVM settings), waits for
# the first feed, lets it settle (cache write, JIT), then counts the process's CPU time over SECONDS.
# usage: bash bench/idle-cpu.sh JAR CONFIG [SECONDS] [SETTLE] [PORT]
set -euo pipefail
jar=$1 config=$2 seconds=${3:-120} settle=${4:-60} port=${5:-18931}
log=$(mktemp /tmp/idle-cpu.XXXXXX.log)
java -jar "$jar" --config "$config" --port "$port" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
start=$(date +%s.%N)
until curl -sf -o /dev/null "http://127.0.0.1:$port/feeds/all.rss"; do
  kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.2
done
echo "first feed after $(echo "$(date +%s.%N) - $start" | bc) s"
sleep "$settle"
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
t0=$(ticks); w0=$(date +%s.%N)
sleep "$seconds"
t1=$(ticks); w1=$(date +%s.%N)
echo "cpu $(echo "scale=2; ($t1 - $t0) / $hz" | bc) s over $(echo "scale=1; ($w1 - $w0)/1" | bc) s:" \
  "$(echo "scale=2; 100 * ($t1 - $t0) / $hz / ($w1 - $w0)" | bc) % of a core"
grep -c "rescan\|catalogue" "$log" || true
echo "log: $log"
