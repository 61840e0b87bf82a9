#!/usr/bin/env python3
"""CPU per API write, per process: what one write costs the process that takes it and one that only learns of it.

usage: write-cpu.py JAR ARCHIVE_DIR [--rate 50] [--seconds 30] [--polls 20] [--embedded] [--jfr DIR]
                    [--java-opts OPTS] [--work DIR]

Same setup as cluster-write.py (ARCHIVE_DIR from `gen-archive.py ARCHIVE_DIR N --store`; a PostgreSQL of its own and
two processes A and B, or with --embedded one process A on the embedded store), but every write goes to A, so B's
CPU is what a write costs a process that hears of it by NOTIFY. RATE writes/s for SECONDS s (each dated a second
after the one before, so each heads the all-feed), while a thread per process fetches its all-feed POLLS times a
second (what a reader asks for; the rendering a write causes is part of its cost). Prints the CPU each process used
while writing, in ms per write, with the CPU of the same polls on an idle server (measured first, for as long)
subtracted, and the load average. --jfr DIR: each process records a JFR profile (settings=profile) of the writing
part into DIR/NAME.jfr. Standard library only.
"""
import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pravah_bench import await_serving, await_settled, request  # noqa: E402
from importlib import import_module  # noqa: E402

cw = import_module("cluster-write")


class Poller(threading.Thread):
    def __init__(self, port, rate):
        super().__init__(daemon=True)
        self.port, self.rate = port, rate
        self.stopping = threading.Event()
        self.polls = 0

    def run(self):
        t0 = time.monotonic()
        while not self.stopping.is_set():
            request(self.port, "GET", "/feeds/all.rss")
            self.polls += 1
            wait = t0 + self.polls / self.rate - time.monotonic()
            if wait > 0:
                self.stopping.wait(wait)

    def stop(self):
        self.stopping.set()
        self.join(30)


def polled(ports, rate, seconds, action):
    pollers = [Poller(port, rate) for port in ports.values()] if rate > 0 else []
    for p in pollers:
        p.start()
    try:
        return action(seconds)
    finally:
        for p in pollers:
            p.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jar")
    parser.add_argument("archive")
    parser.add_argument("--rate", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--polls", type=float, default=20, help="feed requests per second per process")
    parser.add_argument("--workers", type=int, default=32)
    parser.add_argument("--embedded", action="store_true")
    parser.add_argument("--jfr", default=None)
    parser.add_argument("--java-opts", default="")
    parser.add_argument("--work", default=None)
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="write-cpu-")
    os.makedirs(work, exist_ok=True)
    os.chmod(work, 0o755)
    archive = os.path.abspath(args.archive)
    postgres = None if args.embedded else cw.Postgres(os.path.join(work, "pg"))
    servers = []
    try:
        store_url = postgres.start() if postgres else None
        names = "A" if args.embedded else "AB"
        ports = {name: cw.free_port() for name in names}
        configs = [cw.write_config(archive, os.path.join(work, name), port, store_url) for name, port in ports.items()]
        java = ["java"] + args.java_opts.split()
        jar = ["-jar", os.path.abspath(args.jar)]
        with open(os.path.join(work, "import.log"), "w") as log:
            subprocess.run(java + jar + ["import", os.path.join(archive, "articles"), "--config", configs[0]],
                           check=True, stdout=log, stderr=log)
        for name, config in zip(ports, configs):
            log = open(os.path.join(work, name, "pravah.log"), "a")
            servers.append(subprocess.Popen(java + jar + ["--config", config, "--host", "127.0.0.1"],
                                            stdout=log, stderr=log))
        for port, server in zip(ports.values(), servers):
            await_serving(port, server, 1800)
        pids = dict(zip(ports, (s.pid for s in servers)))
        await_settled(list(pids.values()))

        # warm the write path (JIT) before measuring: a tenth of the writes, not counted
        def write_at(rate, seconds, first):
            t0 = time.monotonic() + 0.2

            def one(i):
                wait = t0 + i / rate - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                n = first + i
                cw.put(ports["A"], f"wc-{os.getpid()}-{n}", cw.article(n, f"सीपीयू {n}"))

            with concurrent.futures.ThreadPoolExecutor(args.workers) as pool:
                list(pool.map(one, range(rate * seconds)))
            return rate * seconds

        write_at(args.rate, max(5, args.seconds // 5), 0)
        await_settled(list(pids.values()))

        def measure(action, seconds):
            before = {name: cw.process_cpu(pid) for name, pid in pids.items()}
            t0 = time.monotonic()
            result = polled(ports, args.polls, seconds, action)
            wall = time.monotonic() - t0
            return {name: cw.process_cpu(pid) - before[name] for name, pid in pids.items()}, wall, result

        idle, idle_wall, _ = measure(lambda s: time.sleep(s), args.seconds)
        await_settled(list(pids.values()))
        if args.jfr:
            os.makedirs(args.jfr, exist_ok=True)
            for name, pid in pids.items():
                subprocess.run(["jcmd", str(pid), "JFR.start", "name=wc", "settings=profile",
                                f"filename={os.path.abspath(os.path.join(args.jfr, name + '.jfr'))}"],
                               check=True, stdout=subprocess.DEVNULL)
        load = os.getloadavg()
        busy, wall, writes = measure(lambda s: write_at(args.rate, s, 100000), args.seconds)
        if args.jfr:
            for name, pid in pids.items():
                subprocess.run(["jcmd", str(pid), "JFR.stop", "name=wc"], check=True, stdout=subprocess.DEVNULL)
        print(f"{writes} writes on A in {wall:.1f} s, {args.polls:g} feed polls/s per process; "
              f"load average before {load[0]:.1f}, after {os.getloadavg()[0]:.1f}")
        for name in pids:
            idle_rate = idle[name] / idle_wall
            net = busy[name] - idle_rate * wall
            print(f"  {name}: {busy[name] / wall:.2f} cores while writing, {idle_rate:.3f} idle with polls; "
                  f"{net * 1000 / writes:.1f} ms CPU per write")
    finally:
        cw.stop_all(servers, postgres)
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
