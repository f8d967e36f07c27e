"""`tuuma search reindex`: rebuild the search index; `tuuma search status`: is it current?"""

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from tuuma.search import analysis, index


class Command(BaseCommand):
    help = "Manage the search index: `reindex` rebuilds it, `status` tells whether it is current."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", metavar="{reindex,status}")
        sub.add_parser("reindex", help="Rebuild the index from every act and idea.")
        sub.add_parser("status", help="Show the analyser and the number of indexed documents.")

    def handle(self, *args, subcommand=None, **options):
        if subcommand == "reindex":
            return self.reindex(options.get("verbosity", 1))
        if subcommand == "status":
            return self.status()
        raise CommandError("Say what to do: `tuuma search reindex` or `tuuma search status`.")

    def reindex(self, verbosity):
        if not analysis.available():
            self.stderr.write(self.style.WARNING(
                "Voikko is not installed: indexing with the Snowball stemmer only "
                "(install libvoikko1 and voikko-fi for Finnish base forms and compounds)."))
        started = time.monotonic()
        total = sum(index.counts().values())
        with tqdm(total=total, unit="doc", disable=verbosity == 0, file=self.stderr) as bar:
            done = index.rebuild(progress=bar.update)
        self.stdout.write(self.style.SUCCESS(
            f"Indexed {done} documents in {time.monotonic() - started:.1f} s "
            f"(analyser {analysis.version()})."))

    def status(self):
        from tuuma.search.models import SearchDoc, SearchTerm

        stored = index.stored_version()
        self.stdout.write(f"documents: {SearchDoc.objects.count()}\n"
                          f"index built with: {stored or '-'}\nthis server: {analysis.version()}\n"
                          f"common terms with a best-documents list: "
                          f"{SearchTerm.objects.filter(floor__isnull=False).count()}")
        if stored and stored != analysis.version():
            self.stdout.write(self.style.WARNING("Run `tuuma search reindex`."))
