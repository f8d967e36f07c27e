#!/usr/bin/env python
"""Search latency at scale: tuuma's search next to PostgreSQL's naive `finnish` full-text search
on the same acts, timed in the same run.

    .venv/bin/python bench/search_speed.py [--acts 100000] [--keep DIR] [--rounds 3]
        [--baseline-url postgres://postgres@127.0.0.1:5432/postgres]
        [--database-url postgres://postgres@127.0.0.1:5432/tuuma_bench]  # tuuma on PostgreSQL

Uses a throwaway instance (or DIR) with at least N public synthetic acts. Every query of a
mixed set (single words, inflected forms, compound parts, two-word phrases, typos, Swedish and
English) goes through `tuuma.search.query.search()` as an anonymous visitor — the function
behind /haku/: the ranked page, the total and the facet counts — and through
`matching_act_ids()` (the catalogue's and the API's ranked ids). In-process timing, p50/p95
over ROUNDS passes (the first pass warms Voikko and the page cache and is not counted); on
SQLite also the CPU time of the searching thread, which leaves out waiting for a core on a
busy machine. (Above 1,000 matches search() estimates the total and the facet counts; the
ranked page is exact either way, docs/search.md.)
Baseline: the same public acts copied into a throwaway PostgreSQL database with
`to_tsvector('finnish', title || ' ' || body)` stored and GIN-indexed, queried with
websearch_to_tsquery and ranked by ts_rank_cd, LIMIT 20. Targets (issue 3): search p95
≤ 30 ms at 100k acts, ≤ 150 ms at 1M.
"""

import argparse
import time
import uuid

from common import data_dir, ensure_data, instance_env, percentile, setup_django, verdict

BASELINE_URL = "postgres://postgres@127.0.0.1:5432/postgres"
QUERIES = [
    # single words
    "kotihoito", "kirjasto", "perehdytys", "uimahalli", "neuvola", "robotiikka", "jätehuolto",
    # inflected forms
    "kirjastoissa", "päiväkoteihin", "perehdytyksestä", "työvuorolistoja", "kotihoidon asiakkaille",
    # compound parts
    "varaus", "kalenteri", "kokeilu", "neuvonta", "suunnittelu",
    # two-word phrases
    "sähköinen ajanvaraus", "tilojen yhteiskäyttö", "hävikin seuranta", "etätyön pelisäännöt",
    "selkokielinen ohje", "laskujen käsittelyä",
    # typos
    "perehdytysmali", "takaisinsoitopalvelu", "kirjastto",
    # Swedish and English
    "hemvård", "bibliotek", "onboarding", "feedback channel", "chatbot",
]
BODY = ("summary", "need_and_goals", "solution", "results", "lessons")


def time_ours(queries, rounds):
    from django.contrib.auth.models import AnonymousUser

    from tuuma.search.query import matching_act_ids, search

    anonymous = AnonymousUser()
    page, ids, cpu = [], [], []
    for n in range(rounds + 1):
        for q in queries:
            started, cpu_started = time.perf_counter(), time.thread_time()
            search(q, user=anonymous)
            middle, cpu_used = time.perf_counter(), time.thread_time() - cpu_started
            matching_act_ids(q, user=anonymous, limit=20)
            if n:  # the first pass warms up
                page.append((middle - started) * 1000)
                ids.append((time.perf_counter() - middle) * 1000)
                cpu.append(cpu_used * 1000)
    return page, ids, cpu


def build_baseline(url: str):
    """A throwaway PostgreSQL database holding the public acts; (connection, name, seconds)."""
    import psycopg

    from tuuma.acts.models import Act

    name = f"tuuma_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    conn = psycopg.connect(url.rsplit("/", 1)[0] + "/" + name, autocommit=True)
    try:
        return conn, name, _fill(conn, Act, psycopg)
    except Exception:
        conn.close()
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        raise


