"""The database settings built from a URL, shared by the settings module and the tests."""

import dj_database_url


def database_settings(url: str, conn_max_age: int = 60) -> dict:
    """Django's DATABASES entry for URL: persistent connections with health checks, and for
    SQLite the settings that let concurrent writers queue instead of failing."""
    # Health checks cost a round trip per request; a local SQLite file never goes away.
    config = dj_database_url.parse(url, conn_max_age=conn_max_age,
                                   conn_health_checks=not url.startswith("sqlite"))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers run beside a writer; IMMEDIATE takes the write lock at the start of
        # a transaction, so two writers queue on busy_timeout instead of failing with "locked".
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
                "PRAGMA foreign_keys=ON;"
            ),
        }
    return config
