"""Writing the search index: one SearchDoc per act and per idea, kept in step with every save
(signals.py) and rebuilt by `tuuma search reindex`."""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import connection, models, transaction

from . import analysis, engine
from .models import SearchDoc, SearchFacet, SearchMeta, SearchTerm, SearchTop

log = logging.getLogger(__name__)
VERSION_KEY = "analyser"
CATALOGUE_KEY = "catalogue"
LISTS_KEY = "lists_avgdl"  # see _lists_measured
COLUMNS = ("title_terms", "body_terms", "title_parts", "body_parts")


# ---------------------------------------------------------------------------- documents
def _join(*texts) -> str:
    return "\n\n".join(t.strip() for t in texts if t and t.strip())


BODY_FIELDS = ("summary", "need_and_goals", "solution", "results", "lessons")


def act_document(act) -> tuple[dict, list[tuple[str, str]]]:
    """The index row of an act (with its translations) and its facet values."""
    return _act_document(act, list(act.translations.all()), [t.slug for t in act.themes.all()],
                         [s.slug for s in act.sectors.all()])


def _act_document(act, translations, themes, sectors) -> tuple[dict, list[tuple[str, str]]]:
    body = _join(*(getattr(act, f) for f in BODY_FIELDS))
    title_full, title_parts = analysis.analyze_fields(act.title, act.language)
    body_full, body_parts = analysis.analyze_fields(body, act.language)
    extra_titles, extra_bodies = [], []
    for translation in translations:
        if translation.language == act.language:
            continue
        t_full, t_parts = analysis.analyze_fields(translation.title, translation.language)
        t_body = _join(*(getattr(translation, f) for f in BODY_FIELDS))
        b_full, b_parts = analysis.analyze_fields(t_body, translation.language)
        title_full += t_full
        title_parts += t_parts
        body_full += b_full
        body_parts += b_parts
        extra_titles.append(translation.title)
        extra_bodies.append(t_body)
    year = (act.published_at or act.created_at)
    facets = [("status", act.status), ("year", str(year.year))]
    facets += [("theme", slug) for slug in themes]
    facets += [("sector", slug) for slug in sectors]
    row = {
        "organization_id": act.organization_id, "is_public": act.is_public,
        "language": act.language, "title": _join(act.title, *extra_titles),
        "body": _join(body, *extra_bodies),
        "title_terms": " ".join(title_full), "body_terms": " ".join(body_full),
        "title_parts": " ".join(title_parts), "body_parts": " ".join(body_parts),
    }
    return row, facets


def idea_document(idea) -> tuple[dict, list[tuple[str, str]]]:
    """An idea's row: its texts only, never its authors (hidden authors stay hidden)."""
    return _idea_document(idea, [u.pk for u in idea.units.all()])


def _idea_document(idea, unit_ids) -> tuple[dict, list[tuple[str, str]]]:
    body = _join(idea.problem, idea.proposal)
    title_full, title_parts = analysis.analyze_fields(idea.title, "fi")
    body_full, body_parts = analysis.analyze_fields(body, "fi")
    facets = [("status", idea.status), ("year", str(idea.created_at.year))]
    facets += [("unit", str(pk)) for pk in unit_ids]
    row = {
        "organization_id": idea.organization_id, "is_public": False, "language": "fi",
        "title": idea.title, "body": body,
        "title_terms": " ".join(title_full), "body_terms": " ".join(body_full),
        "title_parts": " ".join(title_parts), "body_parts": " ".join(body_parts),
    }
    return row, facets


def _terms_of(row: dict) -> set[str]:
    return {t for c in COLUMNS for t in row.get(c, "").split()}


# ---------------------------------------------------------------------------- vocabulary
def _count_terms(counts: Counter) -> None:
    """Adjust the document frequencies of terms (+1 for a new document, -1 for a removed one)."""
    new = [t for t, n in counts.items() if n > 0 and len(t) <= 100]
    if new:
        SearchTerm.objects.bulk_create([SearchTerm(term=t, df=0) for t in new],
                                       ignore_conflicts=True, batch_size=500)
    by_delta: dict[int, list[str]] = {}
    for term, delta in counts.items():
        if delta and len(term) <= 100:
            by_delta.setdefault(delta, []).append(term)
    from django.db.models import F

    for delta, terms in by_delta.items():
        for i in range(0, len(terms), 500):
            SearchTerm.objects.filter(term__in=terms[i:i + 500]).update(df=F("df") + delta)


def _ensure_version() -> None:
    SearchMeta.objects.get_or_create(key=VERSION_KEY, defaults={"value": analysis.version()})