def _fill(conn, Act, psycopg) -> float:
    from django.db.models import TextField, Value
    from django.db.models.functions import Concat

    started = time.monotonic()
    conn.execute("CREATE TABLE acts (id bigint PRIMARY KEY, title text, body text)")
    parts = []
    for f in BODY:
        parts += [f, Value(" ")]
    rows = (Act.objects.public().annotate(text=Concat(*parts, output_field=TextField()))
            .values_list("pk", "title", "text"))
    with conn.cursor() as cur, cur.copy("COPY acts (id, title, body) FROM STDIN") as copy:
        for row in rows.iterator(chunk_size=5000):
            copy.write_row(row)
    conn.execute("ALTER TABLE acts ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                 "(to_tsvector('finnish', title || ' ' || body)) STORED")
    conn.execute("CREATE INDEX acts_tsv ON acts USING gin (tsv)")
    conn.execute("VACUUM ANALYZE acts")
    return time.monotonic() - started


def time_baseline(conn, queries, rounds):
    sql = ("SELECT id, ts_rank_cd(tsv, q) AS r FROM acts, websearch_to_tsquery('finnish', %s) q "
           "WHERE tsv @@ q ORDER BY r DESC LIMIT 20")
    found = []
    for n in range(rounds + 1):
        for q in queries:
            started = time.perf_counter()
            conn.execute(sql, [q]).fetchall()
            if n:
                found.append((time.perf_counter() - started) * 1000)
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--acts", type=int, default=100_000, help="public acts at least")
    parser.add_argument("--keep", help="data directory to keep and reuse between runs")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline-url", default=BASELINE_URL)
    parser.add_argument("--database-url", help="run tuuma on this (kept) PostgreSQL database")
    parser.add_argument("--target", type=float, default=None,
                        help="p95 target in ms (default 30 up to 100k acts, 150 above)")
    o = parser.parse_args()
    target = o.target or (30.0 if o.acts <= 100_000 else 150.0)
    with data_dir(o.keep) as path:
        env = instance_env(path, o.database_url)
        counts = ensure_data(env, public_acts=o.acts)
        setup_django(env)
        from django.db import connection

        page, ids, cpu = time_ours(QUERIES, o.rounds)
        engine = connection.vendor
        try:
            conn, name, built = build_baseline(o.baseline_url)
        except Exception as error:  # no PostgreSQL here
            print(f"PostgreSQL baseline skipped: {error}")
            conn = None
        if conn is not None:
            try:
                base = time_baseline(conn, QUERIES, o.rounds)
            finally:
                conn.close()
                import psycopg

                with psycopg.connect(o.baseline_url, autocommit=True) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    print(f"\n{counts['public']} public acts, {len(QUERIES)} queries × {o.rounds} rounds, "
          f"tuuma on {engine}, in-process")
    rows = [("tuuma search() (page+total+facets)", page),
            ("tuuma matching_act_ids() (20 ids)", ids)]
    if conn is not None:
        rows.append((f"PostgreSQL finnish FTS (built in {built:.0f} s)", base))
    for label, values in rows:
        print(f"{label:44} p50 {percentile(values, 50):8.1f} ms   p95 "
              f"{percentile(values, 95):8.1f} ms")
        if values is page and engine == "sqlite":  # SQLite works in this thread too
            print(f"{'  of which CPU time of this thread':44} p50 {percentile(cpu, 50):8.1f} "
                  f"ms   p95 {percentile(cpu, 95):8.1f} ms   (the rest: waiting for a core)")
    if conn is not None:
        for label, values in rows[:2]:
            print(f"ratio {label.split(' (')[0]} / PostgreSQL: p50 "
                  f"{percentile(values, 50) / percentile(base, 50):.1f}×, p95 "
                  f"{percentile(values, 95) / percentile(base, 95):.1f}×")
    p95 = percentile(page, 95)
    print(f"target: search p95 ≤ {target:.0f} ms: {p95:.1f} ms, {verdict(p95 <= target)}")


if __name__ == "__main__":
    main()
