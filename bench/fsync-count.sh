#!/usr/bin/env bash
# Counts the fsync/fdatasync calls the server makes while the publish API acknowledges 20 writes: a write is durable
# against a power cut only if something reaches the disk before the answer, so the count must be at least 20.
#   bash bench/fsync-count.sh [JAR] [STORE_URL]     (default: target/pravah.jar and the embedded store)
# Needs strace (Debian: apt-get install strace). A temporary site on a free loopback port; removed afterwards.
set -euo pipefail
jar=$(realpath "${1:-target/pravah.jar}")
url=${2:-}
site=$(mktemp -d)
trap 'pkill -f "$site/feeds-config.yaml" || true; rm -rf "$site"' EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sha=$(printf %s fsync-token | sha256sum | cut -d' ' -f1)
{
  echo "site: {title: जाँच, baseUrl: \"http://127.0.0.1:$port\"}"
  echo "server: {port: $port}"
  echo "api: {tokenSha256: [$sha]}"
  echo "categories: [{slug: desh, label: देश}]"
  echo "sources: [{name: cms, type: store}]"
  if [ -n "$url" ]; then echo "store: {url: \"$url\"}"; fi
} > "$site/feeds-config.yaml"
strace -f -qq -e trace=fsync,fdatasync -o "$site/trace" java -jar "$jar" --config "$site/feeds-config.yaml" \
  > "$site/server.log" 2>&1 &
python3 "$(dirname "$0")/await.py" "http://127.0.0.1:$port/status" --timeout-ms 120000
syncs() { grep -c -E 'f(data)?sync\(' "$site/trace" || true; }
before=$(syncs)
codes=""
for i in $(seq 20); do
  codes+=$(curl -s -o /dev/null -w '%{http_code} ' -X PUT "http://127.0.0.1:$port/api/articles/lekh-$i" \
    -H 'Authorization: Bearer fsync-token' -H 'Content-Type: application/json' \
    --data-binary "{\"title\": \"ख़बर $i\", \"categories\": [\"desh\"]}")
done
after=$(syncs)
echo "answers: $codes"
echo "fsync/fdatasync calls while 20 writes were acknowledged: $((after - before))"
