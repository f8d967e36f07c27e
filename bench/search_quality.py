"""Search quality on the development set in ../shared/eval: tuuma's search next to PostgreSQL's
own `finnish` full-text search, on the same corpus, scored by the set's evaluate.py.

    .venv/bin/python bench/search_quality.py [--postgres URL] [--baseline-url URL] [--per-query]

A fresh throwaway instance (its own TUUMA_DATA_DIR, SQLite unless --postgres) imports the
corpus as public acts; every query goes through `matching_act_ids`, the function the search
page and the API use (the catalogue ranks the same way). The baseline is `to_tsvector('finnish')` +
`websearch_to_tsquery` + `ts_rank_cd` in PostgreSQL (skipped with a note if none answers).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
BASELINE_URL = "postgres://postgres@127.0.0.1:5432/postgres"
BODY = ("summary", "need_and_goals", "solution", "results", "lessons")


def load(eval_dir: Path):
    docs = [json.loads(line) for line in (eval_dir / "corpus.jsonl").open(encoding="utf-8")
            if line.strip()]
    queries = [line.rstrip("\n").split("\t")[:2]
               for line in (eval_dir / "dev" / "queries.tsv").open(encoding="utf-8")
               if line.strip()]
    return docs, queries


def score(eval_dir: Path, run_lines: list[str], per_query: bool) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
        f.write("\n".join(run_lines) + "\n")
    try:
        args = [sys.executable, str(eval_dir / "evaluate.py"), f.name,
                str(eval_dir / "dev" / "qrels.tsv")] + (["--per-query"] if per_query else [])
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()
    finally:
        os.unlink(f.name)


def metrics(text: str) -> dict[str, float]:
    """{'nDCG@10': …, 'Recall@10': …} from evaluate.py's summary line."""
    found = {}
    for part in text.replace("\t", " ").split():
        if "=" in part:
            name, value = part.split("=", 1)
            try:
                found[name] = float(value)
            except ValueError:
                pass
    return found


