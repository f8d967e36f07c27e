#!/usr/bin/env python
"""A live workshop under load: 2,000 participants, five dots each within a minute.

    .venv/bin/python bench/workshop_load.py [--db sqlite|postgres|both] [--postgres]
        [--participants 2000] [--dots 5] [--per-item 3] [--seconds 60] [--items 20]
        [--workers 2] [--threads 4] [--join-concurrency 40] [--reload] [--form-votes] [--keep]
        [--pg-url postgres://postgres@127.0.0.1:5432/tuuma_wsbench]

For each database (both by default): a throwaway data directory in /tmp (for PostgreSQL also
the database PG_URL names, created and dropped here), migrated, with an organization, a
facilitator and a workshop of ITEMS ideas in the ideate phase (tuuma.workshops.actions). The
server runs as in production, `python -m tuuma.cli serve --no-worker --workers 2` (gunicorn with
uvicorn workers; Django on a2wsgi's threads, /live/ on its own async handler), and is loaded by
this one asyncio process (aiohttp) on the same machine, behaving as the browsers would:

1. Joining (duration printed, no target): each participant opens /w/<code>/, posts a nickname
   with the CSRF token, follows the redirect to the board and opens the board's live feed
   (Server-Sent Events at its data-live address), kept open to the end and reconnected after a
   drop as EventSource does. The facilitator's control room keeps its own feed open.
2. The facilitator moves the workshop to the vote phase (the phase form, as JSON). Every board
   that hears of it switches to voting in place, as workshop.js does (--reload instead makes
   each board reload within 1.5 s and open a new feed, as an earlier design did: 2,000 page
   renders at the moment voting opens).
3. Voting: each participant casts DOTS dots as workshop.js sends them (POST /live/piste/
   with token=<the board's data-token>&item=<id>&do=add; with
   --form-votes instead POST /w/<code>/ideat/<item>/piste/, the form view with its session and
   CSRF token, as a page without JavaScript does) at random moments within SECONDS of the
   button, one after another, on random items within the per-item maximum, each on a new
   connection (a phone's keep-alive has lapsed by its next tap); not before its board shows
   the vote phase.
4. Baseline, same run, same open connections: GET /health/ (one SELECT 1 through the whole
   middleware stack) ten times a second while voting; also for 5 s before, feeds open, idle.

Printed per database: votes acknowledged (HTTP 200 with {"ok": true}) against votes stored
(Dot rows afterwards; also nobody over the allowance or the per-item maximum) — they must be
equal, otherwise the exit code is 1; p50/p99 of the vote requests (target p99 ≤ 200 ms) with
the baseline's and their ratio; the facilitator's lag (the last acknowledged vote → the
facilitator's feed shows `totals` adding up to the acknowledged count; target ≤ 2 s); how fast
the phase change reached the boards; feeds open at the end and reconnections; CPU seconds of the
server, PostgreSQL and this load generator while voting (the machine is shared: the load
average is printed, and a large event-loop lag of the load generator means its own timings
include queueing).
"""

import argparse
import asyncio
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import aiohttp
from common import ROOT, free_port, instance_env, percentile, shell, verdict

PG_URL = "postgres://postgres@127.0.0.1:5432/tuuma_wsbench"
SERVE = [sys.executable, "-m", "tuuma.cli"]

SETUP = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from tuuma.accounts.models import User
from tuuma.organizations.models import Membership, Organization
from tuuma.workshops import actions
org = Organization.objects.create(name_fi="Kuormituskunta", slug="kuormitus")
user = User.objects.create_user("vetaja@kuormitus.invalid", None, full_name="Veli Vetäjä")
Membership.objects.create(user=user, organization=org, is_developer=True)
workshop = actions.create_workshop(
    org, by=user, title="Kuormitustesti", anonymous=True,
    prompts=["Miten aamuista tulisi rauhallisempia?", "Mitä voisimme lopettaa?"],
    dots_per_participant=%(dots)d, max_dots_per_item=%(per_item)d)
