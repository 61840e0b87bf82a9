#!/usr/bin/env bash
# Real feed readers that run cheaply in CI, on the sample site's RSS and Atom feeds: Debian sfeed (feeds to TSV),
# npm rss-to-json and npm feedparser. Checks that each sees what issue 13 asks of every reader:
#   titles    the Hindi titles exactly as the article files write them (an emoji title and a plain-text export too)
#   image     an image URL for the story whose lead image is a path on the site (/images/…)
#   category  the Hindi category name of that story (its category's label, not the slug)
# Usage: bash .ci/readers.sh [BASE_URL]. Without BASE_URL it starts target/pravah.jar on a copy of the sample site on
# a free loopback port, as conformance.sh does; with one, it reads that server (which must serve the sample site).
# Installs what is missing, and only that: sfeed with apt-get (as root), the npm packages (exact versions) into
# $PRAVAH_READERS_STATE (default /tmp/pravah-readers), outside the repository. Exit 1 on any FAIL, 2 if it cannot run.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
state=${PRAVAH_READERS_STATE:-/tmp/pravah-readers}
RSS_TO_JSON=2.1.1
FEEDPARSER=2.6.0
export no_proxy='*' NO_PROXY='*'   # loopback traffic never goes through a proxy

# ---- the readers, installed when missing
for c in python3 curl node npm; do
  command -v "$c" > /dev/null || { echo "readers: $c is missing" >&2; exit 2; }
done
if ! command -v sfeed > /dev/null; then
  [ "$(id -u)" = 0 ] || { echo "readers: sfeed is missing; as root: apt-get install sfeed" >&2; exit 2; }
  echo "readers: installing Debian sfeed"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sfeed > /dev/null) \
    || { echo "readers: sfeed could not be installed" >&2; exit 2; }
fi
installed() { node -e "console.log(require('$state/node_modules/$1/package.json').version)" 2> /dev/null || true; }
if [ "$(installed rss-to-json)" != "$RSS_TO_JSON" ] || [ "$(installed feedparser)" != "$FEEDPARSER" ]; then
  echo "readers: installing rss-to-json $RSS_TO_JSON and feedparser $FEEDPARSER into $state"
  mkdir -p "$state"
  [ -f "$state/package.json" ] || echo '{"private": true}' > "$state/package.json"
  (cd "$state" && npm install --no-audit --no-fund --silent --save-exact \
    "rss-to-json@$RSS_TO_JSON" "feedparser@$FEEDPARSER") || { echo "readers: npm install failed" >&2; exit 2; }
fi
export NODE_PATH="$state/node_modules"

# ---- the server
if [ $# -ge 1 ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  base=${1%/}
else
  # shellcheck source=sample-site.sh
  . "$repo/.ci/sample-site.sh"
  start_sample_site readers 2
fi

# ---- what each reader sees: one JSON line per item, {"title", "images", "categories"}
for feed in all.rss all.atom; do
  curl -fsS "$base/feeds/$feed" > "$work/$feed" || { echo "readers: cannot fetch $base/feeds/$feed" >&2; exit 2; }
  # sfeed reads the bytes from stdin; fields 2, 8 and 9 are title, enclosure and categories ('|'-separated)
  sfeed < "$work/$feed" | python3 -c '
import json, sys
for row in sys.stdin.buffer.read().decode("utf-8").split("\n"):
    if row:
        f = row.split("\t") + [""] * 9
        print(json.dumps({"title": f[1], "images": [f[7]] if f[7] else [],
                          "categories": [c for c in f[8].split("|") if c]}, ensure_ascii=False))
' > "$work/sfeed.$feed.jsonl" 2> "$work/sfeed.$feed.err" || true
  for reader in rss-to-json feedparser; do
    timeout 60 node "$repo/.ci/readers.cjs" "$reader" "$base/feeds/$feed" > "$work/$reader.$feed.jsonl" \
      2> "$work/$reader.$feed.err" || true
  done
done

# ---- the checks, against the article files themselves
python3 - "$repo/articles" "$work" << 'EOF'
import json, pathlib, sys, unicodedata

articles, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
nfc = lambda s: unicodedata.normalize("NFC", s) if isinstance(s, str) else s

def export_title(path):
    """The title of a plain-text export: the line after the 'Hindi News …' breadcrumb."""
    lines = [l.strip().lstrip("\ufeff") for l in path.read_text("utf-8").splitlines() if l.strip()]
    return lines[lines.index(next(l for l in lines if l.startswith("Hindi News"))) + 1]

pictured = json.loads((articles / "desh/rajya/sethani-bawdi.json").read_text("utf-8"))
titles = [pictured["title"],
          json.loads((articles / "khel/tirandazi-asiai-dal.json").read_text("utf-8"))["title"],
          export_title(articles / "desh/kohra-rajmarg-suraksha.txt")]
image_path = pictured["image"]["url"]          # a path on the site: readers get it made absolute
category = pictured["categories"][0]           # written as its category's Hindi label

passed = failed = 0
for reader in ("sfeed", "rss-to-json", "feedparser"):
    for feed in ("all.rss", "all.atom"):
        out = work / f"{reader}.{feed}.jsonl"
        items = [json.loads(l) for l in out.read_text("utf-8").splitlines() if l.strip()] if out.exists() else []
        results = []
        if not items:
            err = (work / f"{reader}.{feed}.err").read_text("utf-8", "replace").strip().splitlines()
            results = [("titles", False, "no items read" + (": " + err[0][:100] if err else ""))]
        else:
            seen = {nfc(i.get("title")) for i in items}
            missing = [t for t in titles if nfc(t) not in seen]
            near = [i.get("title") for i in items for t in missing
                    if isinstance(i.get("title"), str) and i["title"][:20] == t[:20]]
            results.append(("titles", not missing, f"{len(titles) - len(missing)}/{len(titles)} as written"
                            + (f"; read as {near[0]!r}" if near else "; missing " + repr(missing[0]) if missing else "")))
            item = next((i for i in items if nfc(i.get("title")) == nfc(pictured["title"])), None)
            if item is None:
                results.append(("image", False, "the pictured story was not read"))
                results.append(("category", False, "the pictured story was not read"))
            else:
                ok = any(u.startswith("http") and u.endswith(image_path) for u in item["images"])
                results.append(("image", ok, next((u for u in item["images"] if u.endswith(image_path)), None)
                                or f"no image URL ending in {image_path} (images: {item['images']})"))
                ok = nfc(category) in {nfc(c) for c in item["categories"]}
                results.append(("category", ok, category if ok else f"no {category!r} in {item['categories']}"))
        for check, ok, detail in results:
            passed, failed = passed + ok, failed + (not ok)
            print(f"  {reader:12} {feed:9} {check:9} {'OK  ' if ok else 'FAIL'} {detail}")
print(f"readers: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
EOF
