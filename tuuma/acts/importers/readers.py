"""Streaming readers: a file becomes (line number, dict) pairs without being held in memory.

The encoding is checked first in one binary pass (fast even for large files), so a file that
is not UTF-8 is refused, or for CSV read as Windows-1252, before any row is looked at.
"""

import codecs
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from tqdm import tqdm

from .schema import ALL_FIELDS

CHUNK = 1 << 20
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")


class FileProblem(Exception):
    """The file as a whole cannot be read; nothing is imported."""


def _bad_utf8_line(path: Path) -> int | None:
    """The number of the first line that is not valid UTF-8, or None if all are."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 1
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as e:
                return lines + chunk.count(b"\n", 0, e.start)
            lines += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return lines
    return None


def _cp1252_ok(path: Path) -> bool:
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            try:
                chunk.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def _is_blank(path: Path) -> bool:
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            if chunk.lstrip(codecs.BOM_UTF8).strip():
                return False
    return True


def encoding_of(path: Path, *, windows_ok: bool) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 with a mark, or Windows-1252."""
    if _is_blank(path):
        raise FileProblem("the file is empty: there are no acts in it")
    with path.open("rb") as f:
        head = f.read(4)
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if windows_ok:
            return "utf-16"
        raise FileProblem("the file is UTF-16 text; save it as UTF-8 and import again")
    bad_line = _bad_utf8_line(path)
    if bad_line is None:
        return "utf-8-sig"
    if windows_ok and _cp1252_ok(path):
        return "cp1252"
    accepted = "UTF-8 or Windows-1252" if windows_ok else "UTF-8"
    raise FileProblem(f"the file is not {accepted} text (line {bad_line} holds bytes that are "
                      f"not UTF-8); save it as UTF-8 and import again")


def progress(path: Path):
    """A progress bar in bytes on stderr, shown when stderr is a terminal."""
    return tqdm(total=path.stat().st_size, unit="B", unit_scale=True, desc=path.name,
                file=sys.stderr, disable=None, leave=False)


def _lines(path: Path, encoding: str, bar) -> Iterator[str]:
    """Decoded lines, advancing the bar by bytes read."""
    if encoding == "utf-16":  # rare and small: Excel's "Unicode text"
        with path.open(encoding="utf-16", newline="") as f:
            for line in f:
                bar.update(len(line) * 2)
                yield line
        return
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as f:
        for raw in f:
            bar.update(len(raw))
            yield decoder.decode(raw)


def kind_of(path: Path) -> str:
    """"jsonl" or "csv", by the name's ending, else by the first character."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return "csv"
    with path.open("rb") as f:
        head = f.read(CHUNK).lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    return "jsonl" if head[:1] in (b"{", b"[") else "csv"


Row = tuple[int, dict | None, str | None]  # line, the act's fields or None, a problem or None


def read_jsonl(path: Path, bar) -> Iterator[Row]:
    encoding = encoding_of(path, windows_ok=False)
    for number, line in enumerate(_lines(path, encoding, bar), start=1):
        line = line.strip()
        if not line:
            continue
        if number == 1 and line.startswith("["):
            raise FileProblem("the file is a JSON array; write one JSON object per line "
                              "(JSON Lines)")
        try:
            value = json.loads(line)
        except json.JSONDecodeError as e:
            yield number, None, f"not valid JSON ({e.msg} at column {e.colno})"
            continue
        if not isinstance(value, dict):
            yield number, None, "expected a JSON object {…} with the act's fields"
            continue
        yield number, value, None


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=counts.get)


def read_csv(path: Path, bar) -> Iterator[Row]:
    encoding = encoding_of(path, windows_ok=True)
    lines = _lines(path, encoding, bar)
    first, header_line = next(lines, ""), 1
    while first.strip() == "":
        first, header_line = next(lines, None), header_line + 1
        if first is None:
            raise FileProblem("the file is empty: there are no acts in it")
    delimiter = _delimiter(first)
    header = [h.strip().lower().replace(" ", "_") for h in next(csv.reader([first],
                                                                           delimiter=delimiter))]
    missing = [n for n in ("external_id", "organization", "title") if n not in header]
    if missing:
        raise FileProblem(f"line {header_line}: the header lacks the column(s) "
                          f"{', '.join(missing)}; the first line must name the columns, e.g. "
                          f"{','.join(ALL_FIELDS[:4])}")
    reader = csv.reader(lines, delimiter=delimiter)
    last, seen_rows = header_line, 0
    try:
        for row in reader:
            start, last = last + 1, header_line + reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            seen_rows += 1
            if len(row) != len(header):
                yield start, None, (f"has {len(row)} fields but the header has {len(header)} "
                                    f"(check the quotes and the {delimiter!r} separators)")
                continue
            yield start, {k: v for k, v in zip(header, row, strict=True) if v.strip()}, None
    except csv.Error as e:
        raise FileProblem(f"line {last + 1}: the CSV cannot be read ({e}); a quoted field "
                          "probably never ends") from e
    if not seen_rows:
        raise FileProblem("the file has a header but no acts")


def read(path: Path, bar) -> Iterator[Row]:
    return read_jsonl(path, bar) if kind_of(path) == "jsonl" else read_csv(path, bar)
