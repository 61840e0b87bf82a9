#!/usr/bin/env python3
"""Times API write -> served on a store source of N rows: how long a PUT takes to show in the all-feed.

usage: store-write.py JAR ARCHIVE_DIR [--rounds R] [--port P] [--work DIR] [--java-opts OPTS]

ARCHIVE_DIR is made by `gen-archive.py ARCHIVE_DIR N --store`. The script copies its feeds-config.yaml into a new
work folder (its own embedded store in WORK/data, an API token, the given port, no rescan), fills the store with
`java -jar JAR import ARCHIVE_DIR/articles`, starts the server (`java -jar JAR`, default JVM settings), waits until
it serves and then until its CPU settles (under 5 % of a core over 3 s: the first load and what follows it), and then
R times: PUTs a new article dated 2030 (so it heads the all-feed) and polls /feeds/all.rss every 5 ms until its title
is there. Prints each round, the median, the PUT's own answer time, and the load average before and after.
Standard library only.
"""
import argparse
import datetime
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pravah_bench import await_serving, await_settled, cpu_ticks, request  # noqa: E402

TOKEN = "bench-store-write-kunji"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jar")
    parser.add_argument("archive")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--port", type=int, default=18231)
    parser.add_argument("--work", default=None)
    parser.add_argument("--java-opts", default="")
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="store-write-")
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(args.archive, "feeds-config.yaml"), encoding="utf-8") as f:
        config = f.read()
    config = config.replace("reload: {watch: true, rescanSeconds: 30}", "reload: {watch: false, rescanSeconds: 0}")
    config = "\n".join(f"  port: {args.port}" if line.startswith("  port:") else line for line in config.split("\n"))
    config += "api:\n  tokenSha256: " + hashlib.sha256(TOKEN.encode()).hexdigest() + "\n"
    config_path = os.path.join(work, "feeds-config.yaml")
    with open(config_path, "w", encoding="utf-8") as f:
        f.write(config)
    java = ["java"] + args.java_opts.split() + ["-jar", os.path.abspath(args.jar)]
    log = open(os.path.join(work, "pravah.log"), "a")
    t0 = time.monotonic()
    subprocess.run(java + ["import", os.path.join(os.path.abspath(args.archive), "articles"), "--config",
                           config_path], check=True, stdout=log, stderr=log)
    print(f"import: {time.monotonic() - t0:.1f} s")
    server = subprocess.Popen(java + ["--config", config_path, "--host", "127.0.0.1"], stdout=log, stderr=log)
    try:
        t0 = time.monotonic()
        await_serving(args.port, server, 1800)
        print(f"start to first feed: {time.monotonic() - t0:.1f} s")
        await_settled([server.pid])
        load_before = os.getloadavg()
        served, answered = [], []
        headers = {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"}
        for i in range(1, args.rounds + 1):
            title = f"बेंचमार्क की ख़बर {i} {os.getpid()}"
            body = json.dumps({"title": title, "body": "मापने के लिए लिखी गई ख़बर।", "categories": ["देश"],
                               # a minute later each round, so each heads the all-feed (any number of rounds)
                               "published": (datetime.datetime(2030, 1, 1, 6) + datetime.timedelta(minutes=i))
                               .strftime("%Y-%m-%dT%H:%M:%S+05:30")}, ensure_ascii=False).encode()
            start = time.monotonic()
            status, answer = request(args.port, "PUT", f"/api/articles/bench-{os.getpid()}-{i}", body, headers)
            answered.append((time.monotonic() - start) * 1000)
            if status not in (200, 201):
                sys.exit(f"PUT answered {status}: {answer[:300]!r}")
            needle = title.encode()
            while True:
                status, feed = request(args.port, "GET", "/feeds/all.rss")
                if status == 200 and needle in feed:
                    break
                if time.monotonic() - start > 120:
                    sys.exit("the write was not served within 120 s")
                time.sleep(0.005)
            served.append((time.monotonic() - start) * 1000)
            print(f"round {i}: PUT answered in {answered[-1]:.0f} ms, served after {served[-1]:.0f} ms")
            await_settled([server.pid])
        load_after = os.getloadavg()
        print(f"write -> served, median of {args.rounds}: {statistics.median(served):.0f} ms "
              f"({', '.join(f'{s:.0f}' for s in served)}); PUT answer median {statistics.median(answered):.0f} ms")
        print(f"load average (1, 5, 15 min) before {load_before}, after {load_after}; {os.cpu_count()} cores")
    finally:
        server.terminate()
        server.wait(60)
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
