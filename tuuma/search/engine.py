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
        matches = " || ".join(f"qs.q{i}" for i in range(len(self.terms)))
        return (f"search_searchdoc d, (SELECT {_pg_queries(self.terms)}) qs "
                f"WHERE d.tsv @@ ({matches})", list(self.terms))

    def score(self, idf: dict[str, float] | None = None):
        idf = _idf(self.terms) if idf is None else idf
        parts = [f"%s * {_pg_rank(i)}" for i in range(len(self.terms))]
        return "(" + " + ".join(parts) + ")", [idf.get(t, 0.0) for t in self.terms]


def _pg_rank(i: int) -> str:
    """One term's weight in a document on PostgreSQL: the score is the sum over the terms of
    IDF × this, so a term's best documents can be listed ahead (SearchTop) as on SQLite."""
    return f"ts_rank('{PG_WEIGHTS}', d.tsv, qs.q{i}, 1)"


def _pg_queries(terms) -> str:
    return ", ".join(f"plainto_tsquery('simple', %s) AS q{i}" for i in range(len(terms)))


def pg_best(cursor, term: str, size: int) -> list[tuple[int, float]]:
    """[(doc id, weight)]: the SIZE documents the term weighs most in (PostgreSQL)."""
    cursor.execute(f"SELECT d.id, {_pg_rank(0)} AS w FROM search_searchdoc d, "
                   f"(SELECT {_pg_queries([term])}) qs WHERE d.tsv @@ qs.q0 "
                   f"ORDER BY w DESC, d.id LIMIT %s", [term, size])
    return cursor.fetchall()


def pg_doc_weights(doc_id: int, terms) -> dict[str, float]:
    """{term: weight} of TERMS in one (saved) document (PostgreSQL)."""
    terms = safe_terms(terms)
    if not terms:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT t, ts_rank('{PG_WEIGHTS}', d.tsv, plainto_tsquery('simple', t), "
                       f"1) FROM search_searchdoc d CROSS JOIN unnest(%s::text[]) t "
                       f"WHERE d.id = %s", [terms, doc_id])
        return {t: w for t, w in cursor.fetchall() if w > 0}


def _idf(terms) -> dict[str, float]:
    from .models import SearchTerm

    with connection.cursor() as cursor:
        # The planner's row count, else the statistics collector's (a table loaded in bulk
        # and not yet analysed); counting a million rows on every search costs a second.
        cursor.execute("SELECT GREATEST(c.reltuples, s.n_live_tup) FROM pg_class c "
                       "LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid "
                       "WHERE c.relname = 'search_searchdoc'")
        row = cursor.fetchone()
    total = (row[0] or 0) if row else 0
    found = dict(SearchTerm.objects.filter(term__in=terms).values_list("term", "df"))
    if total <= 1 or total < max(found.values(), default=0):  # no estimate, or a stale one
        from .models import SearchDoc

        total = SearchDoc.objects.count()
    return {t: bm25_idf(max(total, n), n) for t, n in found.items()}


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


