"""The live feed: every participant's board follows the workshop within a second or two.

Design (docs/workshops.md):
- The database is the source of truth: board changes are `Event` rows numbered per workshop;
  dots are counted from `Dot` rows. Nothing is lost when a connection drops: the browser asks
  for everything after the last number it saw (Server-Sent Events' Last-Event-ID, or the
  polling fallback's ?after=).
- Each server process keeps one *hub* per workshop that has open connections. The hub reads new
  events (and the vote totals, for facilitators) once and writes them to all its connections —
  one query per workshop per round, never one per participant.
- Hubs are woken by `notify()`: directly within the process, and through Redis publish/subscribe
  across processes and machines when REDIS_URL is set. Without Redis (the embedded default, or
  when Redis is down) hubs also look for new events every LIVE_TAIL_SECONDS, so several
  processes on one database still stay in step.
- The stream is served by a small ASGI handler in front of Django (config/asgi.py) and proves
  who is listening with a signed token from the page, so 2,000 open connections hold no thread
  and no database connection each.
"""

import asyncio
import json
import logging
import threading
import time

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core import signing
from django.db import close_old_connections

log = logging.getLogger(__name__)

TOKEN_SALT = "tuuma.workshops.live"
TOKEN_MAX_AGE = 60 * 60 * 24  # a board left open overnight reloads to get a new one
HEARTBEAT_SECONDS = 15
ROUND_SECONDS = 0.25  # coalesce: at most four rounds a second per workshop


def channel() -> str:
    """The publish/subscribe channel: one per database, so two installations (or test runs)
    sharing a Redis server never wake each other's hubs."""
    import hashlib

    db = settings.DATABASES["default"]
    key = f"{db.get('HOST', '')}:{db.get('PORT', '')}:{db['NAME']}".encode()
    return "tuuma:workshop:" + hashlib.sha1(key, usedforsecurity=False).hexdigest()[:12]


def tail_seconds() -> float:
    return float(getattr(settings, "LIVE_TAIL_SECONDS", 1.0))


# --- who is listening -------------------------------------------------------------------------

def make_token(workshop_id: int, participant_id: int | None, facilitator: bool) -> str:
    return signing.dumps([workshop_id, participant_id or 0, int(facilitator)], salt=TOKEN_SALT,
                         compress=False)


def read_token(token: str) -> tuple[int, int, bool] | None:
    try:
        workshop_id, participant_id, facilitator = signing.loads(
            token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        return int(workshop_id), int(participant_id), bool(facilitator)
    except (signing.BadSignature, ValueError, TypeError):
        return None


# --- waking hubs ------------------------------------------------------------------------------

_hubs: dict[int, "Hub"] = {}
_loop: asyncio.AbstractEventLoop | None = None
_redis_publisher = None
_redis_lock = threading.Lock()


def notify(workshop_id: int, kind: str) -> None:
    """Tell every hub of the workshop, in this process and others, that something changed.
    kind: "e" new events, "v" dots changed. Called after the writing transaction commits."""
    _wake_local(workshop_id, kind)
    url = getattr(settings, "REDIS_URL", None)
    if url:
        try:
            _publisher(url).publish(channel(), f"{workshop_id}:{kind}")
        except Exception:  # noqa: BLE001 - Redis down: hubs still tail the database
            log.warning("live: Redis publish failed; hubs fall back to tailing", exc_info=True)


def _publisher(url):
    global _redis_publisher
    with _redis_lock:
        if _redis_publisher is None:
            import redis

            _redis_publisher = redis.Redis.from_url(url, socket_timeout=1,
                                                    socket_connect_timeout=1)
        return _redis_publisher


def _wake_local(workshop_id: int, kind: str) -> None:
    hub = _hubs.get(workshop_id)
    if hub is None or _loop is None or _loop.is_closed():
        return
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is _loop:
        hub.wake(kind)
    else:
        _loop.call_soon_threadsafe(hub.wake, kind)


async def _redis_listener(url: str) -> None:
    """One subscription per process; reconnects with a pause when Redis goes away."""
    import redis.asyncio as aioredis

    while True:
        try:
            client = aioredis.Redis.from_url(url)
            async with client.pubsub() as pubsub:
                await pubsub.subscribe(channel())
                async for message in pubsub.listen():
                    if message.get("type") != "message":
                        continue
                    workshop_id, _sep, kind = message["data"].decode().partition(":")
                    hub = _hubs.get(int(workshop_id))
                    if hub is not None:
                        hub.wake(kind)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001
            log.warning("live: Redis subscription lost; retrying", exc_info=True)
            await asyncio.sleep(2)


_listener_task: asyncio.Task | None = None


def _ensure_listener() -> None:
    global _listener_task
    url = getattr(settings, "REDIS_URL", None)
    if url and (_listener_task is None or _listener_task.done()):
        _listener_task = asyncio.get_running_loop().create_task(_redis_listener(url))


# --- reading the database (in the shared thread pool, never a thread per connection) ---------

class Connection:
    def __init__(self, facilitator: bool, after: int):
        self.facilitator = facilitator
        self.after = after
        self.queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=2000)
        self.overflowed = False

    def put(self, chunk: bytes) -> None:
        try:
            self.queue.put_nowait(chunk)
        except asyncio.QueueFull:  # a stalled phone: drop it; it reconnects and catches up
            self.overflowed = True