def catalogue_stamp() -> str:
    """Renewed whenever something the public catalogue counts may have changed: processes key
    their kept facet counts by it (tuuma.acts.queries.catalogue_counts)."""
    # Read on every cached catalogue page: one plain query (the ORM's would cost more than
    # serving the kept page itself).
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {SearchMeta._meta.db_table} WHERE key = %s",
                       [CATALOGUE_KEY])
        row = cursor.fetchone()
    found = row[0] if row else None
    if found is None:
        found = SearchMeta.objects.get_or_create(
            key=CATALOGUE_KEY, defaults={"value": uuid.uuid4().hex})[0].value
    return found


def catalogue_changed() -> None:
    """A public act was written, withdrawn or removed (in the writing transaction, so a
    rolled-back write leaves the stamp as it was). Bulk writes that bypass save() call this
    (or index_acts) themselves."""
    SearchMeta.objects.update_or_create(key=CATALOGUE_KEY,
                                        defaults={"value": uuid.uuid4().hex})


def stored_version() -> str | None:
    found = SearchMeta.objects.filter(key=VERSION_KEY).first()
    return found.value if found else None


# ---------------------------------------------------------------------------- writing
@transaction.atomic
def _write(kind: str, object_id: int, row: dict, facets: list[tuple[str, str]]) -> None:
    old = SearchDoc.objects.filter(kind=kind, object_id=object_id).first()
    was_public = False
    counts = Counter({t: 1 for t in _terms_of(row)})
    if old is None:
        _ensure_version()
        doc = SearchDoc.objects.create(kind=kind, object_id=object_id, **row)
    else:
        was_public = old.is_public
        counts.subtract({t: 1 for t in _terms_of(old.__dict__)})
        for name, value in row.items():
            setattr(old, name, value)
        old.save()
        doc = old
        doc.facets.all().delete()
    SearchFacet.objects.bulk_create(
        [SearchFacet(doc=doc, name=n, value=str(v)[:80]) for n, v in facets])
    _count_terms(counts)
    _list_best(doc.pk, row, replaced=old is not None)
    if kind == "act" and (row["is_public"] or (old is not None and was_public)):
        catalogue_changed()


def index_act(act) -> None:
    row, facets = act_document(act)
    _write("act", act.pk, row, facets)


def index_idea(idea) -> None:
    row, facets = idea_document(idea)
    _write("idea", idea.pk, row, facets)


def index_acts(ids) -> int:
    """Index (or re-index) the acts with these ids: for bulk writes that bypass save signals."""
    done = 0
    ids = sorted(set(ids))
    for i in range(0, len(ids), 500):
        for act in _acts().prefetch_related("translations", "themes", "sectors").filter(
                pk__in=ids[i:i + 500]):
            index_act(act)
            done += 1
    return done


def index_ideas(ids) -> int:
    """Index (or re-index) the ideas with these ids (bulk writes bypass save signals)."""
    done = 0
    ids = sorted(set(ids))
    for i in range(0, len(ids), 500):
        for idea in _ideas().prefetch_related("units").filter(pk__in=ids[i:i + 500]):
            index_idea(idea)
            done += 1
    return done


# ---------------------------------------------------------------------------- best documents
def _list_best(doc_id: int, row: dict, *, replaced: bool) -> None:
    """Keep the common terms' best-documents lists (SearchTop) in step with a written
    document: it enters the list of every common term it weighs more for than the list's
    floor; a term that has just become common gets its list."""
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    if replaced:
        SearchTop.objects.filter(doc_id=doc_id).delete()
    terms = list(_terms_of(row))
    found = []
    for i in range(0, len(terms), 500):
        found += SearchTerm.objects.filter(term__in=terms[i:i + 500]).filter(
            models.Q(floor__isnull=False) | models.Q(df__gt=engine.TOP_MIN_DF)).values_list(
            "term", "floor")
    if not found:
        return
    floors = {t: floor for t, floor in found if floor is not None}
    if connection.vendor == "postgresql":
        averages = None
        weights = engine.pg_doc_weights(doc_id, floors) if floors else {}
    else:
        with connection.cursor() as cursor:
            averages = engine.fts_averages(cursor)
        if averages is None:
            return
        weights = engine.term_weights([row.get(c, "") for c in COLUMNS], set(floors),
                                      averages[1])
    entered = [t for t, w in weights.items() if w > floors[t]]
    SearchTop.objects.bulk_create([SearchTop(term=t, doc_id=doc_id, weight=weights[t])
                                   for t in entered])
    for term in entered:  # a list grown to twice its size is cut back, its floor raised
        if SearchTop.objects.filter(term=term).count() > 2 * engine.TOP_SIZE:
            floor = (SearchTop.objects.filter(term=term).order_by("-weight")
                     .values_list("weight", flat=True)[engine.TOP_SIZE])
            SearchTop.objects.filter(term=term, weight__lte=floor).delete()
            SearchTerm.objects.filter(term=term).update(floor=floor)
            if averages:
                _lists_measured(averages[1])
    build_lists([t for t, floor in found if floor is None])


