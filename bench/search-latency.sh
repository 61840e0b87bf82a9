#!/usr/bin/env bash
# ?q= over HTTP against a running server on a bench/gen-archive.py archive: median and p95 of curl's time_total per
# filtered feed URL (each asked 5 times first), and the items the RSS answer holds.
#   bash bench/search-latency.sh http://127.0.0.1:PORT [RUNS]        # default 30 runs a URL
set -euo pipefail
base=$1; runs=${2:-30}
enc() { python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
while IFS='|' read -r name path; do
  for i in $(seq 1 5); do curl -s -o /dev/null "$base$path"; done
  times=$(for i in $(seq 1 "$runs"); do curl -s -o /dev/null -w '%{time_total}\n' "$base$path"; done | sort -n)
  items=$(curl -s "$base$path" | grep -c '<item>' || true)
  med=$(echo "$times" | awk -v n="$runs" 'NR==int((n+1)/2){printf "%.1f", $1*1000}')
  p95=$(echo "$times" | awk -v n="$runs" 'NR==int(n*0.95+0.999){printf "%.1f", $1*1000}')
  printf '%-34s %6s items  median %7s ms  p95 %7s ms\n' "$name" "$items" "$med" "$p95"
done <<LIST
plain all-feed (cached)|/feeds/all.rss
common word|/feeds/all.rss?q=$(enc योजना)
nukta left out (जिला)|/feeds/all.rss?q=$(enc जिला)
rare (article number)|/feeds/all.rss?q=4711
two words|/feeds/all.rss?q=$(enc 'जयपुर सड़क')
tag only|/feeds/all.rss?tag=$(enc मानसून)
category + word|/feeds/khel/cricket.rss?q=$(enc स्टेडियम)
category + tag + word, page 3|/feeds/desh.rss?q=$(enc बजट)&tag=$(enc किसान)&page=3
HTML page, common word|/feeds/all?q=$(enc योजना)
LIST
