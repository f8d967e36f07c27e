"""Typed readers for settings taken from the environment."""

import os
import secrets
from pathlib import Path

TRUE = {"1", "true", "yes", "on"}


def env(name: str, default: str = "") -> str:
    """Return NAME, or the contents of the file named by NAME_FILE (for secrets). An empty
    variable counts as unset, so `DATABASE_URL= make run` means the default."""
    if os.environ.get(name + "_FILE"):
        return Path(os.environ[name + "_FILE"]).read_text().strip()
    return os.environ.get(name) or default


def envbool(name: str, default: bool) -> bool:
    value = env(name)
    return value.lower() in TRUE if value else default


def envint(name: str, default: int) -> int:
    value = env(name)
    return int(value) if value else default


def envlist(name: str, default: list[str]) -> list[str]:
    value = env(name)
    return [part.strip() for part in value.split(",") if part.strip()] if value else default


def persistent_secret(path: Path) -> str:
    """A secret key generated once for the embedded default and kept in the data directory."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
