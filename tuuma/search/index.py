"""Writing the search index: one SearchDoc per act and per idea, kept in step with every save
(signals.py) and rebuilt by `tuuma search reindex`."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction

from . import analysis
from .models import SearchDoc, SearchFacet, SearchMeta, SearchTerm

log = logging.getLogger(__name__)
VERSION_KEY = "analyser"
COLUMNS = ("title_terms", "body_terms", "title_parts", "body_parts")


# ---------------------------------------------------------------------------- documents
def _join(*texts) -> str:
    return "\n\n".join(t.strip() for t in texts if t and t.strip())


def act_document(act) -> tuple[dict, list[tuple[str, str]]]:
    """The index row of an act (with its translations) and its facet values."""
    body_fields = ("summary", "need_and_goals", "solution", "results", "lessons")
    body = _join(*(getattr(act, f) for f in body_fields))
    title_full, title_parts = analysis.analyze_fields(act.title, act.language)
    body_full, body_parts = analysis.analyze_fields(body, act.language)
    extra_titles, extra_bodies = [], []
    for translation in act.translations.all():
        if translation.language == act.language:
            continue
        t_full, t_parts = analysis.analyze_fields(translation.title, translation.language)
        t_body = _join(*(getattr(translation, f) for f in body_fields))
        b_full, b_parts = analysis.analyze_fields(t_body, translation.language)
        title_full += t_full
        title_parts += t_parts
        body_full += b_full
        body_parts += b_parts
        extra_titles.append(translation.title)
        extra_bodies.append(t_body)
    year = (act.published_at or act.created_at)
    facets = [("status", act.status), ("year", str(year.year))]
    facets += [("theme", t.slug) for t in act.themes.all()]
    facets += [("sector", s.slug) for s in act.sectors.all()]
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
    body = _join(idea.problem, idea.proposal)
    title_full, title_parts = analysis.analyze_fields(idea.title, "fi")
    body_full, body_parts = analysis.analyze_fields(body, "fi")
    facets = [("status", idea.status), ("year", str(idea.created_at.year))]
    facets += [("unit", str(u.pk)) for u in idea.units.all()]
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


def stored_version() -> str | None:
    found = SearchMeta.objects.filter(key=VERSION_KEY).first()
    return found.value if found else None


# ---------------------------------------------------------------------------- writing
@transaction.atomic
def _write(kind: str, object_id: int, row: dict, facets: list[tuple[str, str]]) -> None:
    old = SearchDoc.objects.filter(kind=kind, object_id=object_id).first()
    counts = Counter({t: 1 for t in _terms_of(row)})
    if old is None:
        _ensure_version()
        doc = SearchDoc.objects.create(kind=kind, object_id=object_id, **row)
    else:
        counts.subtract({t: 1 for t in _terms_of(old.__dict__)})
        for name, value in row.items():
            setattr(old, name, value)
        old.save()
        doc = old
        doc.facets.all().delete()
    SearchFacet.objects.bulk_create(
        [SearchFacet(doc=doc, name=n, value=str(v)[:80]) for n, v in facets])
    _count_terms(counts)


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
        for act in _acts().filter(pk__in=ids[i:i + 500]):
            index_act(act)
            done += 1
    return done


def index_ideas(ids) -> int:
    """Index (or re-index) the ideas with these ids (bulk writes bypass save signals)."""
    done = 0
    ids = sorted(set(ids))
    for i in range(0, len(ids), 500):
        for idea in _ideas().filter(pk__in=ids[i:i + 500]):
            index_idea(idea)
            done += 1
    return done


@transaction.atomic
def remove(kind: str, object_id: int) -> None:
    for doc in SearchDoc.objects.filter(kind=kind, object_id=object_id):
        _count_terms(Counter({t: -1 for t in _terms_of(doc.__dict__)}))
        doc.delete()


def set_visibility(kind: str, object_id: int, is_public: bool) -> None:
    SearchDoc.objects.filter(kind=kind, object_id=object_id).update(is_public=is_public)


# ---------------------------------------------------------------------------- rebuilding
def _acts():
    from tuuma.acts.models import Act

    return (Act.objects.select_related("organization")
            .prefetch_related("translations", "themes", "sectors").order_by("pk"))


def _ideas():
    from tuuma.ideas.models import Idea

    return Idea.objects.prefetch_related("units").order_by("pk")


def _chunks(queryset, size: int = 500) -> Iterable[list]:
    """Keyset-paginated chunks (prefetches work per chunk, memory stays flat)."""
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last)[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


def counts() -> dict[str, int]:
    from tuuma.acts.models import Act
    from tuuma.ideas.models import Idea

    return {"act": Act.objects.count(), "idea": Idea.objects.count()}


@transaction.atomic
def rebuild(progress=None) -> int:
    """Throw the index away and build it again from every act and idea. PROGRESS(n) is called
    after each chunk of N objects. Returns the number of documents."""
    SearchFacet.objects.all().delete()
    SearchDoc.objects.all().delete()
    SearchTerm.objects.all().delete()
    SearchMeta.objects.update_or_create(key=VERSION_KEY, defaults={"value": analysis.version()})
    df: Counter = Counter()
    total = 0
    for kind, queryset, build in (("act", _acts(), act_document),
                                  ("idea", _ideas(), idea_document)):
        for chunk in _chunks(queryset):
            rows = [(obj.pk, *build(obj)) for obj in chunk]
            docs = SearchDoc.objects.bulk_create(
                [SearchDoc(kind=kind, object_id=pk, **row) for pk, row, _f in rows])
            SearchFacet.objects.bulk_create(
                [SearchFacet(doc=doc, name=n, value=str(v)[:80])
                 for doc, (_pk, _row, facets) in zip(docs, rows, strict=True)
                 for n, v in facets], batch_size=1000)
            for _pk, row, _f in rows:
                df.update(_terms_of(row))
            total += len(chunk)
            if progress:
                progress(len(chunk))
    terms = [SearchTerm(term=t, df=n) for t, n in df.items() if len(t) <= 100]
    SearchTerm.objects.bulk_create(terms, batch_size=2000)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    return total
