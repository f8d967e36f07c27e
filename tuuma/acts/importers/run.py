"""One import in one transaction: check every row, write in batches, keep all or nothing.

Rows are written while the file is read (so a large file is never held in memory); the first
bad row stops the writing, the rest of the file is still checked so that the report lists
every problem, and then everything is rolled back. A dry run rolls back even when all is well,
after the writes, so its counts are exactly what a real run would do.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from . import readers, text
from .schema import Vocabulary, check, to_json, unknown_fields
from .writer import Writer

log = logging.getLogger(__name__)
BATCH = 500
KEPT_PROBLEMS = 1000

Row = tuple[str, dict | None, str | None]  # where, the act's fields or None, a problem or None


@dataclass
class Report:
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    new_organizations: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    problem_count: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def problem(self, where: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < KEPT_PROBLEMS:
            self.problems.append((where, message))


def import_records(rows: Iterable[Row], *, dry_run: bool = False,
                   on_valid: Callable[[dict], None] | None = None) -> Report:
    """Check and write the rows; all of them, or (on any problem or a dry run) none."""
    report = Report(dry_run=dry_run)
    vocabulary = Vocabulary()
    seen: dict[str, str] = {}
    unknown: set[str] = set()
    with transaction.atomic():
        writer, batch = Writer(), []
        for where, raw, problem in rows:
            if problem:
                report.problem(where, problem)
                continue
            for name in sorted(unknown_fields(raw) - unknown):
                unknown.add(name)
                report.warnings.append(f"{where}: the field {name!r} is not part of the "
                                       "schema and is ignored")
            record, problems = check(raw, where, vocabulary)
            for message in problems:
                report.problem(where, message)
            if record is None:
                continue
            if record.external_id in seen:
                report.problem(where, f"external_id {record.external_id!r} is already used "
                               f"by the act at {seen[record.external_id]}")
                continue
            seen[record.external_id] = where
            report.rows += 1
            if on_valid is not None:
                on_valid(raw)
            if report.ok:
                batch.append(record)
                if len(batch) >= BATCH:
                    writer.write(batch)
                    batch = []
        if report.ok and batch:
            writer.write(batch)
        report.created, report.updated = writer.created, writer.updated
        report.unchanged = writer.unchanged
        report.new_organizations = [o.name_fi for o in writer.new_orgs]
        if report.ok and not dry_run:
            refresh_search(writer.touched)  # in the transaction, as the save signals do
        else:
            transaction.set_rollback(True)
    return report


def refresh_search(act_ids: list[int]) -> None:
    """Bulk writes bypass the save signals the search index follows: index these acts now."""
    if not act_ids:
        return
    try:
        from tuuma.search.index import index_acts
    except ImportError:  # no search app: nothing to keep in step
        log.warning("imported acts are not in the search index; run `tuuma search reindex`")
        return
    index_acts(act_ids)


def file_rows(path: Path, bar) -> Iterable[Row]:
    for line, raw, problem in readers.read(path, bar):
        yield f"line {line}", raw, problem


def text_rows(paths: list[Path], bar=None) -> Iterable[Row]:
    """Each text file's write-ups, in the JSONL schema."""
    for path in paths:
        try:
            encoding = readers.encoding_of(path, windows_ok=True)
            content = path.read_text(encoding=encoding)
        except readers.FileProblem as e:
            yield path.name, None, str(e)
            continue
        except OSError as e:
            yield path.name, None, f"cannot be read ({e.strerror})"
            continue
        if bar is not None:
            bar.update(1)
        for parsed in text.parse_text(content, path.name):
            if parsed.problems:
                for problem in parsed.problems:
                    yield parsed.where, None, problem
            else:
                yield parsed.where, parsed.act, None


__all__ = ["Report", "import_records", "file_rows", "text_rows", "to_json"]
