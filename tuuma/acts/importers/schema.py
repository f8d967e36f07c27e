"""One act in the import schema (docs/import.md): a plain dict in, a checked `Record` out.

The same checks serve JSONL, CSV and text imports, so a file is judged the same way whatever
its format. Every problem is a sentence an operator can act on without reading code.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from tuuma.organizations.models import REGIONS

from ..models import LANGUAGES, TEXT_FIELDS, Act, ActStatus, Sector, Theme, Visibility

FIELDS = ("external_id", "organization", "title", "summary", "need_and_goals", "solution",
          "results", "lessons", "status", "published", "start", "end", "themes", "sectors",
          "municipality", "contacts", "language", "url")
# Accepted beyond the schema: where an act is shown and the organization's region.
EXTRA_FIELDS = ("visibility", "region")
ALL_FIELDS = FIELDS + EXTRA_FIELDS
LIST_FIELDS = ("themes", "sectors", "contacts")
CONTACT_KEYS = ("name", "title", "organization", "email")

# Status words as the catalogue and people write them, in Finnish, Swedish and English.
STATUS_WORDS = {
    ActStatus.PLANNED: ("planned", "suunnitteilla", "suunnitteluvaiheessa", "suunniteltu",
                        "tulossa", "planerad", "planerat", "planeras"),
    ActStatus.IN_PROGRESS: ("in_progress", "in progress", "käynnissä", "kesken", "meneillään",
                            "toteutuksessa", "pågående", "pågår", "ongoing"),
    ActStatus.COMPLETED: ("completed", "valmis", "valmistunut", "päättynyt", "toteutettu",
                          "klar", "avslutad", "slutförd", "done", "finished"),
    ActStatus.DISCONTINUED: ("discontinued", "keskeytynyt", "keskeytetty", "keskeytyi",
                             "lopetettu", "lopetettiin", "avbruten", "avbrutet", "stopped"),
}
STATUS_OF_WORD = {w: status for status, words in STATUS_WORDS.items() for w in words}
VISIBILITIES = (Visibility.PUBLIC, Visibility.INTERNAL)
MAX_LENGTH = {name: Act._meta.get_field(name).max_length for name in TEXT_FIELDS}
MAX_LENGTH.update(external_id=200, organization=200, municipality=100, url=500)
FI_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: str) -> str:
    """As tuuma.core.text.clean_text (control characters out, NFC), fast on long texts."""
    return unicodedata.normalize("NFC", CONTROL.sub("", value)).strip()


def status_from_word(word: str) -> str | None:
    return STATUS_OF_WORD.get(" ".join(word.casefold().replace("_", " ").split())) or \
        STATUS_OF_WORD.get(word.casefold().strip())


@dataclass
class Record:
    """An act that passed every check, ready for the writer."""

    line: int
    external_id: str
    organization: str
    title: str
    summary: str = ""
    need_and_goals: str = ""
    solution: str = ""
    results: str = ""
    lessons: str = ""
    status: str = ActStatus.IN_PROGRESS
    published: date | None = None
    start: date | None = None
    end: date | None = None
    themes: list[int] = field(default_factory=list)
    sectors: list[int] = field(default_factory=list)
    municipality: str = ""
    region: str = ""
    contacts: list[dict] = field(default_factory=list)
    language: str = "fi"
    url: str = ""
    visibility: str = Visibility.PUBLIC


class Vocabulary:
    """Themes and sectors by slug or by any of their names, loaded once per import."""

    def __init__(self):
        self.themes = self._index(Theme.objects.all())
        self.sectors = self._index(Sector.objects.all())
        self.theme_slugs = sorted(Theme.objects.values_list("slug", flat=True))
        self.sector_slugs = sorted(Sector.objects.values_list("slug", flat=True))

    @staticmethod
    def _index(rows) -> dict[str, int]:
        found = {}
        for row in rows:
            for key in (row.slug, row.name_fi, row.name_sv, row.name_en):
                found[_key(key)] = row.pk
        return found


def _key(value: str) -> str:
    return " ".join(value.casefold().split())


class Problems(list):
    """The messages of one row."""

    def add(self, name: str, message: str) -> None:
        self.append(f"{name}: {message}")


def _text(raw: dict, name: str, problems: Problems) -> str:
    value = raw.get(name)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        problems.add(name, "expected text, got " + type(value).__name__)
        return ""
    value = clean_text(str(value))
    limit = MAX_LENGTH.get(name)
    if limit and len(value) > limit:
        problems.add(name, f"too long ({len(value)} characters; at most {limit})")
    return value


def parse_date(value: str) -> date:
    """YYYY-MM-DD, or the Finnish d.m.yyyy."""
    value = value.strip()
    match = FI_DATE.fullmatch(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return date(year, month, day)
    return date.fromisoformat(value[:10] if "T" in value else value)


def _date(raw: dict, name: str, problems: Problems) -> date | None:
    value = _text(raw, name, problems)
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError:
        problems.add(name, f"{value!r} is not a date; write YYYY-MM-DD (e.g. 2024-03-15)")
        return None


def _list(raw: dict, name: str, problems: Problems) -> list:
    value = raw.get(name)
    if value in (None, ""):
        return []
    if isinstance(value, str):  # CSV cells, or a lenient JSON writer
        return [part for part in re.split(r"[;|]", value) if part.strip()]
    if not isinstance(value, list):
        problems.add(name, "expected a list, got " + type(value).__name__)
        return []
    return value


def _choices(raw, name, index: dict[str, int], allowed: list[str], problems) -> list[int]:
    found, unknown = [], []
    for value in _list(raw, name, problems):
        if not isinstance(value, str):
            problems.add(name, f"expected names, got {value!r}")
            continue
        pk = index.get(_key(value))
        if pk is None:
            unknown.append(value.strip())
        elif pk not in found:
            found.append(pk)
    if unknown:
        problems.add(name, f"unknown {', '.join(repr(u) for u in unknown)}; allowed are "
                     f"{', '.join(allowed)} (or their Finnish, Swedish or English names)")
    return found


def split_contact(value: str) -> dict:
    """A CSV contact "Name, title, e-mail": the part with "@" is the e-mail, the first part
    the name, and whatever lies between them the title (it may itself contain commas)."""
    parts = [p.strip() for p in value.split(",") if p.strip()]
    email = next((p for p in parts if "@" in p), "")
    rest = [p for p in parts if p != email]
    return {"name": rest[0] if rest else "", "title": ", ".join(rest[1:]), "email": email}


def merge_contacts(people: list[dict]) -> list[dict]:
    """A person listed twice (same e-mail, or same name) is one, with what both entries told."""
    merged, by_key = [], {}
    for person in people:
        keys = [k for k in (person["email"].casefold(), _key(person["name"])) if k]
        first = next((by_key[k] for k in keys if k in by_key), None)
        if first is None:
            first = person
            merged.append(person)
        else:
            for k in CONTACT_KEYS:
                first[k] = first[k] or person[k]
        for k in keys:
            by_key[k] = first
    return merged


def _contacts(raw: dict, problems: Problems) -> list[dict]:
    contacts = []
    for n, value in enumerate(_list(raw, "contacts", problems), start=1):
        if isinstance(value, str):
            value = split_contact(value)
        if not isinstance(value, dict):
            problems.add("contacts", f"contact {n} should be an object with name, title and "
                         "email")
            continue
        contact = {k: clean_text(str(value.get(k) or "")) for k in CONTACT_KEYS}
        extra = set(value) - set(CONTACT_KEYS)
        if extra:
            problems.add("contacts", f"contact {n} has unknown keys {sorted(extra)}; allowed "
                         f"are {', '.join(CONTACT_KEYS)}")
        if not contact["name"]:
            problems.add("contacts", f"contact {n} has no name")
            continue
        if contact["email"]:
            try:
                validate_email(contact["email"])
            except ValidationError:
                problems.add("contacts", f"contact {n}: {contact['email']!r} is not an e-mail "
                             "address")
        for k, limit in (("name", 200), ("title", 200), ("organization", 200)):
            if len(contact[k]) > limit:
                problems.add("contacts", f"contact {n}: {k} is over {limit} characters")
        contacts.append(contact)
    return merge_contacts(contacts)


def _choice(raw, name, allowed, default, problems) -> str:
    value = _text(raw, name, problems).lower()
    if not value:
        return default
    if value not in allowed:
        problems.add(name, f"{value!r} is not allowed; use one of {', '.join(allowed)}")
        return default
    return value


def check(raw: dict, line: int, vocabulary: Vocabulary) -> tuple[Record | None, list[str]]:
    """The record, or None and the problems of this row."""
    problems = Problems()
    if not isinstance(raw, dict):
        return None, ["expected a JSON object {…} with the act's fields"]
    values = {name: _text(raw, name, problems) for name in (
        "external_id", "organization", "title", *TEXT_FIELDS[1:], "municipality", "url")}
    for name in ("external_id", "organization", "title"):
        if not values[name] and not any(p.startswith(name + ":") for p in problems):
            problems.add(name, "required, but missing or empty")
    status_word = _text(raw, "status", problems)
    status = ActStatus.IN_PROGRESS
    if status_word:
        status = status_from_word(status_word)
        if status is None:
            problems.add("status", f"{status_word!r} is not a status; use one of "
                         f"{', '.join(ActStatus.values)}")
    dates = {name: _date(raw, name, problems) for name in ("published", "start", "end")}
    if dates["start"] and dates["end"] and dates["end"] < dates["start"]:
        problems.add("end", "the end date is before the start date")
    if values["url"]:
        try:
            URLValidator(schemes=["http", "https"])(values["url"])
        except ValidationError:
            problems.add("url", f"{values['url']!r} is not a web address (http:// or https://)")
    region = _text(raw, "region", problems)
    if region and region not in REGIONS:
        problems.add("region", f"{region!r} is not a region; use one of {', '.join(REGIONS)}")
    record = Record(
        line=line, **values, status=status, **dates, region=region,
        themes=_choices(raw, "themes", vocabulary.themes, vocabulary.theme_slugs, problems),
        sectors=_choices(raw, "sectors", vocabulary.sectors, vocabulary.sector_slugs, problems),
        contacts=_contacts(raw, problems),
        language=_choice(raw, "language", [code for code, _n in LANGUAGES], "fi", problems),
        visibility=_choice(raw, "visibility", list(VISIBILITIES), Visibility.PUBLIC, problems),
    )
    return (None, problems) if problems else (record, [])


def unknown_fields(raw: dict) -> set[str]:
    return set(raw) - set(ALL_FIELDS) if isinstance(raw, dict) else set()


def to_json(raw: dict) -> dict:
    """A parsed act as a JSONL line: every schema field, in the documented order."""
    out = {}
    for name in ALL_FIELDS:
        value = raw.get(name)
        if isinstance(value, date | datetime):
            value = value.isoformat()
        if name in LIST_FIELDS:
            value = value or []
        elif value is None:
            value = "" if name not in ("published", "start", "end") else None
        if name in EXTRA_FIELDS and not value:
            continue
        out[name] = value
    return out
