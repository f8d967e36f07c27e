"""The search API the rest of tuuma calls: the search page, the catalogue's relevance sort,
the REST API, the act page and the new-idea form all find things through these functions, so
everyone gets the same Finnish-aware ranking and the same visibility rules:

- anonymous people find public acts only;
- a signed-in person also finds the internal acts and the ideas of their own organizations
  (platform admins everything, as `can()` allows them);
- nothing is counted, faceted or suggested from outside that scope.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import analysis, engine
from .highlight import highlight

log = logging.getLogger(__name__)
FACET_NAMES = ("kind", "organization", "region", "org_type", "sector", "theme", "status",
               "year", "unit")
_CHECKED: dict = {}


@dataclass
class Hit:
    kind: str  # "act" or "idea"
    obj: Any
    score: float
    snippet: str  # safe HTML: only <mark> is markup, everything else is escaped
    title: str = ""  # safe HTML, the title with its matches marked

    @property
    def url(self) -> str:
        return self.obj.get_absolute_url()


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 20
    query: str = ""
    # True when the total and the facet counts are estimates (a very broad search; see
    # engine.facet_counts): show them as "about N".
    approximate: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


# ---------------------------------------------------------------------------- helpers
def _org_ids(user) -> list[int] | None:
    """The organizations whose internal things the person may find; None = all of them."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_platform_admin:
        return None
    cache = user.__dict__.setdefault("_tuuma_search_orgs", None)
    if cache is None:
        cache = list(user.memberships.values_list("organization_id", flat=True))
        user.__dict__["_tuuma_search_orgs"] = cache
    return cache


def _check_version() -> None:
    """Warn once per process when the index was built by a different analyser."""
    if _CHECKED:
        return
    _CHECKED["done"] = True
    from .index import stored_version

    stored = stored_version()
    if stored and stored != analysis.version():
        log.warning("The search index was built with analyser %s but this server runs %s: "
                    "run `tuuma search reindex`.", stored, analysis.version())


def analyse(text: str, *, fuzzy: bool = True) -> analysis.Query:
    _check_version()
    return analysis.analyze_query(text or "", engine.IndexVocabulary(), fuzzy=fuzzy)


def _where(user, kinds, filters: dict | None) -> engine.Where:
    where = engine.scope(user, kinds, _org_ids(user))
    filters = dict(filters or {})
    org_filters = {k: filters.pop(k) for k in ("region", "org_type") if filters.get(k)}
    if org_filters:
        from tuuma.organizations.models import Organization

        orgs = Organization.objects.all()
        if "region" in org_filters:
            orgs = orgs.filter(region__in=_as_list(org_filters["region"]))
        if "org_type" in org_filters:
            orgs = orgs.filter(org_type__in=_as_list(org_filters["org_type"]))
        engine.facet_filter(where, "organization", list(orgs.values_list("pk", flat=True))
                            or ["0"])
    for name, values in filters.items():
        if name in FACET_NAMES and name != "kind" and values:
            engine.facet_filter(where, name, _as_list(values))
    return where


def _as_list(values) -> list[str]:
    if isinstance(values, str | int):
        return [str(values)]
    return [str(v) for v in values]


def _objects(rows) -> dict[tuple[str, int], Any]:
    from tuuma.acts.models import Act
    from tuuma.ideas.models import Idea

    found: dict[tuple[str, int], Any] = {}
    act_ids = [r[2] for r in rows if r[1] == "act"]
    idea_ids = [r[2] for r in rows if r[1] == "idea"]
    if act_ids:
        for act in Act.objects.filter(pk__in=act_ids).select_related("organization"):
            found["act", act.pk] = act
    if idea_ids:
        for idea in Idea.objects.filter(pk__in=idea_ids).select_related("organization"):
            found["idea", idea.pk] = idea
    return found


def _hits(rows, query: analysis.Query, *, snippet_words: int = 32) -> list[Hit]:
    from .models import SearchDoc

    objects = _objects(rows)
    docs = SearchDoc.objects.only("title", "body").in_bulk([r[0] for r in rows])
    terms = set(query.terms)
    hits = []
    for doc_id, kind, object_id, score in rows:
        obj, doc = objects.get((kind, object_id)), docs.get(doc_id)
        if obj is None or doc is None:  # deleted between the two queries
            continue
        hits.append(Hit(kind=kind, obj=obj, score=float(score),
                        snippet=highlight(doc.body, terms, words=snippet_words),
                        title=highlight(doc.title.split("\n\n")[0], terms)))
    return hits


# ---------------------------------------------------------------------------- the API
def matching_act_ids(query: str, *, user, limit: int = 1000) -> list[int]:
    """Ids of acts the person may see that match QUERY, best first."""
    analysed = analyse(query)
    if not analysed:
        return []
    rows = engine.ranked(analysed.terms, _where(user, ("act",), None), limit=limit)
    return [object_id for _id, _kind, object_id, _score in rows]