authors = [actions.join(workshop, user=AnonymousUser(), nickname=f"Kirjoittaja {i}")
           for i in range(5)]
prompts = list(workshop.prompts.all())
items = [actions.post_item(workshop, authors[i %% 5], prompt_id=prompts[i %% 2].pk,
                           text=f"Ehdotus numero {i + 1}: kokeillaan jotain uutta").pk
         for i in range(%(items)d)]
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps({"code": workshop.code, "pk": workshop.pk, "items": items,
                  "sessionid": session.session_key}))
"""

COUNT = """
import json
from django.db.models import Count
from tuuma.workshops.models import Dot
dots = Dot.objects.filter(workshop_id=%(pk)d)
per_seat = dots.values("participant").annotate(n=Count("id")).order_by()
per_item = dots.values("participant", "item").annotate(n=Count("id")).order_by()
print(json.dumps({"stored": dots.count(),
                  "over_allowance": per_seat.filter(n__gt=%(dots)d).count(),
                  "over_item_max": per_item.filter(n__gt=%(per_item)d).count()}))
"""

TOKEN_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LIVE_ATTR = re.compile(r'data-live="([^"]+)"')
SEQ_ATTR = re.compile(r'data-seq="(\d+)"')
PHASE_ATTR = re.compile(r'data-phase="(\w+)"')


# --- the instance and the server --------------------------------------------------------------

@contextmanager
def postgres_database(url: str):
    """Create the (empty) database URL names; drop it afterwards."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))

    def run(sql):
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql)

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')
    try:
        yield url
    finally:
        run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def serving(env: dict, log: Path, *, workers: int, threads: int):
    """`tuuma serve` (gunicorn + uvicorn workers) on a free port, in its own process group so
    that it and its workers are stopped however the benchmark ends. Yields the base URL and
    the process."""
    port = free_port()
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [*SERVE, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers",
             str(workers), "--threads", str(threads), "--no-worker", "--no-migrate"],
            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server stopped at start:\n{tail(log)}")
            try:
                with urllib.request.urlopen(base + "/health/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not answer in 120 s:\n{tail(log)}")
            time.sleep(0.2)
        yield base, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # serve passes it on to gunicorn
            try:
                process.wait(timeout=25)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(process.pid, signal.SIGKILL)  # anything left of this server's group
        except ProcessLookupError:
            pass
        process.wait()


def cpu_seconds(pgid: int, database: str | None) -> dict[int, tuple[str, float]]:
    """CPU seconds used so far by each process of the server's group and each PostgreSQL
    backend serving DATABASE: {pid: ("server" | "database", seconds)}."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            seconds = (int(fields[11]) + int(fields[12])) / tick
            if int(fields[2]) == pgid:
                found[int(entry.name)] = ("server", seconds)
            elif database:
                with open(f"/proc/{entry.name}/cmdline", "rb") as f:
                    title = f.read().replace(b"\0", b" ").decode(errors="replace")
                if f"postgres {database} " in title + " ":
                    found[int(entry.name)] = ("database", seconds)
        except (OSError, ValueError, IndexError):
            continue
    return found


def cpu_used(before: dict, after: dict) -> dict[str, float]:
    used = {"server": 0.0, "database": 0.0}
    for pid, (kind, seconds) in after.items():
        used[kind] += seconds - before.get(pid, (kind, 0.0))[1]
    return used


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def server_errors(path: Path) -> list[str]:
    """Tracebacks and error lines in the server's log (its access log lines aside)."""
    wanted = ("Traceback", "Error", "ERROR", "WARNING", "CRITICAL")
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError:
        return []
    return [line for line in text if any(w in line for w in wanted)
            and '" 200 ' not in line and "Error while closing socket" not in line]


# --- the load ---------------------------------------------------------------------------------

