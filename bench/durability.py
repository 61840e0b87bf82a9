#!/usr/bin/env python3
"""Crash-tests the publish API's store: acknowledged writes must survive `kill -9`, and every restart must open.

usage: durability.py [--jar target/pravah.jar] [--cycles 30] [--burst 40] [--writers 4] [--churn-mb 2]
                     [--settle 0] [--store-url JDBC-URL] [--workdir DIR] [--keep]

What one run does, on a new site in a temporary folder (loopback only):
  1. starts the server (java -jar JAR) with one `store` source and an API token;
  2. churn: writes --churn-mb of large articles (about 200 KB each) and deletes them again, then waits --settle
     seconds: what aged stores lost in the report that led to this script;
  3. --cycles times: --writers threads PUT small articles (unique ids, Hindi text) as fast as the server answers;
     after a random number of acknowledgements (up to --burst) the server is killed with SIGKILL while the writers
     are still sending. Every third cycle the next start is also stopped cleanly (SIGTERM) and started once more.
     After each restart, every write that was ever acknowledged (201/200) is read back through the API; a missing
     article or an older revision is a lost write;
  4. prints one line per cycle and a summary: acknowledged, lost, starts that failed.

Exit status 1 when a write was lost or a start failed. The numbers go to BENCHMARKS.md with the command and machine.
"""
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

TOKEN = "durability-check-token"
CONFIG = """site:
  title: "टिकाऊपन जाँच"
  baseUrl: "http://127.0.0.1:{port}"
  language: hi
  timeZone: Asia/Kolkata
server:
  port: {port}
api:
  tokenSha256: ["{sha}"]
categories:
  - slug: desh
    label: देश
sources:
  - name: cms
    type: store
{store}"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, jar, folder, port):
        self.jar, self.folder, self.port = jar, folder, port
        self.process = None
        self.log = os.path.join(folder, "server.log")

    def start(self, timeout=60):
        """Starts the server and waits until /status answers; False (with the log's tail printed) if it exits."""
        out = open(self.log, "a", encoding="utf-8")
        out.write("\n==== start\n")
        out.flush()
        self.process = subprocess.Popen(
            ["java", "-jar", self.jar, "--config", os.path.join(self.folder, "feeds-config.yaml")],
            stdout=out, stderr=subprocess.STDOUT, cwd=self.folder)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/status")
                ok = c.getresponse().status == 200
                c.close()
                if ok:
                    return True
            except OSError:
                pass
            time.sleep(0.05)
        return False

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)

    def tail(self, lines=8):
        with open(self.log, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:])


def request(port, method, path, body=None, timeout=30):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Authorization": "Bearer " + TOKEN}
    data = None
    if body is not None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers["Content-Type"] = "application/json"
    try:
        c.request(method, path, body=data, headers=headers)
        r = c.getresponse()
        return r.status, r.read(), r.getheader("ETag")
    finally:
        c.close()


def article(article_id, words):
    text = " ".join(["प्रवाह की टिकाऊपन जाँच में यह वाक्य बार-बार लिखा गया है।"] * words)
    return {"id": article_id, "title": "जाँच का लेख " + article_id, "summary": "एक छोटा सार।",
            "body": text, "categories": ["desh"], "published": "2026-12-01T10:00:00+05:30"}


def churn(port, megabytes):
    """Large articles written and deleted: a store that has grown and shrunk, as a real one has."""
    ids = ["bhari-%d" % i for i in range(max(1, int(megabytes * 5)))]
    for i in ids:
        status, _, _ = request(port, "PUT", "/api/articles/" + i, article(i, 3000))
        if status not in (200, 201):
            sys.exit("churn: PUT %s answered %d" % (i, status))
    for i in ids:
        request(port, "DELETE", "/api/articles/" + i)