# ---------------------------------------------------------------------------- tuuma
def start_instance(data_dir: Path, postgres: str | None) -> str | None:
    """Settings for a fresh instance; with --postgres a throwaway database on that server."""
    os.environ["TUUMA_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tuuma.config.settings"
    os.environ.pop("DATABASE_URL", None)
    scratch = None
    if postgres:
        import psycopg

        scratch = f"tuuma_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(postgres, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{scratch}"')
        os.environ["DATABASE_URL"] = postgres.rsplit("/", 1)[0] + "/" + scratch
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return scratch


def import_corpus(docs: list[dict]) -> None:
    """Through the act importer when it is there (as `tuuma import acts` does), else the ORM."""
    fields = ("external_id", "organization", "title", *BODY, "language", "status")
    rows = [(f"line {i}", {k: d[k] for k in fields if d.get(k)}, None)
            for i, d in enumerate(docs, 1)]
    try:
        from tuuma.acts.importers import import_records

        report = import_records(rows)
        if report.ok:
            return
        print(f"(the importer refused the corpus: {report.problems[:3]}; using the ORM)")
    except (ImportError, TypeError, AttributeError) as error:
        print(f"(no usable importer: {error}; using the ORM)")
    import_with_orm(docs)


def import_with_orm(docs: list[dict]) -> None:
    from django.utils import timezone
    from django.utils.text import slugify

    from tuuma.acts.models import Act, Visibility
    from tuuma.organizations.models import Organization

    orgs: dict[str, Organization] = {}
    for d in docs:
        name = d.get("organization") or "Tuntematon"
        if name not in orgs:
            orgs[name] = Organization.objects.get_or_create(
                name_fi=name, defaults={"slug": slugify(name)[:70] + f"-{len(orgs)}"})[0]
        Act.objects.update_or_create(external_id=d["external_id"], defaults={
            "organization": orgs[name], "title": d["title"][:200],
            **{f: d.get(f) or "" for f in BODY}, "language": d.get("language") or "fi",
            "visibility": Visibility.PUBLIC, "published_at": timezone.now()})


def tuuma_run(queries) -> tuple[list[str], list[float]]:
    from django.contrib.auth.models import AnonymousUser

    from tuuma.acts.models import Act
    from tuuma.search.query import matching_act_ids

    external = dict(Act.objects.values_list("pk", "external_id"))
    lines, latencies = [], []
    anonymous = AnonymousUser()
    for qid, text in queries:
        started = time.perf_counter()
        ids = matching_act_ids(text, user=anonymous, limit=10)
        latencies.append((time.perf_counter() - started) * 1000)
        lines += [f"{qid}\t{external[pk]}\t{rank}" for rank, pk in enumerate(ids, 1)]
    return lines, latencies


# ---------------------------------------------------------------------------- baseline
def baseline_run(url: str, docs, queries) -> list[str] | None:
    """PostgreSQL's own Finnish full-text search, naively ranked, on the same corpus."""
    try:
        import psycopg

        conn = psycopg.connect(url, connect_timeout=3, autocommit=True)
    except Exception as error:  # no PostgreSQL here
        print(f"PostgreSQL baseline skipped: no PostgreSQL answers at {url} ({error}).")
        return None
    lines = []
    with conn:
        conn.execute("CREATE TEMP TABLE bench_docs (id text, tsv tsvector)")
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO bench_docs VALUES (%s, setweight(to_tsvector('finnish', %s), 'A')"
                " || to_tsvector('finnish', %s))",
                [(d["external_id"], d["title"], " ".join(d.get(f) or "" for f in BODY))
                 for d in docs])
        for qid, text in queries:
            rows = conn.execute(
                "SELECT id FROM bench_docs, websearch_to_tsquery('finnish', %s) q "
                "WHERE tsv @@ q ORDER BY ts_rank_cd(tsv, q) DESC, id LIMIT 10", [text])
            lines += [f"{qid}\t{row[0]}\t{rank}" for rank, row in enumerate(rows, 1)]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL",
                        help="run tuuma on PostgreSQL (a throwaway database on this server)")
    parser.add_argument("--baseline-url", default=BASELINE_URL, metavar="URL",
                        help=f"PostgreSQL for the `finnish` baseline (default {BASELINE_URL})")
    parser.add_argument("--eval-dir", default=str(EVAL), type=Path)
    parser.add_argument("--per-query", action="store_true", help="print per-query figures")
    args = parser.parse_args()
    if not (args.eval_dir / "corpus.jsonl").exists():
        print(f"No evaluation set at {args.eval_dir} (../shared/eval): nothing to measure.")
        return 0
    docs, queries = load(args.eval_dir)
    with tempfile.TemporaryDirectory(prefix="tuuma-searchq-") as data_dir:
        scratch = start_instance(Path(data_dir), args.postgres)
        try:
            started = time.perf_counter()
            import_corpus(docs)
            print(f"imported and indexed {len(docs)} acts in "
                  f"{time.perf_counter() - started:.1f} s "
                  f"({'PostgreSQL' if args.postgres else 'SQLite'})")
            if args.postgres:  # what autovacuum does after a bulk load, done now
                from django.db import connection

                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE search_searchdoc")
                    cursor.execute("VACUUM ANALYZE search_searchterm")
            tuuma_run(queries[:1])  # warm up: Voikko and the glossary load once per process
            run, latencies = tuuma_run(queries)
        finally:
            if scratch:
                from django.db import connections

                connections.close_all()
                import psycopg

                with psycopg.connect(args.postgres, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
    ours = score(args.eval_dir, run, args.per_query)
    print(f"\ntuuma (matching_act_ids): {ours}")
    latencies.sort()
    print(f"  query latency p50 {latencies[len(latencies) // 2]:.1f} ms, "
          f"max {latencies[-1]:.1f} ms ({len(latencies)} queries, corpus of {len(docs)})")
    base_lines = baseline_run(args.baseline_url, docs, queries)
    if base_lines is not None:
        base = score(args.eval_dir, base_lines, False)
        print(f"PostgreSQL finnish (websearch_to_tsquery, ts_rank_cd): {base}")
        a, b = metrics(ours), metrics(base)
        for name in ("nDCG@10", "Recall@10"):
            if b.get(name):
                print(f"  {name}: {a.get(name, 0):.3f} vs {b[name]:.3f} = "
                      f"{a.get(name, 0) / b[name]:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