class Page:
    """One person's browser tab: the board (participants) or the control room (facilitator)."""

    def __init__(self, index: int, path: str, facilitator: bool = False):
        self.index, self.path, self.facilitator = index, path, facilitator
        self.cookies: dict[str, str] = {}
        self.csrf = self.live = self.phase = ""
        self.after = 0
        self.open = False
        self.stream = None  # the live feed's response while it is open
        self.reloading = False
        self.reconnects = 0
        self.heard_vote_at: float | None = None  # the phase change arrived on the feed
        self.ready = asyncio.Event()  # the page was reloaded into the vote phase
        self.ready_at: float | None = None
        self.totals: list[tuple[float, int]] = []  # the facilitator's: (when, sum)

    def remember(self, response) -> None:
        for name, morsel in response.cookies.items():
            self.cookies[name] = morsel.value

    def headers(self, **more) -> dict:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {"Cookie": cookie, **more} if cookie else more

    def read(self, body: str) -> None:
        """What the page's script reads from it."""
        self.csrf = TOKEN_FIELD.search(body).group(1)
        self.live = LIVE_ATTR.search(body).group(1)
        self.after = int(SEQ_ATTR.search(body).group(1))
        self.phase = PHASE_ATTR.search(body).group(1)


class Load:
    def __init__(self, base: str, info: dict, o, cpu):
        self.base, self.info, self.o, self.cpu = base, info, o, cpu
        self.code = info["code"]
        self.stopping = False
        self.join_latencies: list[float] = []
        self.reload_latencies: list[float] = []
        self.vote_latencies: list[float] = []
        self.health_latencies: list[float] = []
        self.idle_health_latencies: list[float] = []
        self.outcomes: Counter = Counter()
        self.acked = self.in_window = 0
        self.last_ack = 0.0
        self.loop_lag: list[float] = []
        self.stream_failures: Counter = Counter()
        self.reload_failures: Counter = Counter()
        self.background: set[asyncio.Task] = set()

    def spawn(self, coroutine) -> None:
        task = asyncio.create_task(coroutine)
        self.background.add(task)
        task.add_done_callback(self.background.discard)

    async def timed(self, sink, method, url, **kw):
        started = time.perf_counter()
        async with self.http.request(method, self.base + url, allow_redirects=False,
                                     **kw) as response:
            body = await response.text()
        sink.append(time.perf_counter() - started)
        return response, body

    async def load_page(self, page: Page, sink: list) -> None:
        response, body = await self.timed(sink, "GET", page.path, headers=page.headers())
        if response.status != 200 or 'id="board"' not in body:
            raise RuntimeError(f"{page.path}: HTTP {response.status}")
        page.remember(response)
        page.read(body)

    # joining -------------------------------------------------------------------------------

    async def join(self, page: Page) -> None:
        response, body = await self.timed(self.join_latencies, "GET", page.path)
        if response.status != 200:
            raise RuntimeError(f"the join form: HTTP {response.status}")
        page.remember(response)
        token = TOKEN_FIELD.search(body).group(1)
        response, body = await self.timed(
            self.join_latencies, "POST", page.path, headers=page.headers(),
            data={"csrfmiddlewaretoken": token, "nickname": f"Osallistuja {page.index}"})
        if response.status != 302:
            raise RuntimeError(f"joining: HTTP {response.status}")
        page.remember(response)
        await self.load_page(page, self.join_latencies)

    # the live feed, as the page's EventSource and script handle it -------------------------

    async def listen(self, page: Page) -> None:
        """Keep the page's feed open: after a drop reconnect in two seconds (the stream's
        `retry:`) from the last event seen; after a reload open the new page's feed."""
        while not self.stopping:
            problem = None
            try:
                async with self.sse.get(self.base + page.live, params={"after": str(page.after)},
                                        headers={"Accept": "text/event-stream"}) as response:
                    if response.status == 200:
                        page.open, page.stream = True, response
                        await self.read_stream(page, response)
                        problem = "closed by the server"
                    else:
                        problem = f"HTTP {response.status}"
            except (TimeoutError, aiohttp.ClientError, OSError) as error:
                problem = type(error).__name__
            page.open, page.stream = False, None
            if self.stopping:
                return
            if page.reloading:
                page.reloading = False
                continue
            self.stream_failures[problem] += 1
            page.reconnects += 1
            await asyncio.sleep(2)

    async def read_stream(self, page: Page, response) -> None:
        kind, data = "message", ""
        async for raw in response.content:
            line = raw.decode().rstrip("\r\n")
            if not line:
                self.dispatch(page, kind, data)
                kind, data = "message", ""
            elif line.startswith("event:"):
                kind = line[6:].strip()
            elif line.startswith("data:"):
                data = line[5:].strip()
            elif line.startswith("id:"):
                page.after = int(line[3:].strip())

    def dispatch(self, page: Page, kind: str, data: str) -> None:
        if kind == "phase":
            phase = json.loads(data)["phase"]
            if phase == "vote" and page.heard_vote_at is None:
                page.heard_vote_at = time.perf_counter()
            if phase != page.phase and not page.reloading:
                if not self.o.reload and not page.facilitator:
                    page.phase = phase  # the board switches in place, as workshop.js does
                    page.ready_at = time.perf_counter()
                    page.ready.set()
                    return
                # workshop.js: a new phase reloads the page, spread over 1.5 s
                page.reloading = True
                self.spawn(self.reload(page, random.uniform(0, 1.5)))
        elif kind == "totals" and page.facilitator:
            page.totals.append((time.perf_counter(), sum(json.loads(data).values())))
        elif kind == "gone":
            self.stream_failures["gone"] += 1

    async def reload(self, page: Page, delay: float) -> None:
        await asyncio.sleep(delay)
        try:
            await self.load_page(page, self.reload_latencies)
        except (RuntimeError, AttributeError, TimeoutError, aiohttp.ClientError,
                OSError) as error:
            self.reload_failures[str(error) or type(error).__name__] += 1
            page.reloading = False
            return
        if page.phase == "vote":
            page.ready_at = time.perf_counter()
            page.ready.set()
        if page.stream is not None:
            page.stream.close()  # the old page's feed ends; listen() opens the new one
        else:
            page.reloading = False

    # voting --------------------------------------------------------------------------------

    async def vote(self, page: Page, item: int, deadline: float) -> None:
        # As workshop.js sends a dot: to the board's live endpoint, with the page's token
        # (--form-votes: the board's form view instead, as a page without JavaScript does).
        if self.o.form_votes:
            url = f"/w/{self.code}/ideat/{item}/piste/"
            data = {"csrfmiddlewaretoken": page.csrf, "do": "add"}
            headers = page.headers(Accept="application/json")
        else:
            url = "/live/piste/"
            data = {"token": page.live.split("/")[2], "item": str(item), "do": "add",
                    "lang": "fi"}
            headers = {"Accept": "application/json"}
        started = time.perf_counter()
        try:
            async with self.http.post(self.base + url, allow_redirects=False, data=data,
                                      headers=headers) as response:
                body = await response.text()
        except (TimeoutError, aiohttp.ClientError, OSError) as error:
            self.outcomes[f"transport error: {type(error).__name__} {error}"[:100]] += 1
            return
        done = time.perf_counter()
        self.vote_latencies.append(done - started)
        try:
            answer = json.loads(body)
        except ValueError:
            answer = {"error": body[:80]}
        if response.status == 200 and answer.get("ok") is True:
            self.acked += 1
            self.in_window += done <= deadline
            self.last_ack = max(self.last_ack, done)
            self.outcomes["acknowledged"] += 1
        else:
            self.outcomes[f"HTTP {response.status} {answer.get('error', '')}"] += 1

    def choose(self, rng: random.Random) -> list[int]:
        """DOTS items at random, at most PER_ITEM dots on one."""
        chosen: list[int] = []
        while len(chosen) < self.o.dots:
            item = rng.choice(self.info["items"])
            if chosen.count(item) < self.o.per_item:
                chosen.append(item)
        return chosen

    async def voter(self, page: Page, start: float, rng: random.Random) -> None:
        moments = sorted(rng.uniform(0, self.o.seconds) for _ in range(self.o.dots))
        try:  # the dots can be pressed once the board has reloaded into the vote phase
            await asyncio.wait_for(page.ready.wait(), start + self.o.seconds - time.perf_counter())
        except TimeoutError:
            self.reload_failures["board not in the vote phase by the end of the window"] += 1
            return
        for moment, item in zip(moments, self.choose(rng), strict=True):
            delay = start + moment - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            await self.vote(page, item, start + self.o.seconds)  # one after another

    async def probe(self, sink: list, until) -> None:
        """The baseline: GET /health/ ten times a second."""
        while not until():
            try:
                await self.timed(sink, "GET", "/health/")
            except (TimeoutError, aiohttp.ClientError, OSError):
                pass
            await asyncio.sleep(0.1)

    async def watch_loop(self) -> None:
        while not self.stopping:
            before = time.perf_counter()
            await asyncio.sleep(0.05)
            self.loop_lag.append(time.perf_counter() - before - 0.05)

    # the run -------------------------------------------------------------------------------

    async def run(self) -> dict:
        # A new connection for every request, as a phone's keep-alive has lapsed by its next
        # tap (and no race with the server's idle timeout); each live feed holds its own.
        self.http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0, force_close=True),
            cookie_jar=aiohttp.DummyCookieJar(),
            timeout=aiohttp.ClientTimeout(total=120, sock_connect=30))
        self.sse = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0, force_close=True),
            cookie_jar=aiohttp.DummyCookieJar(),
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=30, sock_read=None))
        try:
            return await self.scenario()
        finally:
            self.stopping = True
            for task in list(self.background):
                task.cancel()
            await asyncio.gather(*self.background, return_exceptions=True)
            await self.http.close()
            await self.sse.close()

    async def scenario(self) -> dict:
        o, r = self.o, {}
        self.spawn(self.watch_loop())
        # The facilitator's control room and its live feed.
        fac = Page(-1, f"/tyopajat/{self.info['pk']}/", facilitator=True)
        fac.cookies["sessionid"] = self.info["sessionid"]
        await self.load_page(fac, [])
        self.spawn(self.listen(fac))

        # 1. Joining, a few at a time; every board keeps its feed open from then on.
        people = [Page(i, f"/w/{self.code}/") for i in range(o.participants)]
        gate = asyncio.Semaphore(o.join_concurrency)
        failures: Counter = Counter()

        async def arrive(page):
            async with gate:
                try:
                    await self.join(page)
                except (RuntimeError, AttributeError, TimeoutError, aiohttp.ClientError,
                        OSError) as error:
                    failures[str(error) or type(error).__name__] += 1
                    return
            self.spawn(self.listen(page))

        print(f"  joining {o.participants} participants …", flush=True)
        started = time.perf_counter()
        await asyncio.gather(*(arrive(page) for page in people))
        joined = [page for page in people if page.live]
        if not joined:
            raise RuntimeError(f"nobody could join: {dict(failures)}")
        while sum(page.open for page in joined) < len(joined) \
                and time.perf_counter() - started < 600:
            await asyncio.sleep(0.1)
        r.update(join_seconds=time.perf_counter() - started, joined=len(joined),
                 join_failures=dict(failures), join_p50=percentile(self.join_latencies, 50),
                 join_p99=percentile(self.join_latencies, 99),
                 open_before=sum(page.open for page in joined))
        print(f"  {len(joined)} joined in {r['join_seconds']:.1f} s; {r['open_before']} live "
              "feeds open", flush=True)

        # The baseline with every feed open and nothing else going on.
        cpu_before, idle_started = self.cpu(), time.perf_counter()
        await self.probe(self.idle_health_latencies,
                         lambda: time.perf_counter() > idle_started + 5)
        r["idle_cpu"] = (cpu_used(cpu_before, self.cpu())["server"]
                         / (time.perf_counter() - idle_started))

        # 2. The facilitator opens voting: every board hears of it and reloads (workshop.js);
        # 3. each participant spreads the dots over the window from the button on.
        print(f"  voting for {o.seconds} s …", flush=True)
        load_before = os.getloadavg()[0]
        cpu_before, client_before = self.cpu(), time.process_time()
        start = time.perf_counter()
        done = asyncio.Event()
        prober = asyncio.create_task(self.probe(
            self.health_latencies,
            lambda: done.is_set() or time.perf_counter() > start + o.seconds))
        response, body = await self.timed(
            [], "POST", fac.path + "vaihe/", headers=fac.headers(Accept="application/json"),
            data={"csrfmiddlewaretoken": fac.csrf, "phase": "vote", "seen": "ideate"})
        if response.status != 200:
            raise RuntimeError(f"moving to the vote phase: HTTP {response.status} {body}")
        r["phase_request"] = time.perf_counter() - start
        rng = random.Random(o.seed)
        await asyncio.gather(*(self.voter(page, start, random.Random(rng.random()))
                               for page in joined))
        r["voting_seconds"] = time.perf_counter() - start
        done.set()
        await prober
        r["cpu"] = cpu_used(cpu_before, self.cpu())
        r["cpu"]["client"] = time.process_time() - client_before
        r["loadavg"] = (load_before, os.getloadavg()[0])
        heard = [page.heard_vote_at - start for page in joined if page.heard_vote_at]
        ready = [page.ready_at - start for page in joined if page.ready_at]
        r.update(sent=len(joined) * o.dots, heard=len(heard), ready=len(ready),
                 heard_p50=percentile(heard, 50) if heard else None,
                 heard_max=max(heard, default=None),
                 ready_p50=percentile(ready, 50) if ready else None,
                 ready_p99=percentile(ready, 99) if ready else None,
                 ready_max=max(ready, default=None),
                 reload_p50=percentile(self.reload_latencies, 50)
                 if self.reload_latencies else None,
                 reload_p99=percentile(self.reload_latencies, 99)
                 if self.reload_latencies else None,
                 reload_failures=dict(self.reload_failures),
                 reloads=len(self.reload_latencies))

        # The facilitator's lag: the last acknowledged vote → totals that add up to it.
        deadline = time.perf_counter() + 30
        seen = None
        while seen is None and time.perf_counter() < deadline:
            seen = next((t for t, total in fac.totals if total == self.acked), None)
            if seen is None:
                await asyncio.sleep(0.02)
        r.update(
            fac_lag=None if seen is None else max(0.0, seen - self.last_ack),
            fac_last_total=fac.totals[-1][1] if fac.totals else None,
            open_after=sum(page.open for page in joined),
            reconnects=sum(page.reconnects for page in joined),
            fac_reconnects=fac.reconnects, acked=self.acked, in_window=self.in_window,
            outcomes=dict(self.outcomes),
            vote_p50=percentile(self.vote_latencies, 50) if self.vote_latencies else None,
            vote_p99=percentile(self.vote_latencies, 99) if self.vote_latencies else None,
            vote_max=max(self.vote_latencies, default=None),
            health_p50=percentile(self.health_latencies, 50),
            health_p99=percentile(self.health_latencies, 99),
            idle_p50=percentile(self.idle_health_latencies, 50),
            idle_p99=percentile(self.idle_health_latencies, 99),
            probes=len(self.health_latencies),
            loop_lag_p99=percentile(self.loop_lag, 99), loop_lag_max=max(self.loop_lag),
            stream_failures=dict(self.stream_failures))
        return r


