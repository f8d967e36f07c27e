"""Real ASGI servers and clients for tests of the live workshop feed.

pytest-django's `live_server` is a WSGI server: it cannot hold a Server-Sent Events stream
open. These helpers serve `tuuma.config.asgi:application` (the live feed's own handler in front
of Django, as `tuuma serve` runs it) with uvicorn against the test database:

- `thread_server()`: uvicorn in a background thread of the test process. It shares Django's
  settings with the test (the `settings` fixture changes REDIS_URL or LIVE_TAIL_SECONDS for it)
  and the test database; tests that use it must be transactional so that it sees committed rows.
  Static files are served from the finders (Django's ASGIStaticFilesHandler, as the test
  server does), because the test process has no collectstatic output.
- `process_server()`: `python -m uvicorn tuuma.config.asgi:application` in a subprocess on the
  same database, with its own copy of the live module's state (hubs, Redis subscription). Two
  servers in one process would share that state and wake each other directly, so anything
  about several application servers needs a second process.
- `EventStream`: an SSE client on a plain socket, read in the test's own thread.
- `Visitor`: a browser-less person (requests) who signs forms with the CSRF cookie.
"""

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import requests
import uvicorn
from django.conf import settings
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parents[1]
START_SECONDS = 30


# --- servers ----------------------------------------------------------------------------------

class ThreadServer:
    def __init__(self, app):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="on",
                                timeout_graceful_shutdown=2)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]},
                                       name=f"uvicorn-{self.port}", daemon=True)
        self._socket = sock

    def start(self):
        self.thread.start()
        deadline = time.monotonic() + START_SECONDS
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the uvicorn thread did not start")
            time.sleep(0.02)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self._socket.close()


@contextlib.contextmanager
def thread_server():
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    from tuuma.config.asgi import application

    server = ThreadServer(ASGIStaticFilesHandler(application))
    server.start()
    try:
        yield server
    finally:
        server.stop()
        drop_server_connections()


