"""Checked records → acts, in batches: a few queries per batch instead of several per act.

Idempotent by external_id: an act seen before is updated in place (its id, address, adoptions
and diary stay), or left alone when nothing differs. Bulk writes send no model signals; the
caller refreshes the search index for the acts returned in `touched`.
"""

from datetime import datetime, time

from django.utils import timezone
from django.utils.text import slugify

from tuuma.organizations.actions import create_organization
from tuuma.organizations.models import Organization, OrgType

from ..models import Act, Contact, Visibility
from .schema import CONTACT_KEYS, Record

SIMPLE = ("organization_id", "title", "slug", "summary", "need_and_goals", "solution",
          "results", "lessons", "status", "start", "end", "language", "source_url",
          "visibility", "published_at")
# Words in an organization's name that tell its type (the longest match wins).
TYPE_WORDS = [
    ("hyvinvointialue", OrgType.WELLBEING_COUNTY), ("välfärdsområde", OrgType.WELLBEING_COUNTY),
    ("kuntayhtymä", OrgType.JOINT_AUTHORITY), ("samkommun", OrgType.JOINT_AUTHORITY),
    ("liikelaitos", OrgType.ENTERPRISE), ("affärsverk", OrgType.ENTERPRISE),
    ("kaupunki", OrgType.CITY), ("kaupungin", OrgType.CITY), ("stad", OrgType.CITY),
    ("kunta", OrgType.MUNICIPALITY), ("kunnan", OrgType.MUNICIPALITY),
    ("kommun", OrgType.MUNICIPALITY),
]


def org_type_of(name: str) -> str:
    words = name.casefold()
    found = [(len(w), t) for w, t in TYPE_WORDS if w in words]
    return max(found)[1] if found else OrgType.OTHER


def published_at(day) -> datetime:
    """Noon in Finland, so the date reads the same in every time zone the site shows."""
    return timezone.make_aware(datetime.combine(day, time(12)))


class Writer:
    def __init__(self):
        self.orgs: dict[str, Organization] = {}
        for org in Organization.objects.only("pk", "name_fi", "name_sv"):
            for name in (org.name_sv, org.name_fi):  # a Finnish name wins a clash
                if name:
                    self.orgs[name.casefold().strip()] = org
        self.new_orgs: list[Organization] = []
        self.created = self.updated = self.unchanged = 0
        self.touched: list[int] = []
        self.now = timezone.now()

    def organization(self, record: Record) -> Organization:
        key = record.organization.casefold()
        org = self.orgs.get(key)
        if org is None:
            org = create_organization(
                name_fi=record.organization, municipality=record.municipality,
                region=record.region, org_type=org_type_of(record.organization),
                languages="sv" if record.language == "sv" else "fi", verified=False)
            self.orgs[key] = org
            self.new_orgs.append(org)
        return org

    def values(self, record: Record, old: Act | None) -> dict:
        when = None
        if record.visibility == Visibility.PUBLIC:
            when = (published_at(record.published) if record.published
                    else old.published_at if old and old.published_at else self.now)
        elif old is not None:
            when = old.published_at  # kept, as when an act is withdrawn in the web
        return {
            "organization_id": self.organization(record).pk, "title": record.title,
            "slug": slugify(record.title)[:80] or "teko", "summary": record.summary,
            "need_and_goals": record.need_and_goals, "solution": record.solution,
            "results": record.results, "lessons": record.lessons, "status": record.status,
            "start": record.start, "end": record.end, "language": record.language,
            "source_url": record.url, "visibility": record.visibility, "published_at": when,
        }

    @staticmethod
    def contacts_of(act: Act) -> list[dict]:
        return [{k: getattr(c, k) for k in CONTACT_KEYS} for c in act.contacts.all()]

    def same(self, act: Act, values: dict, record: Record) -> bool:
        return (all(getattr(act, k) == v for k, v in values.items())
                and {t.pk for t in act.themes.all()} == set(record.themes)
                and {s.pk for s in act.sectors.all()} == set(record.sectors)
                and self.contacts_of(act) == record.contacts)

    def write(self, records: list[Record]) -> None:
        existing = {a.external_id: a for a in Act.objects.filter(
            external_id__in=[r.external_id for r in records]).prefetch_related(
            "themes", "sectors", "contacts")}
        new, changed, related = [], [], []
        for record in records:
            old = existing.get(record.external_id)
            values = self.values(record, old)
            if old is None:
                act = Act(external_id=record.external_id, created_at=self.now, **values)
                new.append(act)
            elif self.same(old, values, record):
                self.unchanged += 1
                continue
            else:
                act = old
                for k, v in values.items():
                    setattr(act, k, v)
                changed.append(act)
            related.append((act, record))
        Act.objects.bulk_create(new)
        if changed:
            for act in changed:
                act.updated_at = self.now
            Act.objects.bulk_update(changed, [*SIMPLE, "updated_at"])
            ids = [a.pk for a in changed]
            Act.themes.through.objects.filter(act_id__in=ids).delete()
            Act.sectors.through.objects.filter(act_id__in=ids).delete()
            Contact.objects.filter(act_id__in=ids).delete()
        self.created += len(new)
        self.updated += len(changed)
        self.touched += [a.pk for a, _r in related]
        self._related(related)

    @staticmethod
    def _related(related: list[tuple[Act, Record]]) -> None:
        themes, sectors, contacts = [], [], []
        for act, record in related:
            themes += [Act.themes.through(act_id=act.pk, theme_id=t) for t in record.themes]
            sectors += [Act.sectors.through(act_id=act.pk, sector_id=s) for s in record.sectors]
            contacts += [Contact(act_id=act.pk, order=n, **c)
                         for n, c in enumerate(record.contacts)]
        Act.themes.through.objects.bulk_create(themes)
        Act.sectors.through.objects.bulk_create(sectors)
        Contact.objects.bulk_create(contacts)
