"""What the benchmark scripts share: one HTTP request on loopback, waiting for a server to serve and for its CPU to
settle, a process's CPU ticks. Standard library only, so every script runs on a fresh Debian with python3."""
import http.client
import os
import sys
import time


def cpu_ticks(pid):
    """User and system time of the process (all its threads) in clock ticks, from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def request(port, method, path, body=None, headers=None, timeout=30):
    """One request to 127.0.0.1:PORT on a connection of its own; (status, body bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def await_serving(port, server, timeout_s):
    """Polls /feeds/all.rss until it answers 200; exits if the server process ends or the time is up."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server on port {port} exited")
        try:
            if request(port, "GET", "/feeds/all.rss")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    sys.exit(f"the server on port {port} did not serve in time")


def await_settled(pids, timeout_s=900):
    """Waits until the processes use under 5 % of a core each over 3 s (a first start's background work is done)."""
    hz = os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        before = sum(cpu_ticks(p) for p in pids)
        time.sleep(3)
        if (sum(cpu_ticks(p) for p in pids) - before) / hz / 3 < 0.05 * len(pids):
            return
    print("warning: the servers' CPU did not settle", file=sys.stderr)