def ranked(terms: list[str], where: Where, *, limit: int, offset: int = 0,
           narrow: bool = False):
    """[(doc id, kind, object id, score)], best first. NARROW: WHERE picks out a small set
    through an index (one organization's ideas), which may be cheaper to score directly than
    walking the terms' document lists through the whole index (see _scan)."""
    terms = safe_terms(terms)
    if not terms:
        return []
    engine = backend(terms)
    if narrow and connection.vendor == "sqlite":
        rows = _scan(terms, where, limit=limit, offset=offset)
    else:
        rows = None if narrow else top_ranked(terms, where, limit=limit, offset=offset,
                                              settle=True)
    if rows is not None:
        return rows
    source, source_params = engine.source()
    score, score_params = engine.score()
    sql = (f"SELECT d.id, d.kind, d.object_id, {score} AS score FROM {source} AND {where.sql} "
           f"ORDER BY score DESC, d.id LIMIT %s OFFSET %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*score_params, *source_params, *where.params, limit, offset])
        return cursor.fetchall()


# ---------------------------------------------------------------------------- bm25 in Python
# FTS5's bm25() recomputed from a document's own term columns, to the bit: the same statistics
# (the FTS5 table's row and token counts, the documents' term frequencies), the same weights,
# constants and order of arithmetic. Which way a document was scored never changes its score.
K1, B = 1.2, 0.75
FTS_COLUMN_WEIGHTS = tuple(float(w) for w in FTS_WEIGHTS.split(","))
SCORED_COLUMNS = "d.title_terms, d.body_terms, d.title_parts, d.body_parts"


def fts_averages(cursor) -> tuple[int, float] | None:
    """(rows, average row length in tokens) as bm25() sees them: FTS5's 'averages' record
    (id 1 of its data table: varints, the row count, then each column's total tokens).
    None if it cannot be read (the callers then fall back to bm25() itself)."""
    cursor.execute("SELECT block FROM search_fts_data WHERE id = 1")
    found = cursor.fetchone()
    if not found or not found[0]:
        return None
    values, i, data = [], 0, bytes(found[0])
    while i < len(data):  # SQLite varints: 7 bits a byte, high bit = more; a 9th byte has 8
        value, n = 0, 0
        while True:
            byte = data[i]
            i += 1
            n += 1
            if n == 9:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80 or i >= len(data):
                break
        values.append(value)
    if len(values) != 1 + len(FTS_COLUMN_WEIGHTS) or values[0] <= 0 or sum(values[1:]) <= 0:
        return None
    return values[0], sum(values[1:]) / values[0]


def bm25_idf(rows: int, hits: int) -> float:
    value = math.log((rows - hits + 0.5) / (hits + 0.5))
    return value if value > 0.0 else 1e-6


def term_weights(columns, terms, avgdl: float) -> dict[str, float]:
    """{term: its bm25() share without the IDF} for the TERMS in a document's four term
    columns (only those it has)."""
    split = [c.split() for c in columns]
    freq: dict[str, float] = {}
    for weight, tokens in zip(FTS_COLUMN_WEIGHTS, split, strict=True):
        for term in terms.intersection(tokens):
            freq[term] = freq.get(term, 0.0) + weight * tokens.count(term)
    if not freq:
        return freq
    norm = K1 * (1 - B + B * float(sum(map(len, split))) / avgdl)
    return {t: (f * (K1 + 1.0)) / (f + norm) for t, f in freq.items()}


def _score(docs, terms: list[str], idf: list[float], avgdl: float) -> list[tuple]:
    """[(doc id, kind, object id, score)] of DOCS (id, kind, object id, four term columns)
    that have any of TERMS, best first."""
    wanted = set(terms)
    scored = []
    for doc_id, kind, object_id, *columns in docs:
        weights = term_weights(columns, wanted, avgdl)
        if not weights:
            continue
        score = 0.0
        for i, term in enumerate(terms):  # in query order, as bm25() adds them up
            w = weights.get(term)
            if w:
                score += idf[i] * w
        scored.append((doc_id, kind, object_id, score))
    scored.sort(key=lambda row: (-row[3], row[0]))
    return scored


# ---------------------------------------------------------------------------- small scopes
# Scoring a document directly (reading its four term columns) costs about as much as walking
# this many entries of the full-text index's document lists (measured at 1M ideas).
SCAN_COST = 10


def _scan(terms: list[str], where: Where, *, limit: int, offset: int):
    """Rank by reading the scoped documents themselves, when that is cheaper than the
    full-text match: a common word is in a large share of a million ideas, and matching it
    means walking all of them before the scope can drop the other organizations'. None when
    the full-text match is the cheaper way (rare words) or the statistics cannot be read."""
    frequencies = document_frequencies(terms)
    budget = int(sum(frequencies.values()) / SCAN_COST)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM search_searchdoc d WHERE {where.sql} "
                       f"LIMIT %s)", [*where.params, budget + 1])
        if cursor.fetchone()[0] > budget:
            return None
        averages = fts_averages(cursor)
        if averages is None:
            return None
        rows, avgdl = averages
        cursor.execute(f"SELECT d.id, d.kind, d.object_id, {SCORED_COLUMNS} "
                       f"FROM search_searchdoc d WHERE {where.sql}", where.params)
        docs = cursor.fetchall()
    idf = [bm25_idf(rows, frequencies.get(t, 0)) for t in terms]
    return _score(docs, terms, idf, avgdl)[offset:offset + limit]


