#!/usr/bin/env python3
"""Waits until a URL answers 200 (with another ETag than given, if one is): the poller of bench/load.sh.

usage: await.py URL [--etag-not ETAG] [--timeout-ms N] [--pid PID]

One process polling every 10 ms over loopback, rather than a curl started every few milliseconds: the server being
timed shares the machine's cores with whatever waits for it. Exits 1 on timeout or when PID (the server) has died.
"""
import argparse
import http.client
import os
import sys
import time
import urllib.parse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--etag-not", default=None)
    parser.add_argument("--timeout-ms", type=int, default=60000)
    parser.add_argument("--pid", type=int, default=None)
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.url)
    deadline = time.monotonic() + args.timeout_ms / 1000
    while time.monotonic() < deadline:
        if args.pid is not None and not alive(args.pid):
            sys.exit(f"the server (pid {args.pid}) has exited")
        try:
            connection = http.client.HTTPConnection(url.hostname, url.port, timeout=5)
            connection.request("GET", url.path or "/")
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status == 200 and (args.etag_not is None or response.getheader("ETag") != args.etag_not):
                return
        except OSError:
            pass  # not listening yet
        time.sleep(0.01)
    sys.exit(f"{args.url} did not answer as awaited within {args.timeout_ms} ms")


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


if __name__ == "__main__":
    main()
