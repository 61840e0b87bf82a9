#!/usr/bin/env bash
# Load benchmark: Pravah against nginx serving the same feed bytes, on loopback, bounded runs.
#   bash bench/load.sh [ARTICLES] [SECONDS] [ROUNDS]      (defaults 10000, 10 and 5)
# Needs wrk, nginx and python3 (Debian: apt-get install -y wrk nginx-light python3). Prints each figure and the
# Pravah/nginx ratios.
# Each throughput figure is measured ROUNDS times, Pravah and nginx alternating, and the medians are compared: on a
# small shared machine a single run of either can be off by half, and alternating spreads that over both.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
articles=${1:-10000}
secs=${2:-10}
# five: a single round of either server can be off by a third on a small shared machine
rounds=${3:-5}
threads=2
conns=32
command -v wrk > /dev/null && command -v nginx > /dev/null || { echo "install wrk and nginx first" >&2; exit 2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

[ -f "$repo/target/pravah.jar" ] || (cd "$repo" && mvn -B -ntp -q -DskipTests package)
port=$(free_port)
python3 "$repo/bench/corpus.py" "$work/site" "$articles" "$port"
feed=/feeds/desh.rss
base="http://127.0.0.1:$port"

start_pravah() {
  "$repo/bin/pravah" --config "$work/site/feeds-config.yaml" --host 127.0.0.1 >> "$work/pravah.log" 2>&1 &
  pravah=$!
  pids+=($pravah)
  # 503 until the first catalogue is built
  if ! python3 "$repo/bench/await.py" "$base$feed" --pid "$pravah" --timeout-ms 60000; then
    cat "$work/pravah.log" >&2; echo "pravah did not serve $feed" >&2; exit 1
  fi
}

# the first start of a new build on new data: no class-data archive (bin/pravah writes one when this server stops)
# and no article cache (written to the site's data folder)
jar=${PRAVAH_JAR:-$repo/target/pravah.jar}  # bin/pravah runs PRAVAH_JAR when set: an older build to compare with
rm -f "${jar%.jar}.jsa"
start=$(now_ms)
start_pravah
cold=$(( $(now_ms) - start ))

# nginx serves the very bytes Pravah serves, gzip precomputed like ours
mkdir -p "$work/www/feeds"
curl -fsS "$base$feed" -o "$work/www$feed"
gzip -9 -k -n "$work/www$feed"
nport=$(free_port)
cat > "$work/nginx.conf" <<NGINX
# as Debian ships it: one worker per core (one worker would halve nginx on two cores and flatter us)
worker_processes auto;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  # both servers log every request to a file, as they would in production (Pravah's access log goes to stderr)
  access_log $work/nginx-access.log;
  types { application/rss+xml rss; }
  charset utf-8;
  charset_types application/rss+xml;
  gzip_static on;
  server {
    listen 127.0.0.1:$nport;
    root $work/www;
    location / { add_header Vary Accept-Encoding; }
  }
}
NGINX
# nginx's workers run as an unprivileged user: let them read the copied feed
chmod 755 "$work"
chmod -R a+rX "$work/www"
nginx -c "$work/nginx.conf" -p "$work" &
pids+=($!)
nstart=$(now_ms)
until curl -fsS -o /dev/null "http://127.0.0.1:$nport$feed" 2> /dev/null; do
  if [ $(( $(now_ms) - nstart )) -gt 20000 ]; then
    cat "$work/nginx-error.log" >&2; echo "nginx did not serve $feed" >&2; exit 1
  fi
  sleep 0.02
done

