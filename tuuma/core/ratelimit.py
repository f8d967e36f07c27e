"""Counting attempts per network address, for actions that guessing could abuse (such as
trying workshop join codes). The counts live in the cache: Redis, shared by every server, in
production; the process's memory in the embedded default."""

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The address the request came from. Behind a reverse proxy (BEHIND_PROXY), the last
    X-Forwarded-For entry: the one our own proxy added, which the client cannot forge."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _key(request, scope: str) -> str:
    return f"ratelimit:{scope}:{client_address(request)}"


def exceeded(request, scope: str, limit: int) -> bool:
    """Whether this address has used up its LIMIT attempts of SCOPE."""
    return (cache.get(_key(request, scope)) or 0) >= limit


def count(request, scope: str, window_seconds: int) -> None:
    """One more attempt; the count starts over WINDOW_SECONDS after the first."""
    key = _key(request, scope)
    if not cache.add(key, 1, window_seconds):
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.add(key, 1, window_seconds)
