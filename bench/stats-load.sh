#!/usr/bin/env bash
# What counting polls for /stats costs a request: the cached gzip GET and the 304, statistics on against off.
#   bash bench/stats-load.sh [ARTICLES] [SECONDS] [ROUNDS] [WARMUP_SECONDS]      (defaults 10000, 10 and 5, 20)
#   ALLOC=1 bash bench/stats-load.sh …      also one more run of each with JFR, for the bytes allocated per request
#   bash bench/stats-load.sh 10000 2 40 20  many short rounds: the round-by-round ratios tell a smaller cost from noise
# Needs wrk and python3 (Debian: apt-get install -y wrk python3); ALLOC=1 needs the JDK's jcmd and jfr. Two Pravah
# servers run on copies of one corpus, one as configured (stats on) and one with `stats: {enabled: false}`; each round
# measures both, alternating, and the medians are compared. Requests carry a reader's User-Agent and the 304s a
# validator, so the whole counting path runs (recognition, the poller's hash, the sketch). All traffic stays on
# loopback and every run is bounded.
#
# Two figures per run. Requests per second is what a client sees, but on a shared 2-core machine neighbours move it
# by a third between rounds. The server's CPU time per request (user + system of the whole JVM from /proc/PID/stat,
# so the stats thread's work and the GC it causes are in it) is the cost itself; it moves far less with the
# neighbours, and is the figure to compare.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
articles=${1:-10000}
secs=${2:-10}
rounds=${3:-5}
warmup=${4:-20}
threads=2
conns=32
ua='Mozilla/5.0 (compatible; Miniflux/2.2.3; +https://miniflux.app)'
command -v wrk > /dev/null || { echo "install wrk first" >&2; exit 2; }
if [ -n "${ALLOC:-}" ]; then
  command -v jcmd > /dev/null && command -v jfr > /dev/null || { echo "ALLOC=1 needs jcmd and jfr (a JDK)" >&2; exit 2; }
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
hz=$(getconf CLK_TCK)
# before anything of ours runs: what the neighbours were doing
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

[ -f "$repo/target/pravah.jar" ] || (cd "$repo" && mvn -B -ntp -q -DskipTests package)
on_port=$(free_port)
off_port=$(free_port)
python3 "$repo/bench/corpus.py" "$work/on" "$articles" "$on_port"
python3 "$repo/bench/corpus.py" "$work/off" "$articles" "$off_port"
printf 'stats:\n  enabled: false\n' >> "$work/off/feeds-config.yaml"
feed=/feeds/desh.rss

start() {  # config, port -> the launcher's pid in $started
  "$repo/bin/pravah" --config "$1" --host 127.0.0.1 >> "$work/pravah-$2.log" 2>&1 &
  started=$!
  pids+=($started)
  if ! python3 "$repo/bench/await.py" "http://127.0.0.1:$2$feed" --pid "$started" --timeout-ms 60000 > /dev/null; then
    cat "$work/pravah-$2.log" >&2; echo "pravah did not serve $feed on $2" >&2; exit 1
  fi
}
# bin/pravah execs java when the class archive exists, and runs it as its child when it writes one
jvm() {
  if [ "$(cat "/proc/$1/comm")" = java ]; then echo "$1"; return; fi
  local child
  for child in $(cat "/proc/$1/task/$1/children"); do
    [ "$(cat "/proc/$child/comm")" = java ] && { echo "$child"; return; }
  done
  echo "no JVM under pid $1" >&2; exit 1
}
start "$work/on/feeds-config.yaml" "$on_port"
on_pid=$(jvm "$started")
start "$work/off/feeds-config.yaml" "$off_port"
off_pid=$(jvm "$started")
on="http://127.0.0.1:$on_port$feed"
off="http://127.0.0.1:$off_port$feed"
etag() { curl -fsS -D - -o /dev/null "$1" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r'; }
on_etag=$(etag "$on")
off_etag=$(etag "$off")
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $on_etag" "$on")" = 304 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $off_etag" "$off")" = 304 ]