# ---------------------------------------------------------------------------- broad searches
# A common term (in more than TOP_MIN_DF documents) has a list of its TOP_SIZE best documents
# (SearchTop, kept by index.py). A search matching very many documents ranks from those lists
# and the rare terms' documents instead of scoring every match (see top_ranked).
TOP_MIN_DF = 1000
TOP_SIZE = 250
RESCORED = 60  # candidates scored exactly at a time
RESCORED_MAX = 600  # and at most
BROAD = 1000  # matches (the terms' document frequencies added up) that make a search broad
READ_IN_FULL = 8000  # documents of the rarest terms scored by bm25() itself
# PostgreSQL scores a match at about 15 µs (its tsvector read from the row), several times
# what FTS5 takes: it reads fewer rare documents in full, and past SETTLE_DF matches a search
# whose order the lists cannot prove settles for the best candidates (see top_ranked).
READ_IN_FULL_PG = 2000
SETTLE_DF = 5000
SETTLE_DF_SQLITE = 50_000  # FTS5 scores a match in about 2 µs: 100 ms of scoring


def top_ranked(terms: list[str], where: Where, *, limit: int, offset: int = 0,
               settle: bool = False):
    """The best LIMIT matches after OFFSET, exactly as scoring every match would rank them,
    from a few hundred candidates: the best documents of the common terms (their lists) and
    of the rare terms together (FTS5's own top-N by bm25(), which needs no list). A document
    in neither can weigh at most each group's floor (its last listed weight), so once enough
    candidates have been scored exactly and none left could beat the last place asked for,
    the answer is proven. First with the lists alone; if that proves nothing, again with the
    rarest common terms ranked on the fly too (their floors are the highest). None when it
    still cannot be proven (many similar common terms) or the lists cannot help (a narrow
    search, a page beyond what the lists hold): then every match is scored. SETTLE: when the
    order cannot be proven and scoring every match would take long (over SETTLE_DF matches on
    PostgreSQL, where that takes seconds; SETTLE_DF_SQLITE on SQLite), the best candidates,
    each scored exactly, are the answer."""
    terms = safe_terms(terms)
    need = limit + offset
    pg = connection.vendor == "postgresql"
    if not terms or connection.vendor not in ("sqlite", "postgresql") or need > TOP_SIZE // 2:
        return None
    if not pg:
        _tune_sqlite()
    from .models import SearchTerm

    found = {t: (df, floor) for t, df, floor in SearchTerm.objects.filter(
        term__in=terms, df__gt=0).values_list("term", "df", "floor")}
    if sum(df for df, _floor in found.values()) <= BROAD:
        return None
    unlisted = [t for t, (_df, floor) in found.items() if floor is None]
    read = sum(found[t][0] for t in unlisted)
    if read > 2 * READ_IN_FULL:  # lists missing (an index from before them): score all
        return None
    listed = sorted((df, t) for t, (df, floor) in found.items() if floor is not None)
    with connection.cursor() as cursor:
        if pg:  # ts_rank depends on the document alone: listed weights never drift
            idf, avgdl, drift = _idf(list(found)), 0.0, 1.0
        else:
            averages = fts_averages(cursor)
            if averages is None:
                return None
            cursor.execute("SELECT value FROM search_searchmeta WHERE key = 'lists_avgdl'")
            measured = cursor.fetchone()
            idf = {t: bm25_idf(averages[0], df) for t, (df, _floor) in found.items()}
            avgdl = averages[1]
            drift = averages[1] / float(measured[0]) if measured else 1.0
        scope = _Scope(cursor, terms, found, where, idf, avgdl, drift)
        rows = scope.ranked([t for _df, t in listed], unlisted, need)
        if rows is None:
            rare = list(unlisted)
            most = READ_IN_FULL_PG if pg else READ_IN_FULL
            for df, term in listed:
                if read + df > most:
                    break
                rare.append(term)
                read += df
            if len(rare) > len(unlisted):
                rows = scope.ranked([t for t in found if t not in rare], rare, need)
        if rows is None and settle and sum(df for df, _floor in found.values()) > (
                SETTLE_DF if pg else SETTLE_DF_SQLITE):
            # Not provable (many equally common terms with flat weights): the best of the
            # lists' candidates, each scored exactly, rather than seconds of scoring.
            rows = scope.ranked([t for _df, t in listed], unlisted, need, settle=True)
    return None if rows is None else rows[offset:need]


