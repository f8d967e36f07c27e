"""Retrieval over the index: the same contract on SQLite (FTS5, bm25) and PostgreSQL (weighted
tsvector, an IDF-weighted ts_rank). Callers pass analysed terms and a visibility scope; rows
come back best first. Everything the person may not see is excluded in SQL, before ranking,
counting and faceting."""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field

from django.db import connection

from . import analysis

# Column weights: title 2, body 1, title compound parts 1, body compound parts 0.5.
FTS_WEIGHTS = "2.0, 1.0, 1.0, 0.5"
PG_WEIGHTS = "{0.25, 0.5, 0.5, 1.0}"  # D body parts, C body, B title parts, A title
MAX_TERMS = 64
SAFE_TERM = re.compile(r"^[^\W_]+(?:[-‐][^\W_]+)*$")


@dataclass
class Where:
    """A WHERE clause over `search_searchdoc d` with its parameters."""

    parts: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)

    def add(self, sql: str, *params) -> Where:
        self.parts.append(sql)
        self.params += params
        return self

    def copy(self) -> Where:
        return Where(list(self.parts), list(self.params))

    @property
    def sql(self) -> str:
        return " AND ".join(f"({p})" for p in self.parts) or "1=1"


def _in(values) -> str:
    return ", ".join(["%s"] * len(values))


def scope(user, kinds, org_ids: list[int] | None) -> Where:
    """What the person may find: public acts; everything of their own organizations (ORG_IDS);
    ORG_IDS None means everything (platform admins, as elsewhere in tuuma)."""
    where = Where()
    kinds = [k for k in kinds if k in ("act", "idea")] or ["none"]
    where.add(f"d.kind IN ({_in(kinds)})", *kinds)
    if org_ids is None:
        return where
    if org_ids:
        where.add(f"(d.kind = 'act' AND d.is_public) OR d.organization_id IN ({_in(org_ids)})",
                  *org_ids)
    else:
        where.add("d.kind = 'act' AND d.is_public")
    return where


def facet_filter(where: Where, name: str, values) -> None:
    values = [str(v) for v in values]
    if not values:
        return
    if name == "organization":
        ids = [int(v) for v in values if v.isdigit()] or [0]
        where.add(f"d.organization_id IN ({_in(ids)})", *ids)
    else:
        where.add(f"d.id IN (SELECT doc_id FROM search_searchfacet WHERE name = %s "
                  f"AND value IN ({_in(values)}))", name, *values)


def safe_terms(terms) -> list[str]:
    return [t for t in dict.fromkeys(terms) if SAFE_TERM.match(t) and len(t) <= 100][:MAX_TERMS]


# ---------------------------------------------------------------------------- matching
class _Backend:
    def __init__(self, terms: list[str]):
        self.terms = terms

    def source(self) -> tuple[str, list]:
        raise NotImplementedError

    def score(self) -> tuple[str, list]:
        raise NotImplementedError


class _SQLite(_Backend):
    def source(self):
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in self.terms)
        # CROSS JOIN keeps the full-text match the outer loop: SQLite otherwise may walk
        # every document and run the match once per row (seconds at 100,000 documents).
        return ("search_fts CROSS JOIN search_searchdoc d ON d.id = search_fts.rowid "
                "WHERE search_fts MATCH %s", [match])

    def score(self):
        # bm25() is lower for better matches.
        return f"-bm25(search_fts, {FTS_WEIGHTS})", []


class _Postgres(_Backend):
    """ts_rank has no inverse document frequency; each term's rank is weighted by its IDF
    (from the index's own document frequencies), which approximates BM25."""

    def source(self):
        # Each term's tsquery is built once (in qs), not once per row.
        columns = ", ".join(f"plainto_tsquery('simple', %s) AS q{i}"
                            for i in range(len(self.terms)))
        matches = " || ".join(f"qs.q{i}" for i in range(len(self.terms)))
        return (f"search_searchdoc d, (SELECT {columns}) qs WHERE d.tsv @@ ({matches})",
                list(self.terms))

    def score(self):
        idf = _idf(self.terms)
        parts = [f"%s * ts_rank('{PG_WEIGHTS}', d.tsv, qs.q{i}, 1)"
                 for i in range(len(self.terms))]
        return "(" + " + ".join(parts) + ")", [idf.get(t, 0.0) for t in self.terms]


