"""Project-wide guarantees: migrations, database settings, translations."""

import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from tuuma.config.database import database_settings

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "tuuma" / "locale"
TRANSLATED = ("fi", "sv")  # English is the source language of the message ids


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", check=True, dry_run=True, stdout=out)
    assert "No changes detected" in out.getvalue()


@contextmanager
def own_connection(url: str, django_db_blocker):
    """A database alias of our own, built from a URL exactly as the settings build the default
    one, so both backends' guarantees are checked whichever backend the suite runs on."""
    alias = f"own_{abs(hash(url))}"
    configured = connections.configure_settings({"default": database_settings(url)})
    connections.settings[alias] = configured["default"]
    try:
        with django_db_blocker.unblock():
            yield alias
    finally:
        connections[alias].close()
        del connections.settings[alias]


def test_sqlite_runs_in_wal_mode_and_writers_queue(tmp_path, django_db_blocker):
    url = f"sqlite:///{tmp_path / 'wal.sqlite3'}"
    errors = []

    def writer(_):
        # Read, then write, in one transaction: without IMMEDIATE two of these deadlock and one
        # fails with "database is locked"; with it they queue and no update is lost.
        try:
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                n = cursor.fetchone()[0]
                time.sleep(0.002)
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except Exception as error:  # noqa: BLE001 - any failure is the finding
            errors.append(repr(error))
        finally:
            connections[alias].close()

    with own_connection(url, django_db_blocker) as alias:
        conn = connections[alias]
        with conn.cursor() as cursor:
            assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
            cursor.execute("CREATE TABLE counter (n INTEGER)")
            cursor.execute("INSERT INTO counter VALUES (0)")
        assert conn.transaction_mode == "IMMEDIATE"
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(writer, range(40)))
        assert not errors
        with conn.cursor() as cursor:
            assert cursor.execute("SELECT n FROM counter").fetchone()[0] == 40


def postgres_url() -> str | None:
    """The PostgreSQL the suite runs on, or the one named by TUUMA_TEST_POSTGRES_URL."""
    from django.conf import settings

    if connection.vendor == "postgresql":  # its maintenance database always exists
        return urlsplit(settings.DATABASE_URL)._replace(path="/postgres").geturl()
    return os.environ.get("TUUMA_TEST_POSTGRES_URL")


def test_connection_survives_a_dropped_server_connection(django_db_blocker):
    """Health checks reopen a connection the server closed (e.g. after a restart)."""
    url = postgres_url()
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs this with TUUMA_TEST_POSTGRES_URL set (see .ci/run)")
        pytest.skip("set TUUMA_TEST_POSTGRES_URL to check PostgreSQL reconnects")
    import psycopg

    with own_connection(url, django_db_blocker) as alias:
        conn = connections[alias]
        assert conn.settings_dict["CONN_HEALTH_CHECKS"] is True
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        params = conn.get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        conn.close_if_unusable_or_obsolete()  # what Django does at the start of every request
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            assert cursor.fetchone()[0] != pid


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not missing, f"untranslated in {language}: {missing[:20]}"
    assert not fuzzy, f"fuzzy in {language}: {fuzzy[:20]}"
    for entry in po.translated_entries():
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_matches_po(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled = {e.msgid: e.msgstr or e.msgstr_plural for e in mo}
    source = {e.msgid: e.msgstr or e.msgstr_plural for e in po.translated_entries()}
    assert compiled == source, "run scripts/compile_messages.py"


def test_no_ui_string_lacks_a_translation(tmp_path, settings):
    """Extract the message ids from the code as it is now; each must be in the catalogues."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI") == "true":
            pytest.fail("GNU gettext (xgettext) is needed in CI")
        pytest.skip("GNU gettext not installed")
    work = tmp_path / "tuuma"
    shutil.copytree(ROOT / "tuuma", work, ignore=shutil.ignore_patterns(
        "locale", "__pycache__", "migrations"))
    (work / "locale").mkdir()
    settings.LOCALE_PATHS = [str(work / "locale")]
    cwd = os.getcwd()
    os.chdir(work)
    try:
        call_command("makemessages", locale=["fi"], no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    extracted = {e.msgid for e in polib.pofile(str(work / "locale/fi/LC_MESSAGES/django.po"))}
    for language in TRANSLATED:
        po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
        done = {e.msgid for e in po.translated_entries()}
        lacking = sorted(extracted - done)
        assert not lacking, f"{len(lacking)} strings lack a {language} translation: {lacking[:15]}"
