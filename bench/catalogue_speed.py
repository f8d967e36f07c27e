#!/usr/bin/env python
"""Catalogue list speed at scale, against a trivial endpoint on the same server.

    .venv/bin/python bench/catalogue_speed.py [--acts 100000] [--keep DIR] [--seconds 10]

Creates a throwaway instance with N synthetic public acts (`tuuma demo --acts N`), serves it
with `tuuma serve` (gunicorn, 2 workers × 4 threads) and loads it with wrk at 16 connections:
the trivial endpoint /health/ (one SELECT 1 through the whole middleware stack) is the
baseline; the catalogue's first page and a page deep in the list (keyset cursor at 90 %) are
measured against it. Targets (issue 3): ≥ 0.25 × the trivial endpoint, p99 ≤ 50 ms.
"""

import argparse
import subprocess

from common import ROOT, TUUMA, data_dir, instance_env, server, tuuma, wrk

DEEP_TOKEN = """
from tuuma.acts.models import Act
from tuuma.acts.queries import encode_key
qs = Act.objects.public().filter(published_at__isnull=False).order_by("-published_at", "-id")
n = qs.count()
row = qs.values_list("published_at", "id")[int(n * 0.9)]
print(n, encode_key(*row))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--acts", type=int, default=100_000)
    parser.add_argument("--keep", help="data directory to keep and reuse between runs")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    o = parser.parse_args()
    with data_dir(o.keep) as path:
        env = instance_env(path)
        tuuma(env, "migrate", "--noinput", "-v0")
        count = subprocess.run([*TUUMA, "shell", "-c", DEEP_TOKEN], env=env, cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.split()
        if int(count[0]) < o.acts:
            print(f"Generating {o.acts - int(count[0])} acts …", flush=True)
            tuuma(env, "demo", "--acts", str(o.acts - int(count[0])), "--ideas", "0")
            count = subprocess.run([*TUUMA, "shell", "-c", DEEP_TOKEN], env=env, cwd=ROOT,
                                   capture_output=True, text=True, check=True).stdout.split()
        acts, deep = int(count[0]), count[1]
        with server(env) as base:
            urls = {
                "trivial endpoint /health/": base + "/health/",
                "catalogue, first page": base + "/katalogi/",
                "catalogue, deep page (90 %)": base + f"/katalogi/?after={deep}",
                "catalogue, a theme filter": base + "/katalogi/?theme=digitalisaatio",
            }
            for url in urls.values():  # warm up caches and connections
                wrk(url, seconds=2, connections=4)
            results = {name: wrk(url, seconds=o.seconds, connections=o.connections)
                       for name, url in urls.items()}
    base_rps = results["trivial endpoint /health/"]["rps"]
    print(f"\n{acts} public acts, {o.connections} connections, {o.seconds} s each, same server")
    print(f"{'':32} {'req/s':>8} {'ratio':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} errors")
    for name, r in results.items():
        print(f"{name:32} {r['rps']:8.0f} {r['rps'] / base_rps:6.2f} {r['p50']:7.1f} "
              f"{r['p95']:7.1f} {r['p99']:7.1f} {r['errors']}")
    print("target: catalogue ≥ 0.25 × trivial endpoint, p99 ≤ 50 ms")


if __name__ == "__main__":
    main()
