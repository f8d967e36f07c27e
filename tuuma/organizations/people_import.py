"""Bulk import of people from CSV: a dry-run report of every bad row, then all or nothing.

Columns: name, email, unit, roles. Roles are separated by ";" or "|" and may be written in
Finnish, Swedish or English. The unit is matched by its name (or its full path with "›" or "/").
"""

import csv
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Membership, Unit
from .permissions import Action, require
from .roles import ROLE_WORDS, Role

REQUIRED = ("name", "email")
ALIASES = {"nimi": "name", "namn": "name", "sähköposti": "email", "e-post": "email",
           "e-mail": "email", "yksikkö": "unit", "enhet": "unit", "roolit": "roles",
           "roller": "roles"}


@dataclass
class Row:
    line: int
    name: str
    email: str
    unit: Unit | None
    roles: set[Role]


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self):
        return not self.errors


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is not text in UTF-8 or Windows-1252."))


def _units_by_name(org) -> dict[str, Unit]:
    found = {}
    for unit in Unit.objects.filter(organization=org).select_related("parent__parent"):
        found.setdefault(unit.name_fi.casefold(), unit)
        if unit.name_sv:
            found.setdefault(unit.name_sv.casefold(), unit)
        path = " / ".join(u.name_fi for u in [*unit.ancestors(), unit]).casefold()
        found[path] = unit
    return found


def parse(org, data: bytes) -> Report:
    try:
        return _parse(org, data)
    except csv.Error as exc:  # e.g. a "field" of over 128 kB: not a list of people
        raise ValidationError(_("The file is not text in UTF-8 or Windows-1252.")) from exc


def _parse(org, data: bytes) -> Report:
    report = Report()
    text = _decode(data).replace("\x00", "")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # newline="" lets the reader take \r, \n and \r\n alike as line ends (old Mac Excel).
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    header = [ALIASES.get((h or "").strip().casefold(), (h or "").strip().casefold())
              for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        report.errors.append((1, _("Missing columns: %(cols)s") % {"cols": ", ".join(missing)}))
        return report
    reader.fieldnames = header
    units = _units_by_name(org)
    seen = {}
    for line, raw in enumerate(reader, start=2):
        values = {k: (v or "").strip() for k, v in raw.items() if k}
        problems = []
        name, email = values.get("name", ""), values.get("email", "").lower()
        if not name:
            problems.append(_("name is missing"))
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("“%(email)s” is not an e-mail address") % {"email": email})
        if email in seen:
            problems.append(_("the same e-mail is on line %(line)s") % {"line": seen[email]})
        seen.setdefault(email, line)
        unit = None
        if values.get("unit"):
            key = values["unit"].replace("›", "/").casefold()
            key = " / ".join(p.strip() for p in key.split("/"))
            unit = units.get(key)
            if unit is None:
                problems.append(_("unknown unit “%(unit)s”") % {"unit": values["unit"]})
        roles = {Role.EMPLOYEE}
        for word in filter(None, (w.strip().casefold() for w in
                                  values.get("roles", "").replace("|", ";").split(";"))):
            if word in ROLE_WORDS:
                roles.add(ROLE_WORDS[word])
            else:
                problems.append(_("unknown role “%(role)s”") % {"role": word})
        if problems:
            report.errors.append((line, "; ".join(problems)))
        else:
            report.rows.append(Row(line, name, email, unit, roles))
    if not report.rows and not report.errors:
        report.errors.append((1, _("The file has no people in it.")))
    return report


def import_people(org, *, by, data: bytes, dry_run: bool = False) -> Report:
    """Validate every row; save them all only when none has a problem."""
    require(by, Action.ORG_MANAGE, org)
    report = parse(org, data)
    if dry_run or not report.ok:
        return report
    User = get_user_model()
    with transaction.atomic():
        for row in report.rows:
            user = User.objects.filter(email__iexact=row.email).first()
            if user is None:
                user = User.objects.create_user(row.email, None, full_name=row.name)
            membership, created = Membership.objects.get_or_create(user=user, organization=org)
            membership.unit = row.unit or membership.unit
            membership.set_roles(membership.roles | row.roles)
            membership.save()
            if created:
                report.created += 1
            else:
                report.updated += 1
    return report
