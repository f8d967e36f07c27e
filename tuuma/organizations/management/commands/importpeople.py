"""`tuuma importpeople SLUG FILE.csv --as ADMIN-EMAIL [--dry-run]`: the web import, from a shell.

The command acts for a named person and asks the same permission resolver as the web page, so
a shell account gives no more rights than that person has in the organization.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from tuuma.organizations.models import Organization
from tuuma.organizations.people_import import import_people


class Command(BaseCommand):
    help = "Import people from a CSV file (name, e-mail, unit, roles), all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("organization", help="The organization's short name (slug)")
        parser.add_argument("file", type=Path)
        parser.add_argument("--as", dest="actor", required=True,
                            help="E-mail of the organization admin doing the import")
        parser.add_argument("--dry-run", action="store_true",
                            help="Check every row and report problems; save nothing")

    def handle(self, *args, **o):
        actor = get_user_model().objects.filter(email__iexact=o["actor"], is_active=True).first()
        org = Organization.objects.filter(slug=o["organization"]).first()
        if actor is None or org is None:
            raise CommandError("No such person or organization.")
        try:
            data = o["file"].read_bytes()
        except OSError as e:
            raise CommandError(f"Cannot read {o['file']}: {e.strerror}") from e
        try:
            report = import_people(org, by=actor, data=data, dry_run=o["dry_run"])
        except (PermissionDenied, Http404) as e:
            raise CommandError(f"{actor.email} may not manage the people of {org.slug}.") from e
        for line, message in report.errors:
            self.stderr.write(f"line {line}: {message}")
        if not report.ok:
            raise CommandError(f"{len(report.errors)} problem(s); nothing was imported.")
        if o["dry_run"]:
            self.stdout.write(f"{len(report.rows)} row(s) are fine; nothing was saved (dry run).")
        else:
            self.stdout.write(f"Imported: {report.created} new, {report.updated} updated.")
