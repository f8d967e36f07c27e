"""`tuuma demo`: create the demo city once and print one login per role."""

import os
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from tuuma.demo import content
from tuuma.demo.build import build, delete_demo, demo_exists, logins


class Command(BaseCommand):
    help = ("Create the demo city with people in every role and ideas in every state, "
            "then print the logins. Does nothing if the demo already exists.")

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true",
                            help="Delete the demo organizations and people, then create them "
                                 "again.")

    def handle(self, *args, reset=False, **options):
        started = time.monotonic()
        summary = None
        with transaction.atomic():
            if reset:
                delete_demo()
            if not demo_exists():
                summary = build()
        if summary is None:
            self.stdout.write(f"{content.CITY['name_fi']}: demo on jo olemassa / the demo "
                              "already exists (--reset creates it again).")
        else:
            self.stdout.write(self.style.SUCCESS(
                f"{content.CITY['name_fi']}: demo luotu / demo created in "
                f"{time.monotonic() - started:.1f} s: {sum(summary.ideas.values())} ideaa / "
                f"ideas, {summary.people} henkilöä / people, {summary.units} yksikköä / units."))
        self.print_logins()

    def print_logins(self):
        port = os.environ.get("PORT", "8000")
        write = self.stdout.write
        write("")
        write(f"  osoite / URL:         http://127.0.0.1:{port}")
        write(f"  salasana / password:  {content.PASSWORD}  (sama kaikille / same for everyone)")
        write("")
        width = max(len(label) for label, _name, _email in logins())
        for label, name, email in logins():
            write(f"  {label.ljust(width)}  {email}  ({name})")
        write("")