# --- the catalogue's search box -----------------------------------------------------------------
# The catalogue is the same for everyone: only public acts, whoever asks. Its filters name the
# organization by slug; each filter's counts keep the *other* filters, as without a search.
CATALOGUE_FILTERS = ("organization", "region", "org_type", "sector", "theme", "status", "year")
ORG_LEVEL = {"organization": 0, "region": 1, "org_type": 2}


@dataclass
class CatalogueMatches:
    terms: list[str]
    total: int = 0
    approximate: bool = False  # the total and counts are estimates (engine.facet_counts)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # filter → value → n


def _catalogue_where(filters: dict, *, skip: str | None = None) -> engine.Where:
    from django.contrib.auth.models import AnonymousUser

    from tuuma.organizations.models import Organization

    chosen = {name: value for name, value in filters.items()
              if name in CATALOGUE_FILTERS and name != skip and value not in (None, "")}
    if "organization" in chosen:
        chosen["organization"] = [str(pk) for pk in Organization.objects.filter(
            slug=chosen["organization"]).values_list("pk", flat=True)] or ["0"]
    return _where(AnonymousUser(), ("act",), chosen)


def catalogue_matches(text: str, filters: dict) -> CatalogueMatches | None:
    """The public acts matching TEXT within the catalogue's FILTERS: how many, and for each
    filter the counts of its values with the other filters kept (one count over the index per
    chosen filter, estimated above engine.EXACT matches). None: no words to search for."""
    from tuuma.organizations.models import Organization

    analysed = analyse(text)
    if not analysed or not engine.safe_terms(analysed.terms):
        return None
    out = CatalogueMatches(analysed.terms)
    counts, exact = engine.facet_counts(out.terms, _catalogue_where(filters))
    out.total, out.approximate = sum(counts.get("kind", {}).values()), not exact
    skipping = {}
    for name in CATALOGUE_FILTERS:
        if filters.get(name) not in (None, ""):
            skipping[name], exact = engine.facet_counts(out.terms,
                                                        _catalogue_where(filters, skip=name))
            out.approximate = out.approximate or not exact
    orgs = {str(pk): row for pk, *row in Organization.objects.values_list(
        "pk", "slug", "region", "org_type")}
    for name in CATALOGUE_FILTERS:
        source = skipping.get(name, counts)
        if name in ORG_LEVEL:  # counted by organization in the index
            values: dict[str, int] = {}
            for org_id, n in source.get("organization", {}).items():
                value = orgs.get(org_id, ("", "", ""))[ORG_LEVEL[name]]
                if value:
                    values[value] = values.get(value, 0) + n
            out.counts[name] = values
        else:
            out.counts[name] = dict(source.get(name, {}))
    return out


def catalogue_ranked(terms: list[str], filters: dict, *, limit: int, offset: int = 0
                     ) -> list[int]:
    """Ids of the best matching public acts within FILTERS, best first."""
    rows = engine.ranked(terms, _catalogue_where(filters), limit=limit, offset=offset)
    return [object_id for _id, _kind, object_id, _score in rows]


def catalogue_match_sql(terms: list[str]) -> tuple[str, list]:
    """SQL selecting the ids of every public act matching TERMS, for ordering them by other
    keys in the database (the catalogue's newest first and most adopted first)."""
    terms = engine.safe_terms(terms) or ["\x00"]
    source, params = engine.backend(terms).source()
    where = _catalogue_where({})
    return f"SELECT d.object_id FROM {source} AND {where.sql}", [*params, *where.params]


def search(query: str, *, user, kinds=("act", "idea"), filters: dict | None = None,
           page: int = 1, per_page: int = 20) -> Results:
    """One page of results with highlighted snippets, the total and the facet counts."""
    page = max(1, int(page or 1))
    results = Results(page=page, per_page=per_page, query=query or "")
    analysed = analyse(query)
    if not analysed:
        return results
    kinds = tuple(kinds) or ("act", "idea")
    where = _where(user, kinds, filters)
    terms = analysed.terms
    counts, exact = engine.facet_counts(terms, where)
    results.approximate = not exact
    # Every matching document has one kind: the kind counts add up to the total (one pass
    # over the matches fewer than a separate COUNT).
    results.total = sum(counts.get("kind", {}).values())
    if results.total:
        rows = engine.ranked(terms, where, limit=per_page, offset=(page - 1) * per_page)
        results.hits = _hits(rows, analysed)
    # The kind tabs count both kinds regardless of the one shown (a person in no organization
    # finds no ideas: nothing more to count).
    if set(kinds) != {"act", "idea"} and not (set(kinds) == {"act"} and _org_ids(user) == []):
        both, exact = engine.facet_counts(terms, _where(user, ("act", "idea"), filters))
        counts["kind"] = both.get("kind", {})
        results.approximate = results.approximate or not exact
    results.facets = _facets(counts)
    return results