def _lists_measured(avgdl: float, *, anew: bool = False) -> None:
    """Weights depend on the average document length: one that grows after a floor was set
    lifts every weight a little (at most by the ratio of the two). The smallest average any
    current floor was measured at is kept, and searches widen the floors by that ratio."""
    found = SearchMeta.objects.filter(key=LISTS_KEY).first()
    if found is None or anew or avgdl < float(found.value):
        SearchMeta.objects.update_or_create(key=LISTS_KEY, defaults={"value": repr(avgdl)})


def build_lists(terms=None, progress=None) -> int:
    """Build the best-documents lists of TERMS, or of every common term (after a rebuild; the
    old lists go). Returns the number of lists."""
    pg = connection.vendor == "postgresql"
    if connection.vendor not in ("sqlite", "postgresql") or terms is not None and not terms:
        return 0
    with connection.cursor() as cursor:
        if terms is None:
            cursor.execute("DELETE FROM search_searchtop")
            cursor.execute("UPDATE search_searchterm SET floor = NULL WHERE floor IS NOT NULL")
            cursor.execute("SELECT term, df FROM search_searchterm WHERE df > %s ORDER BY term",
                           [engine.TOP_MIN_DF])
            found = cursor.fetchall()
        else:
            found = list(SearchTerm.objects.filter(term__in=list(terms)).values_list("term", "df"))
            SearchTop.objects.filter(term__in=[t for t, _df in found]).delete()
        averages = None if pg else engine.fts_averages(cursor)
        if averages is None and not pg:
            return 0
        for term, df in found:
            if not engine.SAFE_TERM.match(term):
                continue
            if pg:  # the weight is ts_rank of the term alone (engine._pg_rank)
                best = engine.pg_best(cursor, term, engine.TOP_SIZE + 1)
            else:
                idf = engine.bm25_idf(averages[0], df)
                cursor.execute(f"SELECT rowid, bm25(search_fts, {engine.FTS_WEIGHTS}) AS b "
                               f"FROM search_fts WHERE search_fts MATCH %s ORDER BY b, rowid "
                               f"LIMIT %s", ['"' + term + '"', engine.TOP_SIZE + 1])
                best = [(doc_id, -b / idf) for doc_id, b in cursor.fetchall()]
            floor = best[engine.TOP_SIZE][1] if len(best) > engine.TOP_SIZE else 0.0
            cursor.executemany("INSERT INTO search_searchtop (term, doc_id, weight) "
                               "VALUES (%s, %s, %s)",
                               [(term, doc_id, w) for doc_id, w in best[:engine.TOP_SIZE]])
            cursor.execute("UPDATE search_searchterm SET floor = %s WHERE term = %s",
                           [floor, term])
            if progress:
                progress(1)
    if found and averages:
        _lists_measured(averages[1], anew=terms is None)
    return len(found)


@transaction.atomic
def remove(kind: str, object_id: int) -> None:
    for doc in SearchDoc.objects.filter(kind=kind, object_id=object_id):
        _count_terms(Counter({t: -1 for t in _terms_of(doc.__dict__)}))
        doc.delete()
        if kind == "act" and doc.is_public:
            catalogue_changed()


def set_visibility(kind: str, object_id: int, is_public: bool) -> None:
    SearchDoc.objects.filter(kind=kind, object_id=object_id).update(is_public=is_public)
    if kind == "act":
        catalogue_changed()


# ---------------------------------------------------------------------------- rebuilding
DOC_COLUMNS = ("id", "kind", "object_id", "organization_id", "is_public", "language", "title",
               "body", *COLUMNS, "updated_at")


def _acts():
    from tuuma.acts.models import Act

    return Act.objects.order_by("pk").only(
        "organization_id", "title", "language", "status", "visibility", "published_at",
        "created_at", *BODY_FIELDS)


def _ideas():
    from tuuma.ideas.models import Idea

    return Idea.objects.order_by("pk").only("organization_id", "title", "problem", "proposal",
                                            "status", "created_at")


