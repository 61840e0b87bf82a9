#!/usr/bin/env bash
# CPU of the server over time, to see what each periodic rescan costs: starts JAR on CONFIG (default JVM settings),
# waits for the first feed and until the process settles (under 5 % of a core over 3 s), then writes
# "SECONDS_SINCE_SETTLED CPU_TICKS" every 2 s for SECONDS to OUT, and stops the server. Read it with cpu-bursts.py.
# usage: bash bench/cpu-trace.sh JAR CONFIG PORT OUT SECONDS
set -u
jar=$1 config=$2 port=$3 out=$4 seconds=$5
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
java -jar "$jar" --config "$config" --port "$port" >"$out.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
echo "pid $pid" >"$out"
start=$(date +%s)
until curl -sf -o /dev/null "http://127.0.0.1:$port/feeds/all.rss"; do
  kill -0 $pid 2>/dev/null || { echo died >>"$out"; exit 1; }
  sleep 0.5
done
echo "first feed after $(( $(date +%s) - start )) s, cpu $(ticks) ticks" >>"$out"
hz=$(getconf CLK_TCK)
for i in $(seq 1 100); do
  a=$(ticks); sleep 3; b=$(ticks)
  [ $(( (b - a) * 100 / hz / 3 )) -lt 5 ] && break
done
s0=$(date +%s)
echo "settled after $(( s0 - start )) s since start, cpu $(ticks) ticks" >>"$out"
for i in $(seq 1 $((seconds / 2))); do
  echo "$(( $(date +%s) - s0 )) $(ticks)" >>"$out"
  sleep 2
done