def similar_ideas(text: str, *, organization, user, limit: int = 5) -> list[Hit]:
    """Ideas of ORGANIZATION resembling TEXT ("has someone proposed this already?"), for a
    member of that organization."""
    if _org_ids(user) is not None and organization.pk not in _org_ids(user):
        return []
    where = engine.scope(user, ("idea",), _org_ids(user))
    where.add("d.organization_id = %s", organization.pk)
    return _similar(text, where, limit, narrow=True)


def similar_acts_from_others(text: str, *, user, exclude_organization=None,
                             limit: int = 5) -> list[Hit]:
    """Public acts of other organizations resembling TEXT ("someone has solved this")."""
    where = engine.scope(user, ("act",), [])  # public acts only
    if exclude_organization is not None:
        where.add("d.organization_id <> %s", exclude_organization.pk)
    return _similar(text, where, limit)


def similar_to_act(act, *, user, limit: int = 5) -> list[Hit]:
    """Acts resembling ACT that the person may see (not the act itself)."""
    from tuuma.organizations.permissions import Action, can

    if not can(user, Action.ACT_VIEW, act):
        return []
    text = " ".join(filter(None, [act.title, act.title, act.summary, act.need_and_goals,
                                  act.solution]))
    where = engine.scope(user, ("act",), _org_ids(user))
    where.add("NOT (d.kind = 'act' AND d.object_id = %s)", act.pk)
    return _similar(text, where, limit)


def _similar(text: str, where: engine.Where, limit: int, *, narrow: bool = False) -> list[Hit]:
    """Long texts make long queries: keep the words rarest in the index (no typo fixing;
    a person typing is not searching). NARROW: the scope is one organization's ideas."""
    analysed = analysis.analyze_query(text or "", fuzzy=False, max_words=200)
    terms = engine.rarest(analysed.terms, 16)
    if not terms:
        return []
    rows = engine.ranked(terms, where, limit=limit, narrow=narrow)
    return _hits(rows, analysis.Query(text, [(t, [t]) for t in terms]), snippet_words=24)


# ---------------------------------------------------------------------------- facets
def _facets(counts: dict[str, dict[str, int]]) -> dict[str, list[tuple[str, str, int]]]:
    from tuuma.acts.models import ActStatus, Sector, Theme
    from tuuma.ideas.models import Status
    from tuuma.organizations.models import Organization, OrgType, Unit

    facets: dict[str, list[tuple[str, str, int]]] = {}
    kinds = counts.get("kind", {})
    facets["kind"] = [(k, label, kinds[k]) for k, label in
                      (("act", _("Development acts")), ("idea", _("Ideas"))) if k in kinds]
    org_counts = {int(k): v for k, v in counts.get("organization", {}).items()}
    # Plain rows, not model instances: a broad search touches hundreds of organizations.
    swedish = get_language() == "sv"
    found = Organization.objects.all()
    if len(org_counts) <= 50:  # else all of them: cheaper than a long IN list
        found = found.filter(pk__in=list(org_counts))
    orgs = {pk: {"name": (sv if swedish and sv else fi), "region": region, "org_type": kind}
            for pk, fi, sv, region, kind in found.values_list(
                "pk", "name_fi", "name_sv", "region", "org_type") if pk in org_counts}
    facets["organization"] = _sorted(
        (str(pk), orgs[pk]["name"], n) for pk, n in org_counts.items() if pk in orgs)
    regions: dict[str, int] = {}
    types: dict[str, int] = {}
    for pk, n in org_counts.items():
        if pk in orgs and orgs[pk]["region"]:
            regions[orgs[pk]["region"]] = regions.get(orgs[pk]["region"], 0) + n
        if pk in orgs:
            types[orgs[pk]["org_type"]] = types.get(orgs[pk]["org_type"], 0) + n
    facets["region"] = _sorted((r, r, n) for r, n in regions.items())
    type_labels = dict(OrgType.choices)
    facets["org_type"] = _sorted((t, str(type_labels.get(t, t)), n) for t, n in types.items())
    status_labels = {**dict(Status.choices), **dict(ActStatus.choices)}
    facets["status"] = _sorted((s, str(status_labels.get(s, s)), n)
                               for s, n in counts.get("status", {}).items())
    facets["year"] = sorted(((y, y, n) for y, n in counts.get("year", {}).items()),
                            reverse=True)
    for name, model in (("theme", Theme), ("sector", Sector)):
        values = counts.get(name, {})
        labels = {o.slug: o.name for o in model.objects.filter(slug__in=list(values))}
        facets[name] = _sorted((v, labels[v], n) for v, n in values.items() if v in labels)
    units = counts.get("unit", {})
    labels = {str(u.pk): u.name for u in Unit.objects.filter(
        pk__in=[int(v) for v in units if v.isdigit()])}
    facets["unit"] = _sorted((v, labels[v], n) for v, n in units.items() if v in labels)
    return {k: v for k, v in facets.items() if v}


def _sorted(items) -> list[tuple[str, str, int]]:
    return sorted(items, key=lambda item: (-item[2], str(item[1])))