# each round also gives the server's CPU time per request (user + system of all its processes, /proc/PID/stat): on a
# shared machine it moves far less with the neighbours than req/s does (bench/stats-load.sh)
hz=$(getconf CLK_TCK)
jvm() {  # bin/pravah execs java when the class archive exists, and runs it as its child when it writes one
  if [ "$(cat "/proc/$1/comm")" = java ]; then echo "$1"; return; fi
  local child
  for child in $(cat "/proc/$1/task/$1/children"); do
    [ "$(cat "/proc/$child/comm")" = java ] && { echo "$child"; return; }
  done
}
pravah_jvm=$(jvm "$pravah")
nginx_master=${pids[-1]}
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo $t; }
nginx_pids() { echo "$nginx_master $(cat "/proc/$nginx_master/task/$nginx_master/children")"; }
rps() {  # server (pravah|nginx), wrk arguments -> "req/s CPU-µs-per-request"
  local who=$1 before after out
  shift
  # shellcheck disable=SC2046 # a list of pids
  if [ "$who" = pravah ]; then before=$(ticks "$pravah_jvm"); else before=$(ticks $(nginx_pids)); fi
  out=$(wrk -t$threads -c$conns -d"${secs}s" "$@")
  # shellcheck disable=SC2046
  if [ "$who" = pravah ]; then after=$(ticks "$pravah_jvm"); else after=$(ticks $(nginx_pids)); fi
  awk -v t=$((after - before)) -v hz="$hz" '/requests in/ { n = $1 } /Requests\/sec/ { r = $2 }
    END { printf "%s %.1f\n", r, t * 1e6 / hz / n }' <<< "$out"
}
etag=$(curl -fsS -D - -o /dev/null "$base$feed" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
netag=$(curl -fsS -D - -o /dev/null "http://127.0.0.1:$nport$feed" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$base$feed")" = 304 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $netag" "http://127.0.0.1:$nport$feed")" = 304 ]

# both servers get the same unmeasured warm-up first: 20 s of GETs and 10 s of 304s. A JVM needs it to compile its
# request path; measured in 5-second rounds from a start, Pravah's GET rate climbed from about 6 000 to 17 000 req/s
# over the first 15 s and then held at 23 000-25 000, with the JVM's default JIT settings as with bin/pravah's
# (BENCHMARKS.md). Until run 9 the warm-up was 5 s, and the measured rounds began inside that climb.
wrk -t$threads -c$conns -d20s -H 'Accept-Encoding: gzip' "$base$feed" > /dev/null
wrk -t$threads -c$conns -d10s -H 'Accept-Encoding: gzip' -H "If-None-Match: $etag" "$base$feed" > /dev/null
wrk -t$threads -c$conns -d20s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$nport$feed" > /dev/null
wrk -t$threads -c$conns -d10s -H 'Accept-Encoding: gzip' -H "If-None-Match: $netag" "http://127.0.0.1:$nport$feed" \
  > /dev/null
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
p_gzip_runs=(); n_gzip_runs=(); p_304_runs=(); n_304_runs=()
p_gzip_cpu=(); n_gzip_cpu=(); p_304_cpu=(); n_304_cpu=()
for _ in $(seq "$rounds"); do
  read -r r c < <(rps pravah -H 'Accept-Encoding: gzip' "$base$feed"); p_gzip_runs+=("$r"); p_gzip_cpu+=("$c")
  read -r r c < <(rps nginx -H 'Accept-Encoding: gzip' "http://127.0.0.1:$nport$feed"); n_gzip_runs+=("$r")
  n_gzip_cpu+=("$c")
  read -r r c < <(rps pravah -H 'Accept-Encoding: gzip' -H "If-None-Match: $etag" "$base$feed"); p_304_runs+=("$r")
  p_304_cpu+=("$c")
  read -r r c < <(rps nginx -H 'Accept-Encoding: gzip' -H "If-None-Match: $netag" "http://127.0.0.1:$nport$feed")
  n_304_runs+=("$r"); n_304_cpu+=("$c")
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
p_gzip=$(median "${p_gzip_runs[@]}"); n_gzip=$(median "${n_gzip_runs[@]}")
p_304=$(median "${p_304_runs[@]}"); n_304=$(median "${n_304_runs[@]}")

# change-to-serve: rewrite one article of the feed and poll until the new ETag is served
target=$(grep -l '"categories": \["desh"\]' "$work"/site/articles/desh/*.json | sed -n 1p)  # sed reads all: head would end grep with SIGPIPE
before=$(curl -fsS -D - -o /dev/null "$base$feed" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
python3 - "$target" <<'PY'
import json, sys
p = sys.argv[1]; a = json.load(open(p, encoding="utf-8"))
a["title"] = "ताज़ा बदलाव: " + a["title"]; a["published"] = "2026-12-31T23:59:00+05:30"
open(p + ".tmp", "w", encoding="utf-8").write(json.dumps(a, ensure_ascii=False))
PY
t0=$(now_ms)
mv "$target.tmp" "$target"
python3 "$repo/bench/await.py" "$base$feed" --etag-not "$before" --timeout-ms 10000 \
  || { echo "change not served within 10 s" >&2; exit 1; }
change=$(( $(now_ms) - t0 ))

# restarts on the same articles: the class-data archive and the article cache are read back. The first follows the
# edit above (that file is read and normalised again: it was too fresh to be cached); five give a median.
restarts=()
for _ in 1 2 3 4 5; do
  kill "$pravah"; wait "$pravah" 2> /dev/null || true
  start=$(now_ms)
  start_pravah
  restarts+=($(( $(now_ms) - start )))
done
restart=$(median "${restarts[@]}")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "corpus: $articles articles, 30 categories; feed $feed; wrk -t$threads -c$conns -d${secs}s, $rounds rounds"
echo "first start to first feed (ms):       $cold   (new build, new data: no class archive, no article cache)"
echo "restart to first feed (ms):           median $restart of ${restarts[*]}   (class archive and article cache in place)"
echo "cached gzip GET  req/s  pravah ${p_gzip_runs[*]}  nginx ${n_gzip_runs[*]}"
echo "conditional 304  req/s  pravah ${p_304_runs[*]}  nginx ${n_304_runs[*]}"
echo "load average before/after the rounds: $load_before / $load_after"
echo "cached gzip GET  CPU µs/request  pravah ${p_gzip_cpu[*]}  nginx ${n_gzip_cpu[*]}"
echo "conditional 304  CPU µs/request  pravah ${p_304_cpu[*]}  nginx ${n_304_cpu[*]}"
echo "CPU µs/request medians: gzip GET pravah $(median "${p_gzip_cpu[@]}") nginx $(median "${n_gzip_cpu[@]}"); 304 pravah $(median "${p_304_cpu[@]}") nginx $(median "${n_304_cpu[@]}")"
echo "cached gzip GET  median req/s  pravah $p_gzip  nginx $n_gzip  ratio $(ratio "$p_gzip" "$n_gzip")"
echo "conditional 304  median req/s  pravah $p_304  nginx $n_304  ratio $(ratio "$p_304" "$n_304")"
echo "change to new ETag served (ms):       $change"
