"""`tuuma import acts FILE` and `tuuma import text FILE...`: development acts from files.

    tuuma import acts acts.jsonl            JSON Lines, one act per line (or a .csv file)
    tuuma import acts acts.csv --dry-run    check every row and report; save nothing
    tuuma import text teko1.txt teko2.txt   the national catalogue's plain-text write-ups
    tuuma import text *.txt --dry-run --json  print the parsed acts as JSONL; save nothing

Each run is one transaction: all of a file's acts are imported, or none. An operator's command:
it writes without a person's permission check. Formats: docs/import.md.
"""

import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from tuuma.acts.importers import readers
from tuuma.acts.importers.run import Report, file_rows, import_records, text_rows
from tuuma.acts.importers.schema import to_json

SHOWN_PROBLEMS = 200


class Command(BaseCommand):
    help = "Import development acts from JSONL or CSV (acts) or catalogue write-ups (text)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True, metavar="{acts,text}")
        acts = sub.add_parser("acts", help="Acts from a JSONL or CSV file, idempotent by "
                                           "external_id")
        acts.add_argument("file", type=Path)
        acts.add_argument("--dry-run", action="store_true",
                          help="Check every row and report; save nothing")
        texts = sub.add_parser("text", help="Plain-text write-ups in the national catalogue's "
                                            "layout")
        texts.add_argument("files", type=Path, nargs="+")
        texts.add_argument("--dry-run", action="store_true",
                           help="Parse and check; save nothing")
        texts.add_argument("--json", action="store_true",
                           help="With --dry-run: print each parsed act as a JSON line")

    def handle(self, *args, kind, dry_run=False, **options):
        started = time.monotonic()
        self.as_json = options.get("json", False)
        if kind == "acts":
            report, name = self.acts(options["file"], dry_run), options["file"].name
        else:
            if options["json"] and not dry_run:
                raise CommandError("--json prints the parsed acts instead of saving them; "
                                   "use it with --dry-run")
            report = self.texts(options["files"], dry_run, options["json"])
            name = f"{len(options['files'])} file(s)"
        self.finish(report, name, time.monotonic() - started)

    def acts(self, path: Path, dry_run: bool) -> Report:
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        with readers.progress(path) as bar:
            try:
                return import_records(file_rows(path, bar), dry_run=dry_run)
            except readers.FileProblem as e:
                raise CommandError(f"{path.name}: {e}; nothing was imported.") from e

    def texts(self, paths: list[Path], dry_run: bool, as_json: bool) -> Report:
        def emit(raw):
            self.stdout.write(json.dumps(to_json(raw), ensure_ascii=False))

        with tqdm(total=len(paths), unit="file", file=sys.stderr, disable=None,
                  leave=False) as bar:
            return import_records(text_rows(paths, bar), dry_run=dry_run,
                                  on_valid=emit if as_json else None)

    def finish(self, report: Report, name: str, seconds: float) -> None:
        write = self.stderr.write
        for warning in report.warnings:
            write(f"warning: {warning}")
        for where, message in report.problems[:SHOWN_PROBLEMS]:
            write(f"{where}: {message}")
        if report.problem_count > SHOWN_PROBLEMS:
            write(f"… and {report.problem_count - SHOWN_PROBLEMS} more problem(s).")
        if not report.ok:
            raise CommandError(f"{name}: {report.problem_count} problem(s); nothing was "
                               "imported.")
        orgs = report.new_organizations
        counts = (f"{report.created} created, {report.updated} updated, "
                  f"{report.unchanged} unchanged")
        new = (f"; {len(orgs)} new organization(s), unverified: {', '.join(orgs[:10])}"
               + (" …" if len(orgs) > 10 else "")) if orgs else ""
        if report.dry_run:
            say = write if self.as_json else self.stdout.write  # --json: stdout holds acts only
            say(f"{name}: {report.rows} act(s) are fine. A real run would do: {counts}{new}. "
                "Nothing was saved (dry run).")
        else:
            self.stdout.write(f"{name}: {report.rows} act(s) imported in {seconds:.1f} s: "
                              f"{counts}{new}.")
