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
rm -f "$repo/target/pravah.jsa"
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

rps() { wrk -t$threads -c$conns -d"${secs}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
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
p_gzip_runs=(); n_gzip_runs=(); p_304_runs=(); n_304_runs=()
for _ in $(seq "$rounds"); do
  p_gzip_runs+=("$(rps -H 'Accept-Encoding: gzip' "$base$feed")")
  n_gzip_runs+=("$(rps -H 'Accept-Encoding: gzip' "http://127.0.0.1:$nport$feed")")
  p_304_runs+=("$(rps -H 'Accept-Encoding: gzip' -H "If-None-Match: $etag" "$base$feed")")
  n_304_runs+=("$(rps -H 'Accept-Encoding: gzip' -H "If-None-Match: $netag" "http://127.0.0.1:$nport$feed")")
done
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
echo "cached gzip GET  median req/s  pravah $p_gzip  nginx $n_gzip  ratio $(ratio "$p_gzip" "$n_gzip")"
echo "conditional 304  median req/s  pravah $p_304  nginx $n_304  ratio $(ratio "$p_304" "$n_304")"
echo "change to new ETag served (ms):       $change"
