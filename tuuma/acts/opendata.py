"""The whole public catalogue as open data (CSV and JSON), streamed row by row."""

import csv
import json

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import timezone

from tuuma.core.text import spreadsheet_cell

from .forms import CatalogueForm
from .models import TEXT_FIELDS
from .queries import apply_filters, public_acts

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
COLUMNS = ["id", "external_id", "url", "title", "summary", "need_and_goals", "solution",
           "results", "lessons", "status", "published", "start", "end", "organization",
           "municipality", "region", "organization_type", "themes", "sectors", "language",
           "adoption_count", "contacts", "source_url", "licence", "licence_url"]


def _acts(request):
    data = CatalogueForm(request.GET or None).filters()
    data.pop("q", None)
    data.pop("sort", None)
    return (apply_filters(public_acts(), data).select_related("organization")
            .prefetch_related("themes", "sectors", "contacts", "translations")
            .order_by("-published_at", "-id").iterator(chunk_size=500))


def record(act) -> dict:
    org = act.organization
    return {
        "id": act.pk, "external_id": act.external_id or "",
        "url": settings.SITE_URL + act.get_absolute_url(),
        "title": act.title, "summary": act.summary, "need_and_goals": act.need_and_goals,
        "solution": act.solution, "results": act.results, "lessons": act.lessons,
        "status": act.status,
        "published": act.published_at.date().isoformat() if act.published_at else None,
        "start": act.start.isoformat() if act.start else None,
        "end": act.end.isoformat() if act.end else None,
        "organization": org.name_fi, "municipality": org.municipality, "region": org.region,
        "organization_type": org.org_type,
        "themes": [t.slug for t in act.themes.all()],
        "sectors": [s.slug for s in act.sectors.all()],
        "language": act.language, "adoption_count": act.adoption_count,
        "contacts": [{"name": c.name, "title": c.title, "organization": c.organization,
                      "email": c.email} for c in act.contacts.all()],
        "source_url": act.source_url, "licence": LICENCE, "licence_url": LICENCE_URL,
        # JSON only (a CSV row stays one act in its own language): the texts in other languages.
        "translations": {t.language: {f: getattr(t, f) for f in TEXT_FIELDS}
                         for t in act.translations.all()},
    }


class _Echo:
    def write(self, value):
        return value


def _csv_cell(value):
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return spreadsheet_cell("; ".join(", ".join(v for v in c.values() if v)
                                              for c in value))
        return spreadsheet_cell("; ".join(value))
    return "" if value is None else spreadsheet_cell(value)


def export_csv(request):
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(COLUMNS)
        for act in _acts(request):
            r = record(act)
            yield writer.writerow([_csv_cell(r[c]) for c in COLUMNS])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kehittamisteot.csv"'
    return response


def export_json(request):
    def chunks():
        yield json.dumps({"licence": LICENCE, "licence_url": LICENCE_URL,
                          "generated": timezone.now().isoformat(),
                          "source": settings.SITE_URL})[:-1] + ', "acts": ['
        for i, act in enumerate(_acts(request)):
            yield ("," if i else "") + "\n" + json.dumps(record(act), ensure_ascii=False)
        yield "\n]}\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kehittamisteot.json"'
    return response
