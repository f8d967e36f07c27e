"""Creating, revoking and checking API keys. Every change to a key goes through here."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from .models import ApiToken

KEY_PREFIX = "tuuma_"
# last_used_at is written at most this often, so reads do not turn into writes.
TOUCH_INTERVAL = timedelta(minutes=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_token(user, *, name: str) -> tuple[ApiToken, str]:
    """A new key for USER; returns the row and the key itself, which is never stored."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip()[:100] or "API",
                                    key_hash=hash_key(key), prefix=key[:10])
    return token, key


def revoke_token(token: ApiToken, *, by) -> ApiToken:
    """Only the owner (or a platform admin) may revoke; others do not see the key at all."""
    if token.user_id != by.pk and not by.is_platform_admin:
        raise Http404
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_key(key: str):
    """The active owner of an active key, or None."""
    if not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    token = (ApiToken.objects.active().select_related("user")
             .filter(key_hash=hash_key(key)).first())
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, token