def sse(kind: str, data, seq: int | None = None) -> bytes:
    head = f"id: {seq}\n" if seq is not None else ""
    return f"{head}event: {kind}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n".encode()


class Hub:
    """One workshop's fan-out in this process."""

    def __init__(self, workshop_id: int):
        self.workshop_id = workshop_id
        self.connections: set[Connection] = set()
        self.seq = None  # the last event number sent out
        self.totals_sent: dict | None = None
        self.revealed = False
        self._wake = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(self.run())

    def wake(self, kind: str = "e") -> None:
        self._wake.set()

    def add(self, connection: Connection) -> None:
        self.connections.add(connection)
        self.totals_sent = None  # the newcomer gets the current totals
        self.wake()

    async def run(self) -> None:
        try:
            while self.connections:
                try:
                    await asyncio.wait_for(self._wake.wait(), tail_seconds())
                except TimeoutError:
                    pass
                self._wake.clear()
                await self.round()
                await asyncio.sleep(ROUND_SECONDS)
        finally:
            if _hubs.get(self.workshop_id) is self:
                del _hubs[self.workshop_id]

    async def round(self) -> None:
        connections = list(self.connections)
        if not connections:
            return
        oldest = min(c.after for c in connections)
        after = oldest if self.seq is None else min(self.seq, oldest)
        want_totals = any(c.facilitator for c in connections)
        try:
            result = await _db(self.workshop_id, after, want_totals)
        except Exception:  # noqa: BLE001 - database hiccup: try again next round
            log.warning("live: reading workshop %s failed", self.workshop_id, exc_info=True)
            return
        if result is None:
            for connection in connections:
                connection.put(sse("gone", {}))
            return
        state, events, counts = result
        for connection in connections:
            for event in events:
                if event["seq"] <= connection.after:
                    continue
                if event.get("audience_fac") and not connection.facilitator:
                    continue
                connection.put(event["chunk"])
            if events:
                connection.after = max(connection.after, events[-1]["seq"])
        if events:
            self.seq = events[-1]["seq"]
        if state["results_revealed"] != self.revealed:  # participants get totals at once
            self.revealed = state["results_revealed"]
            self.totals_sent = None
        if counts is not None and counts != self.totals_sent:
            chunk = sse("totals", {str(k): v for k, v in counts.items()})
            for connection in connections:
                if connection.facilitator or state["results_revealed"]:
                    connection.put(chunk)
            self.totals_sent = counts
        if len(events) == 1000:
            self.wake()  # more to send


def _prepare(events) -> list[dict]:
    from .models import Audience

    prepared = []
    for event in events:
        chunk = sse(event["kind"], event["data"], event["seq"])
        prepared.append({"seq": event["seq"], "chunk": chunk,
                         "audience_fac": event["audience"] == Audience.FACILITATORS})
    return prepared


def _read_prepared(workshop_id, after, want_totals):
    from .actions import totals
    from .models import Event, Workshop

    close_old_connections()
    state = Workshop.objects.filter(pk=workshop_id).values("results_revealed", "phase").first()
    if state is None:
        return None
    rows = (Event.objects.filter(workshop_id=workshop_id, seq__gt=after).order_by("seq")
            .values_list("seq", "kind", "audience", "payload")[:1000])
    events = [{"seq": seq, "kind": kind, "data": payload, "audience": audience}
              for seq, kind, audience, payload in rows]
    counts = None
    if want_totals or state["results_revealed"]:
        counts = totals(Workshop(pk=workshop_id))
    return state, _prepare(events), counts


_db = sync_to_async(_read_prepared, thread_sensitive=False)


def hub_for(workshop_id: int) -> Hub:
    global _loop
    _loop = asyncio.get_running_loop()
    _ensure_listener()
    hub = _hubs.get(workshop_id)
    if hub is None or hub._task.done():
        hub = _hubs[workshop_id] = Hub(workshop_id)
    return hub


# --- the ASGI endpoints: GET /live/<token>/?after=N, POST /live/piste/ ------------------------

PREFIX = "/live/"
DOT_PATH = PREFIX + "piste/"


async def endpoint(scope, receive, send) -> None:
    """/live/…: the feed, or a participant's dot (config/asgi.py sends these paths here)."""
    if scope["path"] == DOT_PATH:
        await dot(scope, receive, send)
    else:
        await stream(scope, receive, send, scope["path"][len(PREFIX):].strip("/"))


