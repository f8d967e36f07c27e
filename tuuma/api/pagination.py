"""Keyset ("cursor") pagination: page 5,000 costs what page 1 costs.

Lists are ordered by a key, newest (or largest) first, with the id breaking ties. The opaque
cursor holds the last row's key and id; the next page asks for rows after them. A ranked list
(search results, at most a thousand ids) is paged by position instead, with the same kind of
cursor, so every list answers {"next": …, "results": […]}.
"""

import base64
import json
from datetime import datetime

from django.db.models import F, Q
from django.utils import timezone
from rest_framework.exceptions import ValidationError
from rest_framework.utils.urls import replace_query_param

DEFAULT_SIZE = 25
MAX_SIZE = 100


def encode(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode()


def decode(cursor: str) -> dict:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii") + b"==="))
    except (ValueError, UnicodeError):
        data = None
    if not isinstance(data, dict):
        raise ValidationError({"cursor": ["Invalid cursor."]})
    return data


BIGGEST = 2**63 - 1


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= BIGGEST


def _bad_cursor():
    return ValidationError({"cursor": ["Invalid cursor."]})


class Keyset:
    """Order QUERYSET by KEY (descending, nulls last) and id, and page through it."""

    def __init__(self, key: str, *, nullable=False, is_datetime=False):
        self.key, self.nullable, self.is_datetime = key, nullable, is_datetime

    def order(self, queryset, *, without_nulls=False):
        if self.nullable and not without_nulls:
            return queryset.order_by(F(self.key).desc(nulls_last=True), "-id")
        return queryset.order_by(f"-{self.key}", "-id")

    def after(self, queryset, cursor: dict):
        value, pk = cursor.get("k"), cursor.get("i")
        if not _is_int(pk):
            raise _bad_cursor()
        if value is None:
            if not self.nullable:
                raise _bad_cursor()
            return queryset.filter(**{f"{self.key}__isnull": True, "id__lt": pk})
        if self.is_datetime:
            try:
                value = datetime.fromisoformat(value)
            except (TypeError, ValueError):
                raise _bad_cursor() from None
            if timezone.is_naive(value):
                raise _bad_cursor()
        elif not _is_int(value):
            raise _bad_cursor()
        later = Q(**{f"{self.key}__lt": value}) | Q(**{self.key: value, "id__lt": pk})
        if self.nullable:
            later |= Q(**{f"{self.key}__isnull": True})
        return queryset.filter(later)

    def cursor_of(self, row) -> dict:
        value = getattr(row, self.key)
        return {"k": value.isoformat() if self.is_datetime and value else value, "i": row.pk}


def page_size(request) -> int:
    raw = request.query_params.get("page_size")
    if raw is None:
        return DEFAULT_SIZE
    try:
        size = int(raw)
    except ValueError:
        raise ValidationError({"page_size": ["A whole number from 1 to 100."]}) from None
    if not 1 <= size <= MAX_SIZE:
        raise ValidationError({"page_size": ["A whole number from 1 to 100."]})
    return size


def keyset_page(request, queryset, keyset: Keyset, *, without_nulls=False):
    """(rows, next url or None) for the page the request's cursor points at."""
    size = page_size(request)
    raw = request.query_params.get("cursor")
    queryset = keyset.order(queryset, without_nulls=without_nulls)
    if raw:
        queryset = keyset.after(queryset, decode(raw))
    rows = list(queryset[:size + 1])
    more = len(rows) > size
    rows = rows[:size]
    following = None
    if more:
        following = replace_query_param(request.build_absolute_uri(), "cursor",
                                        encode(keyset.cursor_of(rows[-1])))
    return rows, following


def ranked_page(request, ids: list[int]):
    """(ids on this page, next url or None) for a list already in rank order."""
    size = page_size(request)
    raw = request.query_params.get("cursor")
    start = 0
    if raw:
        start = decode(raw).get("o")
        if not _is_int(start):
            raise _bad_cursor()
    chosen = ids[start:start + size]
    following = None
    if start + size < len(ids):
        following = replace_query_param(request.build_absolute_uri(), "cursor",
                                        encode({"o": start + size}))
    return chosen, following
