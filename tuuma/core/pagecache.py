"""Whole pages kept for visitors who are not signed in (Django's cache framework, CACHES).

A kept page is the same for every such visitor, so only requests that cannot carry anything
personal are answered from it or stored in it: GET or HEAD, nobody signed in, no messages
waiting. A page whose rendering asked for a CSRF token, set a cookie or was not a plain 200 is
not stored. The key holds a *stamp* that the page's data renews on every change (the catalogue
stamp, tuuma.search.index.catalogue_stamp), the language, the time zone, the host and the query
string with its parameters in a fixed order; the timeout bounds what the stamp does not cover
(an organization renamed, say).
"""

import hashlib
import logging
from functools import wraps
from urllib.parse import urlencode

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

log = logging.getLogger(__name__)

# What the page depends on besides its address: who is asking (the session cookie, the
# language cookie) and, without a language cookie, the browser's languages.
VARY = ("Cookie", "Accept-Language")


def kept(key: str):
    """What the cache holds under KEY, or None; a cache that does not answer (Redis down)
    only means the page is made afresh."""
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 - any backend's connection error
        log.warning("cache: get failed", exc_info=True)
        return None


def keep(key: str, value, timeout: int) -> None:
    try:
        cache.set(key, value, timeout)
    except Exception:  # noqa: BLE001
        log.warning("cache: set failed", exc_info=True)


def anonymous(request) -> bool:
    """Nothing in a page for this request can be personal."""
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    # len() loads the waiting messages without marking them shown.
    return len(get_messages(request)) == 0


def page_key(request, prefix: str, stamp: str) -> str:
    query = urlencode(sorted(request.GET.lists()), doseq=True)  # value order kept per name
    parts = (stamp, get_language() or "", str(timezone.get_current_timezone()),
             request.get_host(), request.path, query)
    return f"page:{prefix}:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _storable(request, response) -> bool:
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and anonymous(request))


def cache_for_visitors(prefix: str, stamp, *, timeout: int = 300, skip=None):
    """Keep the view's pages for visitors who are not signed in, keyed by STAMP() (None: do not
    keep). SKIP(request) true: answer this request live."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not anonymous(request) or (skip is not None and skip(request)):
                response = view(request, *args, **kwargs)
                patch_vary_headers(response, VARY)
                return response
            # The stamp is read before the page: a change committed while the page is made
            # then leaves it under a stamp that is already old.
            current = stamp()
            key = page_key(request, prefix, current) if current else None
            found = kept(key) if key else None
            if found is not None:
                content, content_type = found
                response = HttpResponse(content, content_type=content_type)
            else:
                response = view(request, *args, **kwargs)
                if key and _storable(request, response):
                    keep(key, (response.content, response["Content-Type"]), timeout)
            patch_vary_headers(response, VARY)
            return response

        return wrapper

    return decorator