def run_load(base: str, info: dict, o, cpu) -> dict:
    try:
        import uvloop

        factory = uvloop.new_event_loop
    except ImportError:
        factory = None
    with asyncio.Runner(loop_factory=factory) as runner:
        return runner.run(Load(base, info, o, cpu).run())


# --- one database -----------------------------------------------------------------------------

def run_one(kind: str, o) -> dict:
    path = Path(tempfile.mkdtemp(prefix="tuuma-wsbench-"))
    try:
        with (postgres_database(o.pg_url) if kind == "postgres" else _nothing()) as url:
            env = instance_env(path, url)
            env["WEB_THREADS"] = str(o.threads)
            print(f"\n{kind}: preparing {path} …", flush=True)
            subprocess.run([*SERVE, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT,
                           check=True)
            numbers = {"dots": o.dots, "per_item": o.per_item, "items": o.items}
            info = json.loads(shell(env, SETUP % numbers))
            log = path / "server.log"
            database = urlsplit(url).path.lstrip("/") if url else None
            with serving(env, log, workers=o.workers, threads=o.threads) as (base, process):
                result = run_load(base, info, o, lambda: cpu_seconds(process.pid, database))
                result["server_stopped"] = process.poll()
            result.update(json.loads(shell(env, COUNT % {**numbers, "pk": info["pk"]})))
            result["server_errors"] = server_errors(log)
            return result
    finally:
        if o.keep:
            print(f"  (kept {path})")
        else:
            shutil.rmtree(path, ignore_errors=True)


@contextmanager
def _nothing():
    yield None


def ms(seconds) -> str:
    return "—" if seconds is None else f"{seconds * 1000:.0f} ms"


def sec(seconds) -> str:
    return "—" if seconds is None else f"{seconds:.2f} s"


def report(kind: str, r: dict, o) -> bool:
    label = {"sqlite": "SQLite", "postgres": "PostgreSQL"}[kind]
    equal = r["acked"] == r["stored"]
    print(f"\n=== {label}: {r['joined']} participants × {o.dots} dots within {o.seconds} s, "
          f"{o.items} items; gunicorn {o.workers} workers × {o.threads} threads on "
          f"{os.cpu_count()} cores, the load generator on the same machine")
    print(f"joining: {r['joined']} joined in {r['join_seconds']:.1f} s "
          f"({r['joined'] / r['join_seconds']:.0f}/s, {o.join_concurrency} at a time; 3 "
          f"requests each, p50 {ms(r['join_p50'])}, p99 {ms(r['join_p99'])}); "
          f"failures {r['join_failures'] or 0}")
    print(f"live feeds: {r['open_before']} open before voting, {r['open_after']} at the end; "
          f"reconnections after a drop {r['reconnects']} (facilitator {r['fac_reconnects']}); "
          f"problems {r['stream_failures'] or 0}")
    print(f"vote phase (button → the phase request took {ms(r['phase_request'])}): heard on "
          f"{r['heard']}/{r['joined']} feeds, p50 {sec(r['heard_p50'])}, last "
          f"{sec(r['heard_max'])}; boards reloaded into it {r['ready']}/{r['joined']}, p50 "
          f"{sec(r['ready_p50'])}, p99 {sec(r['ready_p99'])}, last {sec(r['ready_max'])} "
          f"({r['reloads']} page reloads: GET p50 {ms(r['reload_p50'])}, p99 "
          f"{ms(r['reload_p99'])})"
          + (f"; problems {r['reload_failures']}" if r["reload_failures"] else ""))
    print(f"votes: {r['sent']} to send, {r['acked']} acknowledged (HTTP 200), {r['stored']} "
          f"stored (Dot rows): {'equal' if equal else 'NOT EQUAL'}; over the allowance "
          f"{r['over_allowance']}, over the per-item maximum {r['over_item_max']}; "
          f"{r['in_window']} acknowledged within the {o.seconds} s, the last "
          f"{r['voting_seconds']:.1f} s after the button")
    others = {k: v for k, v in r["outcomes"].items() if k != "acknowledged"}
    if others:
        print(f"  other answers: {others}")
    vote_p50, vote_p99 = r["vote_p50"], r["vote_p99"]
    print(f"{'':44} {'p50':>8} {'p99':>8}")
    print(f"{'vote requests':44} {ms(vote_p50):>8} {ms(vote_p99):>8}   (max "
          f"{ms(r['vote_max'])})")
    print(f"{'baseline GET /health/, same time':44} {ms(r['health_p50']):>8} "
          f"{ms(r['health_p99']):>8}   ({r['probes']} probes)")
    if vote_p50 and vote_p99:
        print(f"{'ratio votes / baseline':44} {vote_p50 / r['health_p50']:8.1f} "
              f"{vote_p99 / r['health_p99']:8.1f}")
    print(f"{'GET /health/, feeds open, before voting':44} {ms(r['idle_p50']):>8} "
          f"{ms(r['idle_p99']):>8}   (server CPU meanwhile {r['idle_cpu']:.0%} of a core)")
    lag = r["fac_lag"]
    print("facilitator's lag behind the last vote: " + (
        f"{lag:.2f} s" if lag is not None else
        f"never within 30 s (the last totals added up to {r['fac_last_total']})"))
    cpu, span = r["cpu"], r["voting_seconds"]
    print(f"CPU from the button to the last vote ({span:.0f} s × {os.cpu_count()} cores = "
          f"{span * os.cpu_count():.0f} s): server {cpu['server']:.1f} s "
          f"(≈ {cpu['server'] / (r['sent'] + r['reloads'] + r['probes']) * 1000:.1f} ms a "
          "request), "
          + (f"PostgreSQL {cpu['database']:.1f} s, " if cpu["database"] else "")
          + f"this load generator {cpu['client']:.1f} s; load average "
          f"{r['loadavg'][0]:.1f} → {r['loadavg'][1]:.1f}; the load generator's event loop "
          f"lagged p99 {ms(r['loop_lag_p99'])}, max {ms(r['loop_lag_max'])}")
    if r["server_stopped"] is not None:
        print(f"THE SERVER STOPPED during the run (exit code {r['server_stopped']})")
    if r["server_errors"]:
        print(f"server log: {len(r['server_errors'])} error or warning lines, e.g.:")
        for line in r["server_errors"][:5]:
            print(f"  {line[:160]}")
    print(f"target: acknowledged = stored: {verdict(equal)}")
    print(f"target: vote p99 {ms(vote_p99)} ≤ 200 ms: "
          f"{verdict(vote_p99 is not None and vote_p99 <= 0.2)}")
    print(f"target: facilitator's lag ≤ 2 s: {verdict(lag is not None and lag <= 2)}")
    return equal


def raise_open_files(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = hard if hard != resource.RLIM_INFINITY else max(soft, needed)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    if want < needed:
        print(f"warning: at most {want} open files; {needed} wanted (ulimit -Hn)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres", action="store_true", help="same as --db postgres")
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--dots", type=int, default=5, help="dots per participant")
    parser.add_argument("--per-item", type=int, default=3, help="most dots on one item")
    parser.add_argument("--seconds", type=int, default=60, help="the vote window")
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--join-concurrency", type=int, default=40)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--reload", action="store_true",
                        help="boards reload on the phase change (an earlier design, for "
                             "comparison; workshop.js switches the board in place)")
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--keep", action="store_true", help="keep the data directories")
    parser.add_argument("--form-votes", action="store_true",
                        help="send the dots to the board's form view (session, CSRF token), "
                             "as a page without JavaScript does")
    o = parser.parse_args()
    if o.postgres:
        o.db = "postgres"
    if o.per_item * o.items < o.dots:
        parser.error("the items cannot hold that many dots")
    raise_open_files(2 * o.participants + 500)
    # SIGTERM ends the run like Ctrl-C (also when started in the background, where SIGINT is
    # ignored): the load stops, then the server is stopped and the data removed.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: signal.raise_signal(signal.SIGINT))
    kinds = ["sqlite", "postgres"] if o.db == "both" else [o.db]
    results = {}
    try:
        for kind in kinds:
            results[kind] = run_one(kind, o)
    except KeyboardInterrupt:
        sys.exit("interrupted (the server is stopped and the data removed)")
    print("\n" + "-" * 100)
    ok = True
    for kind, result in results.items():
        ok = report(kind, result, o) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
