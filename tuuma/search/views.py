"""The search page and the similar-items fragment of the new-idea form."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from tuuma.organizations.models import Organization
from tuuma.organizations.permissions import Action, require

from .query import FACET_NAMES, search, similar_acts_from_others, similar_ideas

PER_PAGE = 20
MAX_QUERY = 200
KIND_CHOICES = ("act", "idea")
FILTER_NAMES = [n for n in FACET_NAMES if n != "kind"]


def _page(request) -> int:
    value = request.GET.get("page", "1")
    return min(int(value), 500) if value.isdigit() and int(value) > 0 else 1


@require_GET
def search_page(request):
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    kind = request.GET.get("kind", "")
    if kind not in KIND_CHOICES:
        kind = ""
    if not request.user.is_authenticated:
        kind = "act"  # anonymous people find public acts only
    filters = {n: request.GET.getlist(n) for n in FILTER_NAMES if request.GET.getlist(n)}
    results = search(q, user=request.user, kinds=(kind,) if kind else KIND_CHOICES,
                     filters=filters, page=_page(request), per_page=PER_PAGE) if q else None
    base = [("q", q), *([("kind", kind)] if kind else []),
            *((n, v) for n, values in filters.items() for v in values)]
    return render(request, "search/search.html", {
        "q": q, "kind": kind, "results": results, "filters": filters,
        "facet_groups": _facet_groups(results, filters) if results else [],
        "kind_links": _kind_links(results, q, filters) if results else [],
        "page_query": urlencode(base),
        "start": (results.page - 1) * PER_PAGE + 1 if results else 1,
        "show_kinds": request.user.is_authenticated,
    })


def _facet_groups(results, filters):
    """The facet lists of the page, each value with its count and whether it is chosen."""
    from django.utils.translation import gettext as _

    titles = {"organization": _("Organization"), "region": _("Region"),
              "org_type": _("Organization type"), "sector": _("Sector"),
              "theme": _("Theme"), "status": _("Status"), "year": _("Year"),
              "unit": _("Unit")}
    groups = []
    for name in FILTER_NAMES:
        values = results.facets.get(name, [])
        chosen = set(filters.get(name, []))
        if values or chosen:
            groups.append({"name": name, "title": titles[name], "values": [
                {"value": v, "label": label, "count": n, "checked": v in chosen}
                for v, label, n in values[:15]]})
    return groups


def _kind_links(results, q, filters):
    counts = {k: n for k, _label, n in results.facets.get("kind", [])}
    from django.utils.translation import gettext as _

    rest = [(n, v) for n, values in filters.items() for v in values]
    links = [{"kind": "", "label": _("All"), "count": sum(counts.values()),
              "query": urlencode([("q", q), *rest])}]
    for kind, label in (("act", _("Development acts")), ("idea", _("Ideas"))):
        links.append({"kind": kind, "label": label, "count": counts.get(kind, 0),
                      "query": urlencode([("q", q), ("kind", kind), *rest])})
    return links


@require_GET
def similar(request):
    """The "has someone proposed this already?" panel of the new-idea form (an HTML fragment
    fetched as the person types). Members of the organization only."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    slug = request.GET.get("org", "")
    if not slug:
        return HttpResponseBadRequest("org is required")
    org = get_object_or_404(Organization, slug=slug)
    require(request.user, Action.IDEA_SUBMIT, org)
    text = " ".join(request.GET.get(f, "")[:2000] for f in ("title", "problem")).strip()
    ideas = similar_ideas(text, organization=org, user=request.user) if text else []
    acts = similar_acts_from_others(text, user=request.user, exclude_organization=org,
                                    limit=3) if text else []
    return render(request, "search/similar.html", {"ideas": ideas, "acts": acts,
                                                   "text": text, "organization": org})
