"""Importing development acts from files: JSONL, CSV and the national catalogue's plain text.

    schema.py   one act as a plain dict → a checked `Record`, or messages saying what is wrong
    readers.py  streaming readers for JSONL and CSV (encoding, line numbers)
    text.py     the catalogue's plain-text layout → dicts in the JSONL schema
    writer.py   checked records → rows, in batches, idempotent by external_id
    run.py      one file (or set of text files) in one transaction, with a report

The import is an operator's command: it writes without a person's permission check. The file
formats are documented in docs/import.md.
"""

from .run import Report, import_records  # noqa: F401