def _chunks(queryset, size: int = 1000) -> Iterable[list]:
    """Keyset-paginated chunks: memory stays flat."""
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last)[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


def _grouped(pairs) -> dict:
    found: dict = {}
    for key, value in pairs:
        found.setdefault(key, []).append(value)
    return found


def _act_documents(chunk) -> list:
    """(pk, row, facets) of a chunk of acts, their relations read in three queries."""
    from tuuma.acts.models import Act, ActTranslation

    ids = [a.pk for a in chunk]
    themes = _grouped(Act.themes.through.objects.filter(act_id__in=ids)
                      .values_list("act_id", "theme__slug").order_by("act_id", "theme__slug"))
    sectors = _grouped(Act.sectors.through.objects.filter(act_id__in=ids)
                       .values_list("act_id", "sector__slug").order_by("act_id", "sector__slug"))
    translations = _grouped((t.act_id, t) for t in ActTranslation.objects.filter(act_id__in=ids))
    return [(a.pk, *_act_document(a, translations.get(a.pk, []), themes.get(a.pk, []),
                                  sectors.get(a.pk, []))) for a in chunk]


def _idea_documents(chunk) -> list:
    from tuuma.ideas.models import Idea

    units = _grouped(Idea.units.through.objects.filter(idea_id__in=[i.pk for i in chunk])
                     .values_list("idea_id", "unit_id").order_by("idea_id", "unit_id"))
    return [(i.pk, *_idea_document(i, units.get(i.pk, []))) for i in chunk]


def counts() -> dict[str, int]:
    from tuuma.acts.models import Act
    from tuuma.ideas.models import Idea

    return {"act": Act.objects.count(), "idea": Idea.objects.count()}


def _insert(cursor, kind: str, docs: list, next_id: int) -> int:
    """Write a chunk of documents and their facets with two executemany calls (the ORM's
    bulk_create spends most of its time preparing values). Returns the next free id."""
    from django.utils import timezone

    now = timezone.now()
    doc_rows, facet_rows = [], []
    for pk, row, facets in docs:
        doc_rows.append((next_id, kind, pk, row["organization_id"], row["is_public"],
                         row["language"], row["title"], row["body"],
                         *(row[c] for c in COLUMNS), now))
        facet_rows += [(next_id, n, str(v)[:80]) for n, v in facets]
        next_id += 1
    doc_table, facet_table = (connection.ops.quote_name(m._meta.db_table)
                              for m in (SearchDoc, SearchFacet))
    cursor.executemany(
        f"INSERT INTO {doc_table} ({', '.join(DOC_COLUMNS)}) "
        f"VALUES ({', '.join(['%s'] * len(DOC_COLUMNS))})",
        [tuple(connection.ops.adapt_datetimefield_value(v) if v is now else v for v in r)
         for r in doc_rows])
    cursor.executemany(f"INSERT INTO {facet_table} (doc_id, name, value) VALUES (%s, %s, %s)",
                       facet_rows)
    return next_id


SQLITE_TRIGGERS = {"search_fts": ("search_fts_insert", "search_fts_delete"),
                   "search_term_trgm": ("search_term_trgm_insert", "search_term_trgm_delete")}


@contextmanager
def _triggers_paused(cursor):
    """On SQLite, fill the full-text tables in one pass at the end instead of row by row
    through their triggers (several times faster). Inside the rebuild's transaction."""
    if connection.vendor != "sqlite":
        yield
        return
    cursor.execute("PRAGMA cache_size = -262144")  # 256 MB of pages for this connection
    names = [n for triggers in SQLITE_TRIGGERS.values() for n in triggers]
    cursor.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                   f"AND name IN ({', '.join(['%s'] * len(names))})", names)
    found = cursor.fetchall()
    for name, _sql in found:
        cursor.execute(f"DROP TRIGGER {name}")
    yield
    for _name, sql in found:
        cursor.execute(sql)
    for table in SQLITE_TRIGGERS:
        cursor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")


@transaction.atomic
def rebuild(progress=None) -> int:
    """Throw the index away and build it again from every act and idea. PROGRESS(n) is called
    after each chunk of N objects. Returns the number of documents."""
    from django.core.management.color import no_style

    SearchMeta.objects.update_or_create(key=VERSION_KEY, defaults={"value": analysis.version()})
    df: Counter = Counter()
    total, next_id = 0, 1
    with connection.cursor() as cursor, _triggers_paused(cursor):
        for model in (SearchTop, SearchFacet, SearchDoc, SearchTerm):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
        for kind, queryset, build in (("act", _acts(), _act_documents),
                                      ("idea", _ideas(), _idea_documents)):
            for chunk in _chunks(queryset):
                docs = build(chunk)
                next_id = _insert(cursor, kind, docs, next_id)
                for _pk, row, _f in docs:
                    df.update(_terms_of(row))
                total += len(chunk)
                if progress:
                    progress(len(chunk))
        for sql in connection.ops.sequence_reset_sql(no_style(), [SearchDoc]):
            cursor.execute(sql)
        term_table = connection.ops.quote_name(SearchTerm._meta.db_table)
        cursor.executemany(f"INSERT INTO {term_table} (term, df) VALUES (%s, %s)",
                           [(t, n) for t, n in df.items() if len(t) <= 100])
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            build_lists()
        elif connection.vendor == "postgresql":  # the planner's row counts (and IDF's N)
            cursor.execute("ANALYZE search_searchdoc, search_searchterm, search_searchfacet")
            build_lists()
    catalogue_changed()
    return total