async def stream(scope, receive, send, token: str) -> None:
    who = read_token(token)
    if scope["method"] != "GET" or who is None:
        await _plain(send, 403 if who is None else 405, b"forbidden")
        return
    workshop_id, _participant, facilitator = who
    after = _after(scope)
    connection = Connection(facilitator, after)
    await send({"type": "http.response.start", "status": 200, "headers": [
        (b"content-type", b"text/event-stream; charset=utf-8"),
        (b"cache-control", b"no-cache, no-store"),
        (b"x-accel-buffering", b"no"),
    ]})
    # Tell the browser to wait a moment before reconnecting, then start.
    await send({"type": "http.response.body", "body": b"retry: 2000\n\n", "more_body": True})
    hub = hub_for(workshop_id)
    hub.add(connection)
    disconnected = asyncio.get_running_loop().create_task(_wait_disconnect(receive))
    try:
        last = time.monotonic()
        while not disconnected.done() and not connection.overflowed:
            getter = asyncio.ensure_future(connection.queue.get())
            done, _pending = await asyncio.wait({getter, disconnected},
                                                timeout=HEARTBEAT_SECONDS,
                                                return_when=asyncio.FIRST_COMPLETED)
            if getter in done:
                chunks = [getter.result()]
                while not connection.queue.empty():
                    chunks.append(connection.queue.get_nowait())
                await send({"type": "http.response.body", "body": b"".join(chunks),
                            "more_body": True})
                last = time.monotonic()
            else:
                getter.cancel()
                if time.monotonic() - last >= HEARTBEAT_SECONDS:
                    await send({"type": "http.response.body", "body": b": ping\n\n",
                                "more_body": True})
                    last = time.monotonic()
    except OSError:
        pass
    finally:
        hub.connections.discard(connection)
        disconnected.cancel()
        try:
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        except Exception:  # noqa: BLE001 - the client is already gone
            pass


def _after(scope) -> int:
    headers = dict(scope.get("headers") or [])
    value = headers.get(b"last-event-id", b"").decode() or ""
    if not value:
        from urllib.parse import parse_qs

        value = parse_qs(scope.get("query_string", b"").decode()).get("after", [""])[0]
    try:
        return max(0, int(value))
    except ValueError:
        return 0


async def _wait_disconnect(receive) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


# --- dots: the one write that thousands make within a minute ---------------------------------

MAX_DOT_BODY = 1024


async def dot(scope, receive, send) -> None:
    """POST token=…&item=<id>&do=add|remove&lang=fi: a dot from the board's script, answered as
    the board's form view answers it ({"ok": true, "left": n} or {"error": "…"}), but without
    Django's request cycle: the signed token from the page says whose seat it is (a bearer
    credential that a browser never sends by itself, so no CSRF token is needed; in the body,
    so that access logs do not keep it), and the rules are actions.cast_dot's. This is the
    request that 2,000 phones send at once when voting opens; the form view stays for pages
    without JavaScript and for expired tokens (the script falls back to it)."""
    if scope["method"] != "POST":
        await _json(send, 405, {"error": "POST"})
        return
    body = await _read_body(receive, MAX_DOT_BODY)
    if body is None:
        await _json(send, 413, {"error": "too large"})
        return
    if body is _GONE:
        return
    from urllib.parse import parse_qs

    form = {key: values[0] for key, values in parse_qs(body.decode("utf-8", "replace")).items()}
    who = read_token(form.get("token", ""))
    if who is None or not who[1]:  # unknown, expired or a facilitator's token: no seat
        await _json(send, 403, {"error": "forbidden"})
        return
    do = form.get("do", "add")
    if do not in ("add", "remove"):
        await _json(send, 400, {"error": "do=add|remove"})
        return
    status, payload = await _cast(who[0], who[1], form.get("item"), do == "add",
                                  form.get("lang", ""))
    await _json(send, status, payload)


def _cast_sync(workshop_id, participant_id, item, add, lang):
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.utils import translation

    from .actions import cast_dot

    close_old_connections()
    languages = dict(settings.LANGUAGES)
    with translation.override(lang if lang in languages else settings.LANGUAGE_CODE):
        try:
            return 200, {"ok": True, "left": cast_dot(workshop_id, participant_id, item,
                                                      add=add)}
        except PermissionDenied as error:
            return 403, {"error": str(error)}
        except ValidationError as error:
            return 400, {"error": " ".join(error.messages)}


_cast = sync_to_async(_cast_sync, thread_sensitive=False)


_GONE = object()  # the client went away before sending all of its body


async def _read_body(receive, limit: int) -> bytes | object | None:
    """The request body; None when it is longer than LIMIT, _GONE when the client left."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return _GONE
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


async def _json(send, status: int, payload: dict) -> None:
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"),
        (b"cache-control", b"no-store"),
        (b"x-content-type-options", b"nosniff"),
    ]})
    await send({"type": "http.response.body",
                "body": json.dumps(payload, ensure_ascii=False).encode()})


async def _plain(send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": body})