class _Scope:
    """One attempt of top_ranked (see there)."""

    def __init__(self, cursor, terms, found, where, idf, avgdl, drift):
        self.cursor, self.found, self.where = cursor, found, where
        self.pg = connection.vendor == "postgresql"
        self.avgdl = avgdl
        self.drift = max(1.0, drift)  # stored weights may have grown by this much since
        self.idf = {t: idf.get(t, 0.0) for t in found}
        self.ordered = [t for t in terms if t in found]  # bm25() adds up in query order
        self.weights = [self.idf[t] for t in self.ordered]
        self.lists: dict[str, dict[int, float]] = {}

    def _best_of(self, rare: list[str]) -> list[tuple[int, float]]:
        """The TOP_SIZE + 1 best documents by the rare terms alone, whoever may see them."""
        if self.pg:
            score, params = _Postgres(rare).score(self.idf)
            matches = " || ".join(f"qs.q{i}" for i in range(len(rare)))
            self.cursor.execute(f"SELECT d.id, {score} AS s FROM search_searchdoc d, "
                                f"(SELECT {_pg_queries(rare)}) qs WHERE d.tsv @@ ({matches}) "
                                f"ORDER BY s DESC, d.id LIMIT %s",
                                [*params, *rare, TOP_SIZE + 1])
        else:
            match = " OR ".join('"' + t + '"' for t in rare)
            self.cursor.execute(f"SELECT rowid, -rank FROM search_fts WHERE search_fts MATCH "
                                f"%s AND rank MATCH 'bm25({FTS_WEIGHTS})' ORDER BY rank "
                                f"LIMIT %s", [match, TOP_SIZE + 1])
        return self.cursor.fetchall()

    def _exactly(self, batch: list[int]) -> list[tuple]:
        """[(doc id, kind, object id, score)] of the candidates the person may see, scored
        exactly as ranked() scores every match."""
        values = ", ".join(["(%s)"] * len(batch))
        # CROSS JOIN: each candidate looked up by its id, not the scope's index walked.
        if self.pg:
            score, params = _Postgres(self.ordered).score(self.idf)
            self.cursor.execute(f"SELECT d.id, d.kind, d.object_id, {score} AS s "
                                f"FROM (VALUES {values}) c CROSS JOIN search_searchdoc d "
                                f"CROSS JOIN (SELECT {_pg_queries(self.ordered)}) qs "
                                f"WHERE d.id = c.column1 AND {self.where.sql}",
                                [*params, *batch, *self.ordered, *self.where.params])
            return self.cursor.fetchall()
        self.cursor.execute(f"SELECT d.id, d.kind, d.object_id, {SCORED_COLUMNS} "
                            f"FROM (VALUES {values}) c CROSS JOIN search_searchdoc d "
                            f"ON d.id = c.column1 WHERE {self.where.sql}",
                            [*batch, *self.where.params])
        return _score(self.cursor.fetchall(), self.ordered, self.weights, self.avgdl)

    def _list(self, terms) -> None:
        wanted = [t for t in terms if t not in self.lists]
        for term in wanted:
            self.lists[term] = {}
        if wanted:
            self.cursor.execute(f"SELECT doc_id, term, weight FROM search_searchtop "
                                f"WHERE term IN ({_in(wanted)})", wanted)
            for doc_id, term, weight in self.cursor.fetchall():
                self.lists[term][doc_id] = self.idf[term] * weight

    def ranked(self, common: list[str], rare: list[str], need: int, *, settle: bool = False):
        # [(floor, {doc id: weight})]: what each group adds to a document's score
        groups: list[tuple[float, dict[int, float]]] = []
        if rare:
            best = self._best_of(rare)
            groups.append((best[TOP_SIZE][1] if len(best) > TOP_SIZE else 0.0,
                           dict(best[:TOP_SIZE])))
        self._list(common)
        groups += [(self.idf[t] * self.found[t][1], self.lists[t]) for t in common]
        outside = sum(floor for floor, _listed in groups)
        most: dict[int, float] = {}
        for floor, listed in groups:
            for doc_id, weight in listed.items():
                most[doc_id] = most.get(doc_id, outside) + weight - floor
        if self.drift > 1.0:
            outside *= self.drift
            most = {d: m * self.drift for d, m in most.items()}
        queue = sorted(most, key=lambda d: (-most[d], d))
        scored: list[tuple] = []
        # Score the most promising exactly (those the person may see) until none left could
        # beat the last place asked for, nor could a document in no list.
        for start in range(0, min(len(queue), RESCORED_MAX), RESCORED):
            batch = queue[start:start + RESCORED]
            scored = sorted(scored + self._exactly(batch), key=lambda row: (-row[3], row[0]))
            if len(scored) < need:
                continue
            last = scored[need - 1][3]  # strictly above: an equal score with a lower id wins
            if last <= outside and not settle:
                return None  # a document in no list might beat it: not provable this way
            following = start + RESCORED
            if following >= len(queue) or last > most[queue[following]]:
                return scored
        return scored if settle and len(scored) >= need else None


