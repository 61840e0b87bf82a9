#!/usr/bin/env python3
"""Edit → served on a running server: saves an old article as an editor does and times until a feed serves it.

usage: edit-served.py ARTICLES_DIR PORT [--rounds 5] [--warmup 0] [--seed S] [--feed /feeds/all.rss] [--gap-ms 1500]

Each round gives a random article of ARTICLES_DIR (a YEAR/MONTH archive of bench/gen-archive.py) a new title and a
2030 date, so that it becomes the newest, writes it to a new file and renames that over the article (as editors and
rsync save), then asks for the feed with If-None-Match of the ETag it had until the answer is a 200 with another ETag.
The time is from the rename to that answer. Rename and polling are one process, polling every 2 ms on one kept-alive
connection, so neither a tool's start nor a poll interval is in the figure; a conditional GET is what an aggregator
sends. The server's own share comes from /metrics when it has one: the catalogue reload (pravah_reload_seconds) and
the rendering of feeds (pravah_render_seconds) between the rename and the answer.
--warmup N makes N edits first, not counted: the JIT compiles the edit path over the first few edits of a server.
Prints one line per round and the median of the counted ones.
"""
import argparse
import http.client
import json
import os
import random
import re
import statistics
import sys
import time


def pick(articles, rng):
    """A random article file: a random year, month, then file (a walk of a million files would take longer)."""
    folder = articles
    while True:
        names = sorted(os.listdir(folder))
        if not names:
            return None
        folder = os.path.join(folder, rng.choice(names))
        if os.path.isfile(folder):
            return folder if folder.endswith(".json") else None


def metric_sums(connection):
    """Seconds spent so far in reloads and renders, from the Prometheus text; {} when there is no /metrics."""
    connection.request("GET", "/metrics")
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    if response.status != 200:
        return {}
    sums = {}
    for name in ("pravah_reload_seconds_sum", "pravah_render_seconds_sum"):
        sums[name] = sum(float(v) for v in re.findall(r"^" + name + r"(?:\{[^}]*\})? (\S+)$", text, re.M))
    return sums


def fetch_etag(connection, feed, etag=None):
    headers = {"If-None-Match": etag} if etag else {}
    connection.request("GET", feed, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status, response.getheader("ETag")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("articles")
    parser.add_argument("port", type=int)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--feed", default="/feeds/all.rss")
    parser.add_argument("--gap-ms", type=int, default=1500)
    parser.add_argument("--timeout-ms", type=int, default=60000)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=10)
    times = []
    for i in range(1, args.warmup + args.rounds + 1):
        target = None
        while target is None:
            target = pick(args.articles, rng)
        status, before = fetch_etag(connection, args.feed)
        if status != 200:
            sys.exit(f"{args.feed} answered {status}")
        article = json.load(open(target, encoding="utf-8"))
        article["title"] = f"ताज़ा बदलाव {args.seed}-{i}: " + article["title"]
        article["published"] = f"2030-01-{1 + i % 28:02d}T10:{i % 60:02d}:00+05:30"
        with open(target + ".tmp", "w", encoding="utf-8") as out:
            out.write(json.dumps(article, ensure_ascii=False))
        sums = metric_sums(connection)
        start = time.monotonic()
        os.rename(target + ".tmp", target)
        deadline = start + args.timeout_ms / 1000
        while True:
            status, etag = fetch_etag(connection, args.feed, before)
            if status == 200 and etag != before:
                break
            if time.monotonic() > deadline:
                sys.exit(f"the edit of {target} was not served within {args.timeout_ms} ms")
            time.sleep(0.002)
        took = (time.monotonic() - start) * 1000
        after = metric_sums(connection)
        share = "  ".join(f"{k.split('_')[1]} {1000 * (after[k] - sums[k]):.0f} ms" for k in sorted(sums))
        counted = i > args.warmup
        name = os.path.relpath(target, args.articles)
        print(f"{'round' if counted else 'warm-up'} {i}: {took:.0f} ms  {share}  {name}", flush=True)
        if counted:
            times.append(took)
        time.sleep(args.gap_ms / 1000)
    print(f"edit → served: median {statistics.median(times):.0f} ms of " + ", ".join(f"{t:.0f}" for t in times))


if __name__ == "__main__":
    main()
