#!/usr/bin/env python3
"""Times API write -> served across a 2-process PostgreSQL cluster of N rows, one write at a time and 50 writes/s.

usage: cluster-write.py JAR ARCHIVE_DIR [--rounds 20] [--rate 50] [--seconds 60] [--work DIR] [--java-opts OPTS]
                        [--keep] [--embedded]

ARCHIVE_DIR is made by `gen-archive.py ARCHIVE_DIR N --store`. The script
- starts a PostgreSQL of its own from Debian's `postgresql` package (initdb and pg_ctl as user postgres in a new
  folder, a free port on 127.0.0.1 only, trust authentication, default settings otherwise, so fsync on), stopped and
  removed at the end (with --keep: the folders are left, the server still stopped);
- writes two configs from the archive's (one shared store URL, an API token, its own free port and data folder each,
  no rescan), fills the store with `java -jar JAR import ARCHIVE_DIR/articles`, starts processes A and B
  (`java -jar JAR`, default JVM settings unless --java-opts) and waits until both serve and their CPU settles;
- (a) R times: PUTs a new article dated 2030 (so it heads the all-feed) on A and polls /feeds/all.rss on A and on B
  (a thread each, every 5 ms or --poll-ms) until its id is there; prints each round, median and p95 per process;
- (b) RATE writes/s for SECONDS s, alternately on A and B (each on its schedule, from a pool of writer threads), each
  dated a second after the one before, while a thread per process polls its all-feed and notes when each write's id
  first shows (lag = that moment minus the moment its PUT was sent); then asks each process for every write's page
  (/articles/archive/ID, served from the process's own catalogue) to prove nothing is lost. A write served more than
  a feed's worth of writes late (50 items at 50/s: about 1 s) can scroll out of the top 50 before a poll sees it;
  such writes are counted as "not seen in the feed", and the page check still tells served from lost.
With --embedded: no PostgreSQL and one process, A, on the embedded store (WORK/A/data), every write on it.
Prints the CPU each part used (A, B, PostgreSQL with its backends, this script) and the load average.
Standard library only.
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pravah_bench import await_serving, await_settled, cpu_ticks, request  # noqa: E402

TOKEN = "bench-cluster-write-kunji"
GUID = re.compile(rb"/articles/archive/(cw-[0-9a-z-]+)</guid>")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_cpu(pid, children=False):
    """CPU seconds of a process (with its reaped children's: PostgreSQL's backends exit into the postmaster's)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if children else 0)
    return ticks / os.sysconf("SC_CLK_TCK")


def postgres_cpu(postmaster):
    total = process_cpu(postmaster, children=True)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == postmaster:
                        total += process_cpu(int(entry))
            except (OSError, ValueError):
                pass
    return total


def cpu_counts(pids, postgres):
    own = os.times()
    counts = {name: process_cpu(pid) for name, pid in pids.items()}
    if postgres:
        counts["PostgreSQL"] = postgres_cpu(postgres.postmaster())
    counts["this script"] = own.user + own.system
    counts["wall"] = time.monotonic()
    return counts


def print_cpu(label, before, after):
    wall = after["wall"] - before["wall"]
    used = ", ".join(f"{name} {(after[name] - before[name]) / wall:.2f}" for name in after if name != "wall")
    print(f"{label} CPU, cores on average over {wall:.0f} s: {used}; machine load average {os.getloadavg()[0]:.1f}")


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class Postgres:
    """A throw-away PostgreSQL cluster; initdb refuses root, so it runs as the postgres user."""

    def __init__(self, folder):
        self.folder = folder
        self.data = os.path.join(folder, "pgdata")
        self.port = free_port()
        self.bin = self.find_bin()

    @staticmethod
    def find_bin():
        root = "/usr/lib/postgresql"
        if not os.path.isdir(root):
            subprocess.run(["apt-get", "install", "-y", "postgresql"], check=True, stdout=subprocess.DEVNULL)
        version = max(os.listdir(root), key=int)
        return os.path.join(root, version, "bin")

    def as_postgres(self, *command):
        subprocess.run(["runuser", "-u", "postgres", "--"] + list(command), check=True, stdout=subprocess.DEVNULL)

    def start(self):
        os.makedirs(self.folder, exist_ok=True)
        shutil.chown(self.folder, "postgres", "postgres")
        self.as_postgres(os.path.join(self.bin, "initdb"), "-D", self.data, "-U", "pravah", "-A", "trust",
                         "-E", "UTF8", "--locale=C.UTF-8")
        self.as_postgres(os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l", os.path.join(self.folder, "pg.log"),
                         "-w", "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1", "start")
        self.as_postgres(os.path.join(self.bin, "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "pravah",
                         "pravah")
        return f"jdbc:postgresql://127.0.0.1:{self.port}/pravah"

    def postmaster(self):
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            return int(f.readline())

    def stop(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            self.as_postgres(os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop")


def stop_all(servers, postgres):
    """Stops the servers (all asked first, then awaited) and then their PostgreSQL, if any."""
    for server in servers:
        server.terminate()
    for server in servers:
        server.wait(60)
    if postgres:
        postgres.stop()


def write_config(archive, folder, port, store_url):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(archive, "feeds-config.yaml"), encoding="utf-8") as f:
        config = f.read()
    config = config.replace("reload: {watch: true, rescanSeconds: 30}", "reload: {watch: false, rescanSeconds: 0}")
    config = "\n".join(f"  port: {port}" if line.startswith("  port:") else line for line in config.split("\n"))
    if store_url:
        config += f"store:\n  url: {store_url}\n  user: pravah\n"
    config += ("api:\n  tokenSha256: " + hashlib.sha256(TOKEN.encode()).hexdigest() + "\n")
    path = os.path.join(folder, "feeds-config.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(config)
    return path


def article(n, label):
    # published a second apart, so that in the all-feed a later write always heads an earlier one
    day, second = divmod(n, 86400)
    published = f"2030-01-{1 + day:02d}T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}+05:30"
    return json.dumps({"title": f"क्लस्टर बेंचमार्क की ख़बर {label}", "body": "मापने के लिए लिखी गई ख़बर।",
                       "categories": ["देश"], "published": published}, ensure_ascii=False).encode()


HEADERS = {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"}


def put(port, article_id, body):
    status, answer = request(port, "PUT", f"/api/articles/{article_id}", body, HEADERS)
    if status not in (200, 201):
        raise RuntimeError(f"PUT {article_id} on port {port} answered {status}: {answer[:300]!r}")


class FeedWatcher(threading.Thread):
    """Polls one process's all-feed and notes the first moment each bench id shows."""

    def __init__(self, port, interval):
        super().__init__(daemon=True)
        self.port, self.interval = port, interval
        self.first_seen = {}
        self.polls = 0
        self.errors = 0
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            try:
                status, feed = request(self.port, "GET", "/feeds/all.rss")
                now = time.monotonic()
                self.polls += 1
                if status == 200:
                    for found in GUID.findall(feed):
                        self.first_seen.setdefault(found.decode(), now)
                else:
                    self.errors += 1
            except OSError:
                self.errors += 1
            time.sleep(self.interval)

    def postmaster(self):
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            return int(f.readline())

    def stop(self):
        self.stopping.set()
        self.join(30)


def one_at_a_time(ports, rounds, pids, poll):
    served = {name: [] for name in ports}
    answered = []
    for i in range(1, rounds + 1):
        article_id = f"cw-one-{os.getpid()}-{i}"
        watchers = {name: FeedWatcher(port, poll) for name, port in ports.items()}
        for w in watchers.values():
            w.start()
        start = time.monotonic()
        put(ports["A"], article_id, article(i, f"एक-एक {i}"))
        answered.append((time.monotonic() - start) * 1000)
        deadline = start + 120
        while not all(article_id in w.first_seen for w in watchers.values()):
            if time.monotonic() > deadline:
                sys.exit(f"{article_id} was not served everywhere within 120 s")
            time.sleep(0.005)
        for name, w in watchers.items():
            w.stop()
            served[name].append((w.first_seen[article_id] - start) * 1000)
        print(f"round {i}: PUT on A answered in {answered[-1]:.0f} ms; served "
              + ", ".join(f"on {name} after {served[name][-1]:.0f} ms" for name in ports), flush=True)
        await_settled(pids)
    for name in ports:
        print(f"(a) write on A -> served on {name}, {rounds} writes: median {statistics.median(served[name]):.0f} ms, "
              f"p95 {p95(served[name]):.0f} ms, max {max(served[name]):.0f} ms")
    print(f"(a) PUT answered: median {statistics.median(answered):.0f} ms, p95 {p95(answered):.0f} ms")


def sustained(ports, rate, seconds, workers, cpu, poll):
    total = rate * seconds
    watchers = {name: FeedWatcher(port, poll) for name, port in ports.items()}
    targets = list(ports.values())
    for w in watchers.values():
        w.start()
    sent, answered, failures, late_starts = {}, {}, [], []
    ids = [f"cw-load-{os.getpid()}-{i}" for i in range(total)]
    base = 1000  # published after the one-at-a-time writes

    def write(i):
        due = t0 + i / rate
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        else:
            late_starts.append(-wait)
        port = targets[i % len(targets)]
        start = time.monotonic()
        sent[ids[i]] = start
        try:
            put(port, ids[i], article(base + i, f"लगातार {i}"))
            answered[ids[i]] = time.monotonic() - start
        except (OSError, RuntimeError) as e:
            failures.append(f"{ids[i]}: {e}")

    t0 = time.monotonic() + 0.5
    cpu_before = cpu()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(write, range(total)))
    writing = time.monotonic() - t0
    print_cpu("(b) while writing,", cpu_before, cpu())
    # let the feeds catch up (or show that they do not) before stopping the watchers
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not all(
            all(i in w.first_seen for i in ids[-rate:]) for w in watchers.values()):
        time.sleep(0.05)
    for w in watchers.values():
        w.stop()
    print(f"(b) {total} writes in {writing:.1f} s ({total / writing:.1f}/s), "
          f"{'alternately on A and B' if len(targets) > 1 else 'on A'}; "
          f"{len(failures)} PUTs failed; {len(late_starts)} sent late (max {max(late_starts, default=0) * 1000:.0f} ms)")
    for failure in failures[:5]:
        print("   ", failure)
    answers = [v * 1000 for v in answered.values()]
    print(f"(b) PUT answered: median {statistics.median(answers):.0f} ms, p95 {p95(answers):.0f} ms, "
          f"max {max(answers):.0f} ms")
    for name, w in watchers.items():
        lags = [(w.first_seen[i] - sent[i]) * 1000 for i in ids if i in w.first_seen and i in sent]
        unseen = [i for i in ids if i not in w.first_seen]
        print(f"(b) write -> served in {name}'s feed: median {statistics.median(lags):.0f} ms, p95 {p95(lags):.0f} ms, "
              f"max {max(lags):.0f} ms; over 1 s: {sum(1 for x in lags if x > 1000)}; over 300 ms: "
              f"{sum(1 for x in lags if x > 300)}; not seen in the feed: {len(unseen)}; {w.polls} polls "
              f"({w.polls / (writing + 1):.0f}/s), {w.errors} failed")
    for name, port in ports.items():
        missing = [i for i in ids if request(port, "GET", f"/articles/archive/{i}")[0] != 200]
        print(f"(b) at the end, {name} serves {total - len(missing)} of {total} pages"
              + (f"; missing e.g. {missing[:5]}" if missing else ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jar")
    parser.add_argument("archive")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--rate", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=64)
    parser.add_argument("--work", default=None)
    parser.add_argument("--java-opts", default="")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--poll-ms", type=float, default=5, help="pause between a watcher's feed requests")
    parser.add_argument("--embedded", action="store_true", help="one process on the embedded store, no PostgreSQL")
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="cluster-write-")
    os.makedirs(work, exist_ok=True)
    os.chmod(work, 0o755)
    archive = os.path.abspath(args.archive)
    postgres = None if args.embedded else Postgres(os.path.join(work, "pg"))
    servers = []
    try:
        if postgres:
            store_url = postgres.start()
            print(f"PostgreSQL {os.path.basename(os.path.dirname(postgres.bin))} on 127.0.0.1:{postgres.port}")
        else:
            store_url = None
        ports = {name: free_port() for name in ("A" if args.embedded else "AB")}
        configs = [write_config(archive, os.path.join(work, name), port, store_url) for name, port in ports.items()]
        java = ["java"] + args.java_opts.split() + ["-jar", os.path.abspath(args.jar)]
        t0 = time.monotonic()
        with open(os.path.join(work, "import.log"), "w") as log:
            subprocess.run(java + ["import", os.path.join(archive, "articles"), "--config", configs[0]],
                           check=True, stdout=log, stderr=log)
        print(f"import: {time.monotonic() - t0:.1f} s", flush=True)
        t0 = time.monotonic()
        for name, config in zip(ports, configs):
            log = open(os.path.join(work, name, "pravah.log"), "a")
            servers.append(subprocess.Popen(java + ["--config", config, "--host", "127.0.0.1"], stdout=log, stderr=log))
        for port, server in zip(ports.values(), servers):
            await_serving(port, server, 1800)
        print(f"start to first feed on {' and '.join(ports)}: {time.monotonic() - t0:.1f} s", flush=True)
        pids = [s.pid for s in servers]
        named_pids = dict(zip(ports, pids))
        await_settled(pids)
        load_before = os.getloadavg()
        if args.rounds:
            before = cpu_counts(named_pids, postgres)
            one_at_a_time(ports, args.rounds, pids, args.poll_ms / 1000)
            print_cpu("(a)", before, cpu_counts(named_pids, postgres))
            await_settled(pids)
        if args.seconds:
            load_mid = os.getloadavg()
            sustained(ports, args.rate, args.seconds, args.workers, lambda: cpu_counts(named_pids, postgres),
                      args.poll_ms / 1000)
            print(f"load average before (b): {load_mid}")
        print(f"load average (1, 5, 15 min) before {load_before}, after {os.getloadavg()}; {os.cpu_count()} cores")
    finally:
        stop_all(servers, postgres)
        if args.work is None and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        elif args.keep:
            print(f"work folder kept: {work}")


if __name__ == "__main__":
    main()