# Facet counts: exact up to EXACT matches; above that estimated from a systematic sample of
# about SAMPLE matches (WINDOWS evenly spread stretches of the index), as broad web searches
# say "about 12,000 results".
EXACT = 1000
SAMPLE = 500
WINDOWS = 16


def facet_counts(terms: list[str], where: Where) -> tuple[dict[str, dict[str, int]], bool]:
    """grouped()'s counts and whether they are exact. A search matching more than EXACT
    documents gets estimates from a sample, rounded to two significant digits (at least
    EXACT + 1 in all): counting every match costs about a microsecond each on SQLite, several
    facets each, and on PostgreSQL a visit to every match's row."""
    terms = safe_terms(terms)
    if not terms or connection.vendor not in ("sqlite", "postgresql"):
        return grouped(terms, where), True
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # The full-text match yields the ids in order: the first EXACT + 1 matches took
            # LAST - LOW + 1 ids of the span.
            source, params = backend(terms).source()
            cursor.execute(f"SELECT COUNT(*), MAX(rowid) FROM (SELECT search_fts.rowid AS rowid "
                           f"FROM {source} AND {where.sql} LIMIT %s)",
                           [*params, *where.params, EXACT + 1])
            found, last = cursor.fetchone()
            if found <= EXACT:
                return grouped(terms, where), True
            low, high = _id_range(cursor)
            estimate = found * (high - low + 1) / max(1, last - low + 1)
        else:
            # PostgreSQL yields matches in no useful order (parallel scans, updated rows), and
            # walking the ids in order reads every row's tsvector. The terms' document
            # frequencies bound the matches from above; the sample then tells.
            from .models import SearchTerm

            estimate = sum(SearchTerm.objects.filter(term__in=terms)
                           .values_list("df", flat=True))
            if estimate <= EXACT:
                return grouped(terms, where), True
            low, high = _id_range(cursor)
    span = high - low + 1
    width = max(1, int(SAMPLE / estimate * span / WINDOWS))
    if width * WINDOWS * 2 >= span:  # sampling half of it: count it all
        return grouped(terms, where), True
    starts = [low + i * span // WINDOWS for i in range(WINDOWS)]
    counts = grouped(terms, where, windows=[(s, s + width - 1) for s in starts])
    scale = span / (width * WINDOWS)
    kinds = counts.setdefault("kind", {})
    if sum(kinds.values()) * scale <= EXACT and connection.vendor != "sqlite":
        return grouped(terms, where), True  # fewer than the bound suggested: count them all
    for values in counts.values():
        for value, n in values.items():
            values[value] = _rounded(n * scale)
    if kinds and sum(kinds.values()) <= EXACT:
        top = max(kinds, key=kinds.get)
        kinds[top] += EXACT + 1 - sum(kinds.values())
    return counts, False


def _id_range(cursor) -> tuple[int, int]:
    cursor.execute("SELECT (SELECT MIN(id) FROM search_searchdoc), "
                   "(SELECT MAX(id) FROM search_searchdoc)")  # two index lookups
    return cursor.fetchone()


def _rounded(n: float) -> int:
    """Two significant digits: 12,345 → 12,000; at least 1."""
    if n < 100:
        return max(1, round(n))
    digits = 10 ** (len(str(int(n))) - 2)
    return int(round(n / digits) * digits)


def grouped(terms: list[str], where: Where, *, windows=None) -> dict[str, dict[str, int]]:
    """Facet counts of the matching documents: {name: {value: count}}, where the name
    "organization" counts by organization and "kind" by kind. WINDOWS: only the documents in
    these (first id, last id) stretches."""
    terms = safe_terms(terms)
    out: dict[str, dict[str, int]] = {}
    if not terms:
        return out
    source, params = backend(terms).source()
    if windows and connection.vendor == "sqlite":
        # One full-text lookup per stretch (the match walks only its ids), not one walk
        # through every match tested against all the stretches.
        values = ", ".join(["(%s, %s)"] * len(windows))
        source = source.replace("search_fts CROSS JOIN",
                                f"(VALUES {values}) w CROSS JOIN search_fts CROSS JOIN", 1)
        params = [*(v for pair in windows for v in pair), *params]
        where = where.copy().add("search_fts.rowid BETWEEN w.column1 AND w.column2")
    elif windows:  # PostgreSQL reads the stretches through the primary key
        where = where.copy().add("(" + " OR ".join(["d.id BETWEEN %s AND %s"] * len(windows))
                                 + ")", *(v for pair in windows for v in pair))
    if connection.vendor == "sqlite":
        # The matches once into a temporary table, then counted two ways; the facet values
        # joined from the matches outwards (read from the covering index search_facet_cover).
        sql = (f"WITH m AS MATERIALIZED (SELECT d.id AS id, d.organization_id AS org, "
               f"d.kind AS kind FROM {source} AND {where.sql}) "
               f"SELECT f.name, f.value, COUNT(*) FROM m CROSS JOIN search_searchfacet f "
               f"ON f.doc_id = m.id GROUP BY f.name, f.value "
               f"UNION ALL SELECT NULL, m.org || ' ' || m.kind, COUNT(*) FROM m "
               f"GROUP BY m.org, m.kind")
    else:
        sql = (f"WITH m AS MATERIALIZED (SELECT d.id, d.organization_id AS org, d.kind "
               f"FROM {source} AND {where.sql}) "
               f"SELECT name, value, COUNT(*) FROM search_searchfacet WHERE doc_id IN "
               f"(SELECT id FROM m) GROUP BY name, value "
               f"UNION ALL SELECT NULL, m.org || ' ' || m.kind, COUNT(*) FROM m "
               f"GROUP BY m.org, m.kind")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *where.params])
        for name, value, n in cursor.fetchall():
            if name is not None:
                out.setdefault(name, {})[value] = n
                continue
            org_id, kind = value.split(" ")
            orgs = out.setdefault("organization", {})
            orgs[org_id] = orgs.get(org_id, 0) + n
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


def document_frequencies(terms) -> dict[str, int]:
    """{term: how many documents have it} for the terms in the index."""
    from .models import SearchTerm

    terms = list(terms)
    found: dict[str, int] = {}
    for i in range(0, len(terms), 500):
        found.update(SearchTerm.objects.filter(term__in=terms[i:i + 500], df__gt=0)
                     .values_list("term", "df"))
    return found


def rarest(terms, n: int) -> list[str]:
    """The N terms found in the fewest documents (for long texts: similar items)."""
    terms = safe_terms(terms) if len(terms) <= MAX_TERMS else [
        t for t in dict.fromkeys(terms) if SAFE_TERM.match(t) and len(t) <= 100]
    found = document_frequencies(terms)
    return [t for _df, t in sorted((df, t) for t, df in found.items())[:n]]