# fields 14 and 15 of /proc/PID/stat: user and system time of all the process's threads, live and ended, in ticks
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# the same of the stats thread alone (Linux names a Java thread's task after it): the part of the cost that counting
# moves off the request threads, exact whatever the neighbours do
stats_ticks() {
  local task
  for task in /proc/"$1"/task/*; do
    [ "$(cat "$task/comm" 2> /dev/null)" = pravah-stats ] && { awk '{ print $14 + $15 }' "$task/stat"; return; }
  done
  echo 0
}
load() { wrk -t$threads -c$conns -d"$1" -H "User-Agent: $ua" -H 'Accept-Encoding: gzip' "${@:2}"; }
measure() {  # pid, wrk arguments -> "req/s CPU-µs-per-request stats-thread-CPU-µs-per-request"
  local pid=$1 before after stats_before stats_after out
  shift
  before=$(cpu_ticks "$pid")
  stats_before=$(stats_ticks "$pid")
  out=$(load "${secs}s" "$@")
  # the stats thread drains every 200 ms: this run's last polls are counted, and their CPU is this run's
  sleep 1
  after=$(cpu_ticks "$pid")
  stats_after=$(stats_ticks "$pid")
  awk -v ticks=$((after - before)) -v stats=$((stats_after - stats_before)) -v hz="$hz" '
    /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 }
    END { if (n == 0) exit 1; printf "%s %.2f %.3f\n", rps, ticks * 1e6 / hz / n, stats * 1e6 / hz / n }' <<< "$out"
}
# the same unmeasured warm-up for both: the JIT compiles the request path in the first 15 s or so (BENCHMARKS.md)
for url in "$on" "$off"; do
  load "${warmup}s" "$url" > /dev/null
done
load "$(( (warmup + 1) / 2 ))s" -H "If-None-Match: $on_etag" "$on" > /dev/null
load "$(( (warmup + 1) / 2 ))s" -H "If-None-Match: $off_etag" "$off" > /dev/null
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
on_get=(); off_get=(); on_304=(); off_304=()
for i in $(seq "$rounds"); do
  # alternate which goes first, so that neither always follows the other's load
  if [ $((i % 2)) = 1 ]; then
    on_get+=("$(measure "$on_pid" "$on")"); off_get+=("$(measure "$off_pid" "$off")")
    on_304+=("$(measure "$on_pid" -H "If-None-Match: $on_etag" "$on")")
    off_304+=("$(measure "$off_pid" -H "If-None-Match: $off_etag" "$off")")
  else
    off_get+=("$(measure "$off_pid" "$off")"); on_get+=("$(measure "$on_pid" "$on")")
    off_304+=("$(measure "$off_pid" -H "If-None-Match: $off_etag" "$off")")
    on_304+=("$(measure "$on_pid" -H "If-None-Match: $on_etag" "$on")")
  fi
done

# bytes allocated per request, by the request threads and by all threads, from JFR's per-thread totals at the start
# and the end of one more run (a separate run: the recording's own cost stays out of the CPU figures above)
allocation() {  # pid, wrk arguments -> bytes per request: request threads/stats thread/all threads
  local pid=$1 out
  shift
  cat > "$work/alloc.jfc" << 'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting><setting name="period">everyChunk</setting></event>
</configuration>
JFC
  jcmd "$pid" JFR.start name=alloc settings="$work/alloc.jfc" > /dev/null
  out=$(load "${secs}s" "$@")
  sleep 1
  jcmd "$pid" JFR.stop name=alloc filename="$work/alloc-$pid.jfr" > /dev/null
  jfr print --json --events jdk.ThreadAllocationStatistics "$work/alloc-$pid.jfr" > "$work/alloc.json"
  python3 - "$work/alloc.json" "$(awk '/requests in/ { print $1 }' <<< "$out")" << 'PY'
import json, sys
from datetime import datetime
events = json.load(open(sys.argv[1]))["recording"]["events"]
def at(e): return datetime.fromisoformat(e["values"]["startTime"][:26])
def key(e): return e["values"]["thread"]["javaThreadId"]
def name(e): return e["values"]["thread"]["javaName"] or ""
# every thread's total is written when the recording starts and again when it stops, a few microseconds apart each
start, end = min(map(at, events)), max(map(at, events))
at_start = {key(e): e["values"]["allocated"] for e in events if e["values"]["thread"] and (at(e) - start).total_seconds() < 0.1}
grown = {"JettyServerThreadPool": 0, "pravah-stats": 0, "": 0}
for e in events:
    if not e["values"]["thread"] or (end - at(e)).total_seconds() >= 0.1:
        continue
    if name(e).startswith("JFR") or name(e) == "Attach Listener":
        continue  # the recording's own threads
    bytes = e["values"]["allocated"] - at_start.get(key(e), 0)
    grown[""] += bytes
    for prefix in ("JettyServerThreadPool", "pravah-stats"):
        if name(e).startswith(prefix):
            grown[prefix] += bytes
n = int(sys.argv[2])
print(f'{grown["JettyServerThreadPool"] / n:.0f}/{grown["pravah-stats"] / n:.0f}/{grown[""] / n:.0f}')
PY
}
if [ -n "${ALLOC:-}" ]; then
  alloc_on_get=$(allocation "$on_pid" "$on")
  alloc_off_get=$(allocation "$off_pid" "$off")
  alloc_on_304=$(allocation "$on_pid" -H "If-None-Match: $on_etag" "$on")
  alloc_off_304=$(allocation "$off_pid" -H "If-None-Match: $off_etag" "$off")
fi

polls=$(curl -fsS -H 'Accept: application/json' "http://127.0.0.1:$on_port/stats" | python3 -c '
import json, sys
stats = json.load(sys.stdin)
feed = [f for f in stats["feeds"] if f["feed"] == "/feeds/desh.rss"][0]
print(feed["today"]["polls"], "counted,", stats["dropped"], "dropped")')
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) printf "-"; else printf "%.3f", a / b }'; }
column() { local i=$1; shift; printf '%s\n' "$@" | awk -v i="$i" '{ print $i }'; }
report() {  # label, unit, column, on-values…, --, off-values…
  local label=$1 unit=$2 col=$3 on_v=() off_v=() v side=on
  shift 3
  for v in "$@"; do
    if [ "$v" = -- ]; then side=off; elif [ $side = on ]; then on_v+=("$(column "$col" "$v")");
    else off_v+=("$(column "$col" "$v")"); fi
  done
  local m_on m_off
  m_on=$(median "${on_v[@]}"); m_off=$(median "${off_v[@]}")
  [ "$rounds" -gt 10 ] || echo "$label  $unit  on ${on_v[*]}  off ${off_v[*]}"
  echo "$label  median $unit  on $m_on  off $m_off  ratio $(ratio "$m_on" "$m_off")  $(paired on_v[@] off_v[@])"
}
# each round's on / off (measured back to back, so under much the same neighbours): median and quartiles
paired() {
  paste -d' ' <(printf '%s\n' "${!1}") <(printf '%s\n' "${!2}") | awk '$2 > 0 { print $1 / $2 }' | sort -n | awk '
    { v[NR] = $1 }
    function q(p,  i) { i = 1 + (NR - 1) * p; return v[int(i)] + (i - int(i)) * (v[int(i) + 1] - v[int(i)]) }
    END { if (NR) printf "round by round: median %.3f, quartiles %.3f-%.3f", q(0.5), q(0.25), q(0.75) }'
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1); load average at the start $load_before, at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus: $articles articles; feed $feed; wrk -t$threads -c$conns -d${secs}s, $rounds rounds, ${warmup}s warm-up"
report "cached gzip GET" "CPU-µs/request" 2 "${on_get[@]}" -- "${off_get[@]}"
report "conditional 304" "CPU-µs/request" 2 "${on_304[@]}" -- "${off_304[@]}"
# the stats thread's part of the stats-on server's CPU per request
share() { printf '%s\n' "$@" | awk '{ s += $3; t += $2 } END { printf "%.1f %%", 100 * s / t }'; }
echo "stats thread  CPU-µs/request  GET $(median $(column 3 "${on_get[@]}"))  304 $(median $(column 3 "${on_304[@]}"))" \
  "(over all rounds, of the stats-on server's CPU: GET $(share "${on_get[@]}"), 304 $(share "${on_304[@]}"))"
report "cached gzip GET" "req/s" 1 "${on_get[@]}" -- "${off_get[@]}"
report "conditional 304" "req/s" 1 "${on_304[@]}" -- "${off_304[@]}"
if [ -n "${ALLOC:-}" ]; then
  echo "bytes allocated per request (request threads/stats thread/all threads): GET on $alloc_on_get  off $alloc_off_get;" \
    "304 on $alloc_on_304  off $alloc_off_304"
fi
echo "polls of $feed on the stats-on server today: $polls"
