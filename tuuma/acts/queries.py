"""Reads of the public catalogue: filters with counts, keyset pages, similar acts.

Everything here starts from `Act.objects.public()`: the catalogue never shows an internal act,
whoever asks.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db.models import Case, CharField, Count, F, Max, Min, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import get_language

from tuuma.core.pagecache import keep, kept
from tuuma.organizations.models import REGIONS, Organization, OrgType

from .models import Act, ActStatus, Sector, Theme

PAGE_SIZE = 20
# Kept pages, filter blocks and choices live this long at most: the catalogue stamp renews them
# on every change to a public act; a renamed organization or theme shows within this time.
KEEP_SECONDS = 300
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# The filter name in the address → the field it filters (years are handled apart).
FACETS = {
    "organization": "organization__slug",
    "region": "organization__region",
    "org_type": "organization__org_type",
    "sector": "sectors__slug",
    "theme": "themes__slug",
    "status": "status",
    "year": None,
}
# Sort orders that page by a key: (field, then id), both descending.
KEYS = {"new": "published_at", "adopted": "adoption_count"}


def public_acts():
    return Act.objects.public()


def apply_filters(qs, data: dict, skip: str | None = None):
    """Narrow QS by the catalogue filters in DATA (cleaned values), except the one in SKIP."""
    for name, path in FACETS.items():
        value = data.get(name)
        if name == skip or value in (None, ""):
            continue
        qs = qs.filter(published_at__year=value) if name == "year" else qs.filter(**{path: value})
    return qs


def facet_counts(base, data: dict) -> dict[str, dict]:
    """For each filter, how many acts each value would give with the *other* filters kept.
    Counted live over BASE (a search's matches); the whole catalogue uses catalogue_counts."""
    counts = {}
    years = _years(base)
    for name, path in FACETS.items():
        qs = apply_filters(base, data, skip=name)
        if name == "year":
            rows = (qs.filter(published_at__isnull=False)
                    .annotate(value=_year_of(years)).values("value"))
        else:
            rows = qs.values(value=F(path))
        counts[name] = {str(r["value"]): r["n"]
                        for r in rows.annotate(n=Count("id", distinct=True)).order_by()
                        if r["value"] not in (None, "")}
    return counts


# --- facet counts of the whole catalogue ------------------------------------------------------
# Counting 100,000 acts by seven facets takes seconds, so the counts are kept per process,
# keyed by the catalogue stamp that the search index renews in the same transaction as every
# write touching a public act (tuuma.search.index.catalogue_changed). What is kept is counted
# per organization, so the organization, region and type filters (and renamed or moved
# organizations) are applied live; only the act-level filters are part of the key.
ORG_FACETS = ("organization", "region", "org_type")
ACT_FACETS = ("sector", "theme", "status", "year")
_KEPT: dict = {"stamp": None, "counts": {}}


def _year_of(years):
    """The local publication year as a CASE over year boundaries: ExtractYear runs a Python
    function per row on SQLite, the boundaries use the published_at index."""
    tz = timezone.get_current_timezone()
    whens = [When(published_at__lt=datetime(y + 1, 1, 1, tzinfo=tz), then=Value(str(y)))
             for y in years]
    return Case(*whens, default=Value(""), output_field=CharField())


def _years(qs) -> list[int]:
    found = qs.filter(published_at__isnull=False).aggregate(lo=Min("published_at"),
                                                            hi=Max("published_at"))
    if found["lo"] is None:
        return []
    lo, hi = (timezone.localtime(found[k]).year for k in ("lo", "hi"))
    return list(range(lo, hi + 1))


def _act_filtered(filters: tuple) -> QuerySet:
    qs = public_acts()
    for name, value in filters:
        if name == "year":
            qs = qs.filter(published_at__year=value)
        elif name in ("theme", "sector"):
            qs = qs.filter(**{f"{name}s": value})  # a vocabulary id
        else:
            qs = qs.filter(**{name: value})
    return qs


def _count_by(facet: str | None, filters: tuple) -> dict:
    """{(organization id, value): n} of the public acts matching FILTERS ((name, value) pairs
    of act-level filters, vocabularies by id); facet None: {(organization id, None): n}."""
    qs = _act_filtered(filters)
    if facet is None:
        rows = qs.values_list("organization_id").annotate(n=Count("id")).values_list(
            "organization_id", "n")
        return {(org, None): n for org, n in rows.order_by()}
    if facet == "year":
        value = _year_of(_years(public_acts()))
        qs = qs.filter(published_at__isnull=False)
    elif facet in ("theme", "sector"):
        value = F(f"{facet}s")
        qs = qs.filter(**{f"{facet}s__isnull": False})
    else:
        value = F(facet)
    rows = qs.annotate(value=value).values_list("organization_id", "value").annotate(
        n=Count("id")).values_list("organization_id", "value", "n").order_by()
    return {(org, v): n for org, v, n in rows if v not in (None, "")}


def _kept(stamp: str | None, facet: str | None, filters: tuple) -> dict:
    if stamp is None:  # an index never written: nothing to key by
        return _count_by(facet, filters)
    if _KEPT["stamp"] != stamp:
        _KEPT["stamp"], _KEPT["counts"] = stamp, {}
    key = (facet, filters, str(timezone.get_current_timezone()))
    found = _KEPT["counts"].get(key)
    if found is None:
        if len(_KEPT["counts"]) > 2000:
            _KEPT["counts"].clear()
        found = _KEPT["counts"][key] = _count_by(facet, filters)
    return found


def _stamp() -> str | None:
    from tuuma.search.index import catalogue_stamp

    return catalogue_stamp()


def catalogue_counts(data: dict, *, facets: bool = True) -> tuple[dict[str, dict], int]:
    """facet_counts() of the whole public catalogue and the number of acts DATA selects
    (facets False: only the number, with no counts)."""
    stamp = _stamp()
    vocab = {name: dict(model.objects.values_list("pk", "slug"))
             for name, model in (("theme", Theme), ("sector", Sector))}
    by_slug = {name: {slug: pk for pk, slug in ids.items()} for name, ids in vocab.items()}
    chosen = {}
    for name in ACT_FACETS:
        value = data.get(name)
        if value in (None, ""):
            continue
        if name in by_slug:
            value = by_slug[name].get(value, 0)
        chosen[name] = str(value) if name == "year" else value
    org_data = {n: data.get(n) for n in ORG_FACETS if data.get(n) not in (None, "")}
    per_org = _kept(stamp, None, tuple(sorted(chosen.items())))
    if not facets and not org_data:
        return {}, sum(per_org.values())
    with_acts = {pk for pk, _v in _kept(stamp, None, ())}
    # All organizations, the few without public acts dropped here: an IN list of hundreds
    # of ids costs more to build than the rows it saves.
    orgs = {pk: {"organization": slug, "region": region, "org_type": org_type}
            for pk, slug, region, org_type in Organization.objects.values_list(
                "pk", "slug", "region", "org_type") if pk in with_acts}

    def allowed(pk, skip=None) -> bool:
        org = orgs[pk]
        return all(n == skip or org[n] == v for n, v in org_data.items())

    if not facets:
        return {}, sum(n for (pk, _v), n in per_org.items() if pk in orgs and allowed(pk))
    # Which organizations each count may include: decided once per organization.
    ok = {skip: {pk for pk in orgs if allowed(pk, skip)} for skip in (None, *ORG_FACETS)}
    counts: dict[str, dict] = {name: {} for name in FACETS}
    total = 0
    for (pk, _v), n in per_org.items():
        for name in ORG_FACETS:
            if pk in ok[name] and orgs[pk][name]:
                value = orgs[pk][name]
                counts[name][value] = counts[name].get(value, 0) + n
        if pk in ok[None]:
            total += n
    everyone = len(ok[None]) == len(orgs)
    for name in ACT_FACETS:
        rest = tuple(sorted((k, v) for k, v in chosen.items() if k != name))
        ids = vocab.get(name)
        found = counts[name]
        for (pk, value), n in _kept(stamp, name, rest).items():
            if everyone or pk in ok[None]:
                found[value] = found.get(value, 0) + n
        if ids:
            counts[name] = {ids[v]: n for v, n in found.items() if v in ids}
        else:
            counts[name] = {str(v): n for v, n in found.items()}
    return counts, total


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """Every value a filter may take, with its label in the current language."""
    stamp = _stamp()
    if stamp is None:
        listed = _listed_choices(stamp)
    else:
        key = (f"catalogue-choices:{stamp}:{get_language()}:"
               f"{timezone.get_current_timezone()}")
        listed = kept(key)
        if listed is None:
            listed = _listed_choices(stamp)
            keep(key, listed, KEEP_SECONDS)
    return {
        **listed,
        "region": [(r, r) for r in REGIONS],
        "org_type": list(OrgType.choices),
        "status": list(ActStatus.choices),
    }


def _listed_choices(stamp: str | None) -> dict[str, list[tuple[str, str]]]:
    """The choices read from the database: organizations with public acts, the vocabularies
    and the years, labelled in the current language."""
    with_acts = {pk for pk, _v in _kept(stamp, None, ())}
    orgs = (Organization.objects.filter(pk__in=with_acts)
            .order_by("name_fi").only("slug", "name_fi", "name_sv"))
    years = sorted({int(v) for _pk, v in _kept(stamp, "year", ())}, reverse=True)
    return {
        "organization": [(o.slug, o.name) for o in orgs],
        "sector": [(s.slug, s.name) for s in Sector.objects.all()],
        "theme": [(t.slug, t.name) for t in Theme.objects.all()],
        "year": [(str(y), str(y)) for y in years],
    }


# --- keyset pagination ----------------------------------------------------------------------

def encode_key(value, pk) -> str:
    if isinstance(value, datetime):
        value = (value - EPOCH) // timedelta(microseconds=1)
    return f"{value}.{pk}"


def decode_key(token: str, sort: str):
    """(key value, id) from a cursor token, or None if it is not one of ours."""
    try:
        value, pk = (int(part) for part in token.split(".", 1))
        if not (abs(value) < 2**62 and 0 <= pk < 2**62):  # beyond what a database column holds
            return None
        if sort == "new":
            value = EPOCH + timedelta(microseconds=value)
    except (ValueError, OverflowError):
        return None
    return value, pk


@dataclass
class KeysetPage:
    items: list = field(default_factory=list)
    next_token: str | None = None
    prev_token: str | None = None

    @property
    def has_other_pages(self):
        return bool(self.next_token or self.prev_token)


def _after(key, value, pk):
    # The outer `<=` repeats what the OR implies, so the database can range-scan the
    # (key, id) index instead of testing every row (deep pages were 40 ms at 100k acts).
    return Q(**{f"{key}__lte": value}) & (Q(**{f"{key}__lt": value})
                                          | Q(**{key: value, "id__lt": pk}))


def _before(key, value, pk):
    return Q(**{f"{key}__gte": value}) & (Q(**{f"{key}__gt": value})
                                          | Q(**{key: value, "id__gt": pk}))


def keyset_page(qs, sort: str, *, after: str = "", before: str = "",
                size: int | None = None) -> KeysetPage:
    """One page in the order (key desc, id desc), found by the key instead of an OFFSET, so
    page 5,000 costs what page 1 costs (the indexes act_catalogue and act_adopted)."""
    key = KEYS[sort]
    size = size or PAGE_SIZE
    if sort == "new":
        qs = qs.filter(published_at__isnull=False)
    forward = [f"-{key}", "-id"]
    cursor = decode_key(after or before, sort) if (after or before) else None
    if cursor and before and not after:
        rows = list(qs.filter(_before(key, *cursor)).order_by(key, "id")[:size + 1])
        more_before = len(rows) > size
        items = list(reversed(rows[:size]))
        more_after = True
    else:
        if cursor:
            qs_page = qs.filter(_after(key, *cursor))
        else:
            qs_page = qs
        rows = list(qs_page.order_by(*forward)[:size + 1])
        items = rows[:size]
        more_after = len(rows) > size
        more_before = bool(cursor) and bool(items) and qs.filter(
            _before(key, getattr(items[0], key), items[0].pk)).exists()
    page = KeysetPage(items=items)
    if items and more_after:
        page.next_token = encode_key(getattr(items[-1], key), items[-1].pk)
    if items and more_before:
        page.prev_token = encode_key(getattr(items[0], key), items[0].pk)
    return page


# --- the act page ---------------------------------------------------------------------------

def similar_acts(act, *, user, limit: int = 5) -> list[Act]:
    """Public acts resembling ACT: by text first (the search index), then those sharing the
    most themes and sectors. Public only, so that every reader sees the same list."""
    from tuuma.search.query import similar_to_act

    found = [hit.obj for hit in similar_to_act(act, user=user, limit=limit * 2)
             if hit.obj.is_public][:limit]
    if len(found) < limit:
        seen = {a.pk for a in found}
        found += [a for a in _sharing_themes(act, limit + len(found)) if a.pk not in seen]
    return found[:limit]


def _sharing_themes(act, limit: int) -> list[Act]:
    """Other public acts sharing the most themes and sectors with ACT."""
    themes = list(act.themes.values_list("pk", flat=True))
    sectors = list(act.sectors.values_list("pk", flat=True))
    if not themes and not sectors:
        return []
    # An empty list would make its Count NULL (and the sum with it), so only non-empty ones.
    parts = [Count(name, filter=Q(**{f"{name}__in": ids}), distinct=True)
             for name, ids in (("themes", themes), ("sectors", sectors)) if ids]
    shared = parts[0] + parts[1] if len(parts) == 2 else parts[0]
    return list(
        public_acts().exclude(pk=act.pk).annotate(shared=shared).filter(shared__gt=0)
        .order_by("-shared", "-adoption_count", "-published_at", "-id")
        .select_related("organization")[:limit])


def adoptions_of(act):
    return act.adoptions.select_related("organization", "linked_act").order_by("created_at")
