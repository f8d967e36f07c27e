"""Project-wide guarantees: migrations, database settings, translations."""

import os
import shutil
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.db import close_old_connections, connection

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "tuuma" / "locale"
TRANSLATED = ("fi", "sv")  # English is the source language of the message ids


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", check=True, dry_run=True, stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert connection.transaction_mode == "IMMEDIATE"


@pytest.mark.django_db(transaction=True)
def test_connection_survives_a_dropped_server_connection():
    """Health checks reopen a connection the server closed (e.g. after a restart)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    from django.conf import settings

    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    close_old_connections()  # what Django does at the start of every request
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1


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