def database_url() -> str:
    """The test database (xdist's per-worker one) as a DATABASE_URL for a subprocess."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@dataclass
class ProcessServer:
    process: subprocess.Popen
    url: str
    log: Path


@contextlib.contextmanager
def process_server(*, redis_url: str | None, tail_seconds: float):
    """A second application server: its own process, the same database and signing key."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tuuma.config.settings",
           "DATABASE_URL": database_url(), "SECRET_KEY": settings.SECRET_KEY,
           "LIVE_TAIL_SECONDS": str(tail_seconds), "WEB_THREADS": "4",
           "PYTHONUNBUFFERED": "1"}
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    with tempfile.NamedTemporaryFile("w+", prefix="uvicorn-", suffix=".log",
                                     delete=False) as log:
        log_path = Path(log.name)
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "tuuma.config.asgi:application",
             "--host", "127.0.0.1", "--port", "0", "--log-level", "info", "--no-access-log",
             "--timeout-graceful-shutdown", "2"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_SECONDS
        url = None
        while url is None:
            found = re.search(r"Uvicorn running on (http://127\.0\.0\.1:\d+)",
                              log_path.read_text())
            if found:
                url = found.group(1)
            elif process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start:\n{log_path.read_text()}")
            else:
                time.sleep(0.05)
        yield ProcessServer(process, url, log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log_path.unlink(missing_ok=True)
        drop_server_connections()


def drop_server_connections() -> None:
    """Close the database connections the servers' threads keep (PostgreSQL).

    Django's own test server closes its connection after each request; here the server's
    threads keep persistent connections (CONN_MAX_AGE, as in production), which would keep
    the test database from being dropped at the end of the session. They are ended from the
    database side; the threads' health checks reconnect if they serve again.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")


# --- clients ----------------------------------------------------------------------------------

@dataclass
class Event:
    id: int | None
    kind: str
    data: object

    def text(self) -> str:
        return json.dumps(self.data, ensure_ascii=False)


class EventStream:
    """A Server-Sent Events client: GET the stream, then read events as they arrive.

    Reads happen only inside wait_for()/read_for(), in the caller's thread, so closing the
    stream is just closing the socket (the server sees the disconnect).
    """

    def __init__(self, base_url: str, path: str, *, last_event_id: int | None = None):
        parts = urlsplit(base_url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=5)
        lines = [f"GET {path} HTTP/1.1", f"Host: {parts.netloc}",
                 "Accept: text/event-stream", "Cache-Control: no-cache"]
        if last_event_id is not None:
            lines.append(f"Last-Event-ID: {last_event_id}")
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        self.events: list[Event] = []
        self.ended = False
        self._raw = b""
        self._body = b""
        deadline = time.monotonic() + 5
        while b"\r\n\r\n" not in self._raw:
            if not self._recv(deadline, dechunk=False):
                raise AssertionError(f"no response head from {path}: {self._raw!r}")
        head, self._raw = self._raw.split(b"\r\n\r\n", 1)
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        self.status = int(status_line.split()[1])
        self.headers = {k.strip().lower(): v.strip() for k, _, v in
                        (line.partition(":") for line in header_lines)}
        self._chunked = "chunked" in self.headers.get("transfer-encoding", "").lower()
        self._dechunk()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _recv(self, deadline: float, *, dechunk: bool = True) -> bool:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or self.ended:
            return False
        self.sock.settimeout(remaining)
        try:
            data = self.sock.recv(65536)
        except TimeoutError:
            return False
        if not data:
            self.ended = True
            return False
        self._raw += data
        if dechunk:
            self._dechunk()
        return True

    def _dechunk(self) -> None:
        if not self._chunked:
            self._body, self._raw = self._body + self._raw, b""
        while self._chunked:
            end = self._raw.find(b"\r\n")
            if end < 0:
                break
            size = int(self._raw[:end].split(b";")[0], 16)
            if size == 0:
                self.ended, self._raw = True, b""
                break
            if len(self._raw) < end + 2 + size + 2:
                break
            self._body += self._raw[end + 2:end + 2 + size]
            self._raw = self._raw[end + 2 + size + 2:]
        self._parse()

    def _parse(self) -> None:
        while b"\n\n" in self._body:
            block, self._body = self._body.split(b"\n\n", 1)
            fields, data = {}, []
            for line in block.decode().split("\n"):
                if not line or line.startswith(":"):
                    continue  # a comment: the heartbeat
                name, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if name == "data":
                    data.append(value)
                else:
                    fields[name] = value
            if data:
                self.events.append(Event(int(fields["id"]) if "id" in fields else None,
                                         fields.get("event", "message"),
                                         json.loads("\n".join(data))))

    def wait_for(self, predicate, timeout: float = 2.0, *, since: int = 0) -> Event:
        """The first event from index `since` on that matches, reading up to `timeout` s."""
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events[since:]:
                if predicate(event):
                    return event
            since = len(self.events)
            if not self._recv(deadline):
                if self.ended or time.monotonic() >= deadline:
                    raise AssertionError(
                        f"no matching event within {timeout} s; received: {self.events}")

    def read_for(self, seconds: float) -> list[Event]:
        """Everything that arrives within `seconds` (for checking that nothing else does)."""
        start = len(self.events)
        deadline = time.monotonic() + seconds
        while self._recv(deadline):
            pass
        return self.events[start:]


class Visitor:
    """Someone using the site through HTTP: a session, the CSRF cookie and JSON answers."""

    def __init__(self, base_url: str, user=None):
        self.base = base_url
        self.http = requests.Session()
        if user is not None:
            client = Client()
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            self.http.cookies.set(settings.SESSION_COOKIE_NAME,
                                  client.cookies[settings.SESSION_COOKIE_NAME].value,
                                  domain=urlsplit(base_url).hostname)

    def get(self, path, *, base=None, **kwargs):
        return self.http.get((base or self.base) + path, timeout=10, **kwargs)

    def post(self, path, data, *, base=None, json_answer=True):
        token = self.http.cookies.get(settings.CSRF_COOKIE_NAME)
        assert token, "load a page with a form first (it sets the CSRF cookie)"
        headers = {"X-CSRFToken": token}
        if json_answer:
            headers["Accept"] = "application/json"
        return self.http.post((base or self.base) + path, data=data, headers=headers,
                              timeout=10, allow_redirects=False)

    def live_path(self, page_path: str) -> str:
        """The stream address the page would connect to (its signed token)."""
        page = self.get(page_path)
        assert page.status_code == 200, (page_path, page.status_code)
        found = re.search(r'data-live="(/live/[^"]+/)"', page.text)
        assert found, f"no live feed on {page_path}"
        return found.group(1)
