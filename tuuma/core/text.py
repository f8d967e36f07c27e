"""Clean-up shared by every form field that takes free text."""

import unicodedata

from django import forms


def clean_text(value: str) -> str:
    """Drop NUL and other control characters (keeping newlines and tabs); normalize to NFC."""
    value = unicodedata.normalize("NFC", value or "")
    return "".join(
        ch for ch in value
        if ch in "\n\t" or unicodedata.category(ch) != "Cc"
    ).strip()


class CleanCharField(forms.CharField):
    def to_python(self, value):
        return clean_text(super().to_python(value))


def spreadsheet_cell(value):
    """Text for a CSV cell that people open in a spreadsheet. Excel and LibreOffice run a cell
    that starts with = + - @ (or a tab or carriage return before one) as a formula, so such
    text gets a leading apostrophe and stays text; numbers and empty cells pass unchanged."""
    if not isinstance(value, str):
        return value
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
