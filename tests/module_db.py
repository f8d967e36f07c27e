"""Rows built once per test module, for modules with hundreds of small tests.

    @pytest.fixture(scope="module")
    def scene(django_db_setup, django_db_blocker, tmp_path_factory):
        with module_rows(django_db_blocker, tmp_path_factory.mktemp("media")):
            yield build_something()

The rows live in a transaction that is rolled back when the module ends; each test (marked
with `db`) runs in a savepoint inside it and is rolled back on its own, so tests stay
independent. The shared model instances are not rolled back with it: pass them to
`refresh()` at the start of each test. Sign-ins are made once too: `signed_in(user)`
returns a session key and `client(key)` a fresh client that carries it.
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

from tests.conftest import login

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextmanager
def module_rows(django_db_blocker, media_root):
    with django_db_blocker.unblock(), \
            override_settings(MEDIA_ROOT=media_root, PASSWORD_HASHERS=FAST_HASHERS), \
            transaction.atomic():
        ensure_vocabularies()
        yield
        transaction.set_rollback(True)


def ensure_vocabularies() -> None:
    """Put back the migration's themes and sectors if a transactional test emptied them."""
    from tuuma.acts.models import Sector, Theme
    from tuuma.acts.vocabulary import ensure_vocabulary

    if not Theme.objects.exists():
        ensure_vocabulary(Theme, Sector)


def signed_in(user) -> str:
    return login(user).cookies[settings.SESSION_COOKIE_NAME].value


def client(session_key=None, **kwargs) -> Client:
    result = Client(**kwargs)
    if session_key:
        result.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return result


def refresh(*objects, users=()) -> None:
    """Reload shared instances from the database and forget the users' cached permissions."""
    for obj in objects:
        obj.refresh_from_db()
    for user in users:
        user.__dict__.pop("_tuuma_memberships", None)
