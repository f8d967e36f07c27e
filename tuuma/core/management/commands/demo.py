"""`tuuma demo`: create the demo city once and print one login per role.

`tuuma demo --acts N --ideas M` instead adds N synthetic acts and M ideas (with organizations
and people for them) for benchmarks, and prints the time taken.
"""

import os
import sys
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from tuuma.demo import content
from tuuma.demo.build import build, delete_demo, demo_exists, logins
from tuuma.demo.scale import generate


class Command(BaseCommand):
    help = ("Create the demo city with people in every role and ideas in every state, "
            "then print the logins. Does nothing if the demo already exists.")

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true",
                            help="Delete the demo organizations and people, then create them "
                                 "again.")
        parser.add_argument("--acts", type=int, default=0, metavar="N",
                            help="Add N synthetic development acts (for benchmarks)")
        parser.add_argument("--ideas", type=int, default=0, metavar="M",
                            help="Add M synthetic ideas, with people to author them")
        parser.add_argument("--seed", type=int, default=1, help="Random seed for --acts/--ideas")
        parser.add_argument("--no-index", action="store_true",
                            help="With --acts/--ideas: leave the search index for "
                                 "`tuuma search reindex`")

    def handle(self, *args, reset=False, **options):
        if options["acts"] or options["ideas"]:
            return self.scale(options)
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
                f"ideas, {summary.acts} kehittämistekoa / development acts, {summary.people} "
                f"henkilöä / people, {summary.units} yksikköä / units."))
        self.print_logins()

    def scale(self, options):
        from tqdm import tqdm

        bars: dict[str, tqdm] = {}

        def progress(label, done, total):
            if label not in bars:
                for bar in bars.values():
                    bar.close()
                bars[label] = tqdm(total=total, desc=label, file=sys.stderr, disable=None,
                                   unit_scale=True)
            bars[label].update(done)

        result = generate(max(options["acts"], 0), max(options["ideas"], 0),
                          seed=options["seed"], index=not options["no_index"],
                          progress=progress)
        for bar in bars.values():
            bar.close()
        timing = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in result.seconds.items())
        self.stdout.write(self.style.SUCCESS(
            f"Luotu / created: {result.acts} kehittämistekoa / acts ({result.adoptions} "
            f"käyttöönottoa / adoptions), {result.ideas} ideaa / ideas, "
            f"{result.organizations} organisaatiota / organizations, {result.people} henkilöä "
            f"/ people. Aika / time: {timing}."))
        if options["no_index"]:
            self.stdout.write("Hakuindeksi / search index: tuuma search reindex")

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
        from tuuma.workshops.models import Phase, Workshop

        live = Workshop.objects.filter(phase=Phase.IDEATE, group__isnull=True).order_by(
            "-created_at").first()
        if live:
            write(f"  työpaja / workshop:   http://127.0.0.1:{port}/w/{live.code}/  "
                  f"(koodi / code {live.code})")
            write("")
