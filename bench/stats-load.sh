#!/usr/bin/env bash
# What counting polls for /stats costs a request: the cached gzip GET and the 304, statistics on against off.
#   bash bench/stats-load.sh [ARTICLES] [SECONDS] [ROUNDS] [WARMUP_SECONDS]      (defaults 10000, 10 and 5, 20)
# Needs wrk and python3 (Debian: apt-get install -y wrk python3). Two Pravah servers run on copies of one corpus,
# one as configured (stats on) and one with `stats: {enabled: false}`; each round measures both, alternating, and
# the medians are compared. Requests carry a reader's User-Agent and the 304s a validator, so the whole counting
# path runs (recognition, the poller's hash, the sketch). All traffic stays on loopback and every run is bounded.
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
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

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

start() {  # config, port -> pid on stdout
  "$repo/bin/pravah" --config "$1" --host 127.0.0.1 >> "$work/pravah-$2.log" 2>&1 &
  local pid=$!
  pids+=($pid)
  if ! python3 "$repo/bench/await.py" "http://127.0.0.1:$2$feed" --pid "$pid" --timeout-ms 60000 > /dev/null; then
    cat "$work/pravah-$2.log" >&2; echo "pravah did not serve $feed on $2" >&2; exit 1
  fi
}
start "$work/on/feeds-config.yaml" "$on_port"
start "$work/off/feeds-config.yaml" "$off_port"
on="http://127.0.0.1:$on_port$feed"
off="http://127.0.0.1:$off_port$feed"
etag() { curl -fsS -D - -o /dev/null "$1" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r'; }
on_etag=$(etag "$on")
off_etag=$(etag "$off")
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $on_etag" "$on")" = 304 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $off_etag" "$off")" = 304 ]

rps() { wrk -t$threads -c$conns -d"${secs}s" -H "User-Agent: $ua" -H 'Accept-Encoding: gzip' "$@" \
  | awk '/Requests\/sec/ {print $2}'; }
# the same unmeasured warm-up for both: the JIT compiles the request path in the first 15 s or so (BENCHMARKS.md)
for url in "$on" "$off"; do
  wrk -t$threads -c$conns -d"${warmup}s" -H "User-Agent: $ua" -H 'Accept-Encoding: gzip' "$url" > /dev/null
done
wrk -t$threads -c$conns -d"$(( (warmup + 1) / 2 ))s" -H "User-Agent: $ua" -H "If-None-Match: $on_etag" "$on" > /dev/null
wrk -t$threads -c$conns -d"$(( (warmup + 1) / 2 ))s" -H "User-Agent: $ua" -H "If-None-Match: $off_etag" "$off" > /dev/null
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
on_get=(); off_get=(); on_304=(); off_304=()
for i in $(seq "$rounds"); do
  # alternate which goes first, so that neither always follows the other's load
  if [ $((i % 2)) = 1 ]; then
    on_get+=("$(rps "$on")"); off_get+=("$(rps "$off")")
    on_304+=("$(rps -H "If-None-Match: $on_etag" "$on")"); off_304+=("$(rps -H "If-None-Match: $off_etag" "$off")")
  else
    off_get+=("$(rps "$off")"); on_get+=("$(rps "$on")")
    off_304+=("$(rps -H "If-None-Match: $off_etag" "$off")"); on_304+=("$(rps -H "If-None-Match: $on_etag" "$on")")
  fi
done
polls=$(curl -fsS -H 'Accept: application/json' "http://127.0.0.1:$on_port/stats" | python3 -c '
import json, sys
stats = json.load(sys.stdin)
feed = [f for f in stats["feeds"] if f["feed"] == "/feeds/desh.rss"][0]
print(feed["today"]["polls"], "counted,", stats["dropped"], "dropped")')
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "corpus: $articles articles; feed $feed; wrk -t$threads -c$conns -d${secs}s, $rounds rounds, ${warmup}s warm-up"
echo "cached gzip GET  req/s  stats on ${on_get[*]}  off ${off_get[*]}"
echo "conditional 304  req/s  stats on ${on_304[*]}  off ${off_304[*]}"
echo "cached gzip GET  median req/s  on $(median "${on_get[@]}")  off $(median "${off_get[@]}")  ratio $(ratio "$(median "${on_get[@]}")" "$(median "${off_get[@]}")")"
echo "conditional 304  median req/s  on $(median "${on_304[@]}")  off $(median "${off_304[@]}")  ratio $(ratio "$(median "${on_304[@]}")" "$(median "${off_304[@]}")")"
echo "polls of $feed on the stats-on server today: $polls"