def _idf(terms) -> dict[str, float]:
    from .models import SearchTerm

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'search_searchdoc'")
        row = cursor.fetchone()
    total = max(row[0] if row else 0, 1)
    if total <= 1:
        from .models import SearchDoc

        total = max(SearchDoc.objects.count(), 1)
    found = dict(SearchTerm.objects.filter(term__in=terms).values_list("term", "df"))
    return {t: max(math.log((total - n + 0.5) / (n + 0.5)), 1e-6) for t, n in found.items()}


def backend(terms) -> _Backend:
    if connection.vendor == "postgresql":
        return _Postgres(terms)
    _tune_sqlite()
    return _SQLite(terms)


def _tune_sqlite() -> None:
    """Once per connection: read the index through memory-mapped pages and a bigger page cache
    (SQLite's defaults, 0 and 2 MB, make a search over many matches several times slower)."""
    connection.ensure_connection()
    raw = connection.connection
    if getattr(connection, "_tuuma_search_tuned", None) is raw:
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA mmap_size = 1073741824")
        cursor.execute("PRAGMA cache_size = -65536")
    connection._tuuma_search_tuned = raw


def ranked(terms: list[str], where: Where, *, limit: int, offset: int = 0):
    """[(doc id, kind, object id, score)], best first."""
    terms = safe_terms(terms)
    if not terms:
        return []
    engine = backend(terms)
    source, source_params = engine.source()
    score, score_params = engine.score()
    sql = (f"SELECT d.id, d.kind, d.object_id, {score} AS score FROM {source} AND {where.sql} "
           f"ORDER BY score DESC, d.id LIMIT %s OFFSET %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*score_params, *source_params, *where.params, limit, offset])
        return cursor.fetchall()


def count(terms: list[str], where: Where) -> int:
    terms = safe_terms(terms)
    if not terms:
        return 0
    source, params = backend(terms).source()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {source} AND {where.sql}", [*params, *where.params])
        return cursor.fetchone()[0]


def grouped(terms: list[str], where: Where) -> dict[str, dict[str, int]]:
    """Facet counts of the matching documents: {name: {value: count}}, where the name
    "organization" counts by organization and "kind" by kind."""
    terms = safe_terms(terms)
    out: dict[str, dict[str, int]] = {}
    if not terms:
        return out
    source, params = backend(terms).source()
    if connection.vendor == "sqlite":
        # Joined from the matches outwards (facet values read from the covering index
        # search_facet_cover), not as doc_id IN (…): no temporary list of every match.
        joined = source.replace(" WHERE ", " CROSS JOIN search_searchfacet f "
                                           "ON f.doc_id = d.id WHERE ", 1)
        facet_sql = (f"SELECT f.name, f.value, COUNT(*) FROM {joined} AND {where.sql} "
                     f"GROUP BY f.name, f.value")
    else:
        facet_sql = (f"SELECT name, value, COUNT(*) FROM search_searchfacet WHERE doc_id IN "
                     f"(SELECT d.id FROM {source} AND {where.sql}) GROUP BY name, value")
    with connection.cursor() as cursor:
        cursor.execute(facet_sql, [*params, *where.params])
        for name, value, n in cursor.fetchall():
            out.setdefault(name, {})[value] = n
        cursor.execute(f"SELECT d.organization_id, d.kind, COUNT(*) FROM {source} AND {where.sql} "
                       f"GROUP BY d.organization_id, d.kind", [*params, *where.params])
        for org_id, kind, n in cursor.fetchall():
            orgs = out.setdefault("organization", {})
            orgs[str(org_id)] = orgs.get(str(org_id), 0) + n
            kinds = out.setdefault("kind", {})
            kinds[kind] = kinds.get(kind, 0) + n
    return out


# ---------------------------------------------------------------------------- vocabulary
class IndexVocabulary(analysis.Vocabulary):
    """The index's own terms, for the typo fallback."""

    def known(self, terms) -> set[str]:
        from .models import SearchTerm

        terms = [t for t in terms if len(t) <= 100]
        found: set[str] = set()
        for i in range(0, len(terms), 500):
            found |= set(SearchTerm.objects.filter(term__in=terms[i:i + 500], df__gt=0)
                         .values_list("term", flat=True))
        return found

    def neighbours(self, term: str, top: int = 3) -> list[str]:
        k = analysis.max_edits(len(term))
        if k == 0 or not SAFE_TERM.match(term):
            return []
        candidates = _candidates(term, k)
        scored = []
        for candidate, df in candidates:
            d = analysis.damerau(term, candidate, k)
            if 0 < d <= k:
                scored.append((d, -df, candidate))
        return [c for _d, _df, c in sorted(scored)[:top]]


def _trigrams(term: str) -> list[str]:
    return list(dict.fromkeys(term[i:i + 3] for i in range(len(term) - 2)))


def _candidates(term: str, k: int) -> list[tuple[str, int]]:
    lo, hi = len(term) - k, len(term) + k
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = " OR ".join(f'"{g}"' for g in _trigrams(term) if '"' not in g)
            cursor.execute(
                "SELECT t.term, t.df FROM (SELECT rowid FROM search_term_trgm "
                "WHERE search_term_trgm MATCH %s ORDER BY rank LIMIT 400) g "
                "JOIN search_searchterm t ON t.id = g.rowid "
                "WHERE length(t.term) BETWEEN %s AND %s AND t.df > 0", [match, lo, hi])
            return cursor.fetchall()
        if _has_pg_trgm():
            cursor.execute(
                "SELECT term, df FROM search_searchterm WHERE term %% %s AND df > 0 "
                "AND length(term) BETWEEN %s AND %s ORDER BY similarity(term, %s) DESC "
                "LIMIT 400", [term, lo, hi, term])
            return cursor.fetchall()
    return [(t, df) for t, df in _python_vocabulary() if lo <= len(t) <= hi]


_PG_TRGM: dict = {}
_VOCABULARY: dict = {}


def _has_pg_trgm() -> bool:
    if "value" not in _PG_TRGM:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'search_searchterm_trgm'")
            _PG_TRGM["value"] = cursor.fetchone() is not None
    return _PG_TRGM["value"]


def _python_vocabulary(ttl: float = 300) -> list[tuple[str, int]]:
    """The whole vocabulary, cached for a while: only without pg_trgm."""
    if time.monotonic() - _VOCABULARY.get("at", -1e9) > ttl:
        from .models import SearchTerm

        _VOCABULARY["terms"] = list(SearchTerm.objects.filter(df__gt=0)
                                    .values_list("term", "df"))
        _VOCABULARY["at"] = time.monotonic()
    return _VOCABULARY["terms"]


def rarest(terms, n: int) -> list[str]:
    """The N terms found in the fewest documents (for long texts: similar items)."""
    from .models import SearchTerm

    terms = safe_terms(terms) if len(terms) <= MAX_TERMS else [
        t for t in dict.fromkeys(terms) if SAFE_TERM.match(t) and len(t) <= 100]
    found: list[tuple[int, str]] = []
    for i in range(0, len(terms), 500):
        found += [(df, t) for t, df in SearchTerm.objects.filter(
            term__in=terms[i:i + 500], df__gt=0).values_list("term", "df")]
    return [t for _df, t in sorted(found)[:n]]