def burst(port, writers, stop_after, acknowledged, lock, cycle):
    """Writers PUT until the server dies; each acknowledged id and revision lands in `acknowledged`."""
    counter = [0]
    enough = threading.Event()

    def write(w):
        n = 0
        while True:
            n += 1
            i = "c%d-w%d-%d" % (cycle, w, n)
            try:
                status, _, etag = request(port, "PUT", "/api/articles/" + i, article(i, 3), timeout=10)
            except OSError:
                return
            if status in (200, 201):
                with lock:
                    acknowledged[i] = int(etag.strip('"'))
                    counter[0] += 1
                    if counter[0] >= stop_after:
                        enough.set()
            elif status >= 500:
                return

    threads = [threading.Thread(target=write, args=(w,), daemon=True) for w in range(writers)]
    for t in threads:
        t.start()
    return threads, enough


def missing(port, acknowledged):
    lost = []
    for i, revision in acknowledged.items():
        status, body, etag = request(port, "GET", "/api/articles/" + i)
        if status != 200 or int(etag.strip('"')) < revision:
            lost.append(i)
    return lost


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jar", default="target/pravah.jar")
    p.add_argument("--cycles", type=int, default=30)
    p.add_argument("--burst", type=int, default=40)
    p.add_argument("--writers", type=int, default=4)
    p.add_argument("--churn-mb", type=float, default=2)
    p.add_argument("--settle", type=float, default=0)
    p.add_argument("--workdir")
    p.add_argument("--keep", action="store_true")
    p.add_argument("--store-url", help="another store (default: the embedded one under the site's data folder)")
    args = p.parse_args()
    jar = os.path.abspath(args.jar)
    folder = args.workdir or tempfile.mkdtemp(prefix="pravah-durability-")
    os.makedirs(folder, exist_ok=True)
    port = free_port()
    import hashlib
    with open(os.path.join(folder, "feeds-config.yaml"), "w", encoding="utf-8") as f:
        f.write(CONFIG.format(port=port, sha=hashlib.sha256(TOKEN.encode()).hexdigest(),
                             store="store:\n  url: \"%s\"\n" % args.store_url if args.store_url else ""))
    server = Server(jar, folder, port)
    random.seed(16)
    acknowledged, lock = {}, threading.Lock()
    total_lost, failed_starts = 0, 0
    try:
        if not server.start():
            sys.exit("the first start failed:\n" + server.tail())
        churn(port, args.churn_mb)
        time.sleep(args.settle)  # the report's "aged" store: nothing written for a while before the crashes
        for cycle in range(1, args.cycles + 1):
            threads, enough = burst(port, args.writers, random.randint(1, args.burst), acknowledged, lock, cycle)
            enough.wait(timeout=60)
            server.kill()
            for t in threads:
                t.join(timeout=30)
            starts = 2 if cycle % 3 == 0 else 1
            opened = True
            for s in range(starts):
                if not server.start():
                    opened = False
                    failed_starts += 1
                    print("cycle %d: the store did not open:\n%s" % (cycle, server.tail()), flush=True)
                    break
                if s + 1 < starts:
                    server.stop()
            if not opened:
                break
            with lock:
                snapshot = dict(acknowledged)
            lost = missing(port, snapshot)
            total_lost += len(lost)
            for i in lost:
                acknowledged.pop(i, None)  # counted once
            print("cycle %d: %d acknowledged so far, %d lost%s" % (
                cycle, len(snapshot), len(lost), "" if not lost else " (" + ", ".join(lost[:5]) + ")"), flush=True)
        server.stop()
    finally:
        if server.process and server.process.poll() is None:
            server.kill()
    print("summary: %d cycles, %d writes acknowledged, %d lost, %d starts failed (folder %s)" % (
        args.cycles, len(acknowledged) + total_lost, total_lost, failed_starts, folder))
    if not args.keep and not args.workdir and total_lost == 0 and failed_starts == 0:
        shutil.rmtree(folder, ignore_errors=True)
    sys.exit(1 if total_lost or failed_starts else 0)


if __name__ == "__main__":
    main()
