"""Reads a trace of bench/cpu-trace.sh: CPU over the window, each burst (2-s steps above 0.1 s of CPU, adjacent ones
merged: a rescan), and the rate between bursts. Ticks are taken as 1/100 s (getconf CLK_TCK on Linux).
usage: python3 bench/cpu-bursts.py TRACE"""
import sys

rows = [tuple(map(int, line.split())) for line in open(sys.argv[1])
        if line[0].isdigit() and len(line.split()) == 2]
(t0, c0), (t1, c1) = rows[0], rows[-1]
print(f"window {t1 - t0} s, cpu {(c1 - c0) / 100:.2f} s = {(c1 - c0) / (t1 - t0):.2f} % of a core")
bursts, quiet, quiet_time = [], 0, 0
for (ta, ca), (tb, cb) in zip(rows, rows[1:]):
    if cb - ca > 10:
        if bursts and tb - bursts[-1][1] <= 6:
            bursts[-1] = (bursts[-1][0], tb, bursts[-1][2] + (cb - ca) / 100)
        else:
            bursts.append((tb, tb, (cb - ca) / 100))
    else:
        quiet += cb - ca
        quiet_time += tb - ta
for a, b, cpu in bursts:
    print(f"  burst at {a}-{b} s: {cpu:.2f} s of CPU")
print(f"between bursts: {quiet / 100:.2f} s over {quiet_time} s = {quiet / quiet_time:.2f} % of a core")
first = [r for r in rows if r[0] <= t0 + 300]
print(f"first 300 s: {(first[-1][1] - first[0][1]) / 100:.2f} s = "
      f"{(first[-1][1] - first[0][1]) / (first[-1][0] - first[0][0]):.2f} % of a core")
