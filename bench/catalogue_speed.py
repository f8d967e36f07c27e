#!/usr/bin/env python
"""Catalogue list speed at scale, against a trivial endpoint on the same server.

    .venv/bin/python bench/catalogue_speed.py [--acts 100000] [--keep DIR] [--seconds 10]

Uses a throwaway instance (or DIR) with at least N public synthetic acts (`tuuma demo --acts`),
serves it with `tuuma serve` (gunicorn, 2 workers × 4 threads) and loads it with wrk at 16
connections: the trivial endpoint /health/ (one SELECT 1 through the whole middleware stack) is
the baseline; the catalogue's first page, a page deep in the list (keyset cursor at 90 %) and a
theme-filtered page are measured against it, and so are the search page and the catalogue's
search box going round a mixed query set. Targets (issue 3): ≥ 0.25 × the trivial
endpoint, p99 ≤ 50 ms. Facet counts are kept per process (tuuma.acts.queries), so every URL
is requested a few times first: the figures are the steady state, the first request after a
publish recounts (the warm-up time is printed).
"""

import argparse
import time
import urllib.request
from urllib.parse import urlencode

from common import data_dir, ensure_data, instance_env, server, shell, verdict, wrk
from search_speed import QUERIES

DEEP_TOKEN = """
from tuuma.acts.models import Act
from tuuma.acts.queries import encode_key
qs = Act.objects.public().filter(published_at__isnull=False).order_by("-published_at", "-id")
row = qs.values_list("published_at", "id")[int(qs.count() * 0.9)]
print(encode_key(*row))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--acts", type=int, default=100_000, help="public acts at least")
    parser.add_argument("--keep", help="data directory to keep and reuse between runs")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    o = parser.parse_args()
    with data_dir(o.keep) as path:
        env = instance_env(path)
        counts = ensure_data(env, public_acts=o.acts)
        deep = shell(env, DEEP_TOKEN)
        with server(env) as base:
            urls = {
                "trivial endpoint /health/": base + "/health/",
                "catalogue, first page": base + "/katalogi/",
                "catalogue, deep page (90 %)": base + f"/katalogi/?after={deep}",
                "catalogue, a theme filter": base + "/katalogi/?theme=digitalisaatio",
            }
            started = time.monotonic()
            for url in urls.values():  # both workers count the facets once
                for _ in range(6):
                    urllib.request.urlopen(url, timeout=120).read()
            warm = time.monotonic() - started
            # The search page and the catalogue's search box, going round the mixed query
            # set of bench/search_speed.py (whole pages over HTTP, not cached).
            mixed = {"search page /haku/, mixed queries": "/haku/?",
                     "search box of the catalogue (?q=)": "/katalogi/?"}
            paths = {name: [prefix + urlencode({"q": q}) for q in QUERIES]
                     for name, prefix in mixed.items()}
            for name in mixed:
                urls[name] = base + paths[name][0]
            for url in urls.values():
                wrk(url, seconds=2, connections=4)
            results = {name: wrk(url, seconds=o.seconds, connections=o.connections,
                                 paths=paths.get(name))
                       for name, url in urls.items()}
    base_rps = results["trivial endpoint /health/"]["rps"]
    print(f"\n{counts['public']} public acts ({counts['acts']} in all), {o.connections} "
          f"connections, {o.seconds} s each, one gunicorn server (2 workers × 4 threads); "
          f"warm-up (first counts) {warm:.1f} s")
    print(f"{'':36} {'req/s':>8} {'ratio':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} errors")
    for name, r in results.items():
        print(f"{name:36} {r['rps']:8.0f} {r['rps'] / base_rps:6.2f} {r['p50']:7.1f} "
              f"{r['p95']:7.1f} {r['p99']:7.1f} {r['errors']}")
    print("(the search rows are whole pages at 16 connections; the search p95 target is "
          "search() itself, bench/search_speed.py)")
    for name, r in results.items():
        if name.startswith("catalogue"):
            ratio = r["rps"] / base_rps
            print(f"target {name}: ratio {ratio:.2f} ≥ 0.25 and p99 {r['p99']:.1f} ms ≤ 50 ms: "
                  f"{verdict(ratio >= 0.25 and r['p99'] <= 50)}")


if __name__ == "__main__":
    main()
