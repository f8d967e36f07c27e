"""Reads of the public catalogue: filters with counts, keyset pages, similar acts.

Everything here starts from `Act.objects.public()`: the catalogue never shows an internal act,
whoever asks.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear

from tuuma.organizations.models import REGIONS, Organization, OrgType

from .models import Act, ActStatus, Sector, Theme

PAGE_SIZE = 20
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
    """For each filter, how many acts each value would give with the *other* filters kept."""
    counts = {}
    for name, path in FACETS.items():
        qs = apply_filters(base, data, skip=name)
        if name == "year":
            rows = (qs.filter(published_at__isnull=False)
                    .annotate(value=ExtractYear("published_at")).values("value"))
        else:
            rows = qs.values(value=F(path))
        counts[name] = {str(r["value"]): r["n"]
                        for r in rows.annotate(n=Count("id", distinct=True)).order_by()
                        if r["value"] not in (None, "")}
    return counts


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """Every value a filter may take, with its label in the current language."""
    orgs = (Organization.objects.filter(acts__visibility="public").distinct()
            .order_by("name_fi").only("slug", "name_fi", "name_sv"))
    years = public_acts().filter(published_at__isnull=False).dates("published_at", "year",
                                                                     order="DESC")
    return {
        "organization": [(o.slug, o.name) for o in orgs],
        "region": [(r, r) for r in REGIONS],
        "org_type": list(OrgType.choices),
        "sector": [(s.slug, s.name) for s in Sector.objects.all()],
        "theme": [(t.slug, t.name) for t in Theme.objects.all()],
        "status": list(ActStatus.choices),
        "year": [(str(d.year), str(d.year)) for d in years],
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
    return Q(**{f"{key}__lt": value}) | Q(**{key: value, "id__lt": pk})


def _before(key, value, pk):
    return Q(**{f"{key}__gt": value}) | Q(**{key: value, "id__gt": pk})


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
