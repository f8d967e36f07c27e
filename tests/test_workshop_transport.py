"""The live workshop feed over real servers: Server-Sent Events, resuming, who is sent what, the
polling fallback, and several application servers kept in step through Redis — or, with Redis
down, by tailing the database.

The servers are uvicorn running tuuma.config.asgi:application (tests/live_asgi.py): one in a
thread of the test process and, for the tests about several servers, a second one in its own
process. The live module keeps its hubs and its Redis subscription in module state, so two
servers in one process would wake each other's hubs directly and prove nothing about Redis;
the subprocess has only the database, the signing key and Redis in common with the first.

Deadlines: a change reaches an open stream within 2 s. With Redis that is the publish/subscribe
path (every server's LIVE_TAIL_SECONDS is 30, so tailing cannot deliver in time); with Redis down
it is the tailing, every LIVE_TAIL_SECONDS = 1 (2.5 s: one tail, one round and a margin).
"""

import base64
import json
import os
import re
import socket
import time
from datetime import timedelta

import pytest
import requests
from django.core import signing
from django.utils import timezone

from tests.live_asgi import EventStream, Visitor, process_server, thread_server
from tuuma.workshops import actions, live
from tuuma.workshops.models import Dot, Item, Workshop
from tuuma.workshops.models import Event as EventRow

pytestmark = [pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("TUUMA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
SOON = 2.0


@pytest.fixture
def workshop(world):
    return actions.create_workshop(
        world.org, by=world.developer, title="Aamujen työpaja",
        prompts=["Miten aamuista tulisi rauhallisempia?"], dots_per_participant=3,
        max_dots_per_item=2, anonymous=False)


@pytest.fixture
def server(settings):
    """One server, no Redis: changes made through it wake its hubs directly."""
    settings.REDIS_URL = None
    settings.LIVE_TAIL_SECONDS = 1
    with thread_server() as running:
        yield running


def join(base, workshop, nickname) -> Visitor:
    person = Visitor(base)
    assert person.get(f"/w/{workshop.code}/").status_code == 200  # the nickname form
    joined = person.post(f"/w/{workshop.code}/", {"nickname": nickname}, json_answer=False)
    assert joined.status_code == 302, joined.text[:500]
    return person


def post(person, workshop, text, *, base=None) -> int:
    answer = person.post(f"/w/{workshop.code}/ideat/",
                         {"text": text, "prompt": workshop.prompts.first().pk}, base=base)
    assert answer.status_code == 200, answer.text[:500]
    return answer.json()["item"]


def facilitate(fac, workshop, path, data, *, base=None):
    answer = fac.post(f"/tyopajat/{workshop.pk}/{path}", data, base=base)
    assert answer.status_code == 200, answer.text[:500]
    return answer.json()


def dot(person, workshop, item, *, base=None):
    answer = person.post(f"/w/{workshop.code}/ideat/{item}/piste/", {"do": "add"}, base=base)
    assert answer.status_code == 200, answer.text[:500]


def is_item(text):
    return lambda e: e.kind == "item" and e.data["text"] == text


def numbered(events):
    return [e.id for e in events if e.id is not None]


# --- one server: the stream itself ------------------------------------------------------------

def test_stream_delivers_resumes_and_keeps_facilitator_things_to_facilitators(
        world, workshop, server):
    sini, timo = join(server.url, workshop, "Sini"), join(server.url, workshop, "Timo")
    seat_path = sini.live_path(f"/w/{workshop.code}/") + "?after=0"
    fac = Visitor(server.url, world.developer)
    desk_path = fac.live_path(f"/tyopajat/{workshop.pk}/") + "?after=0"

    with EventStream(server.url, seat_path) as stream:
        assert stream.status == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        post(sini, workshop, "Kahvit ennen palaveria")
        first = stream.wait_for(is_item("Kahvit ennen palaveria"), SOON)
        assert first.data["by"] == "Sini"

    # Disconnected (a phone in a tunnel): two changes go by unseen.
    second = post(timo, workshop, "Hiljainen huone")
    post(sini, workshop, "Aamupalaverit lyhyemmiksi")
    # Reconnecting as EventSource does, the original ?after=0 still in the address and the
    # last number seen in Last-Event-ID: only what was missed comes, once, in order.
    with EventStream(server.url, seat_path, last_event_id=first.id) as seat, \
            EventStream(server.url, desk_path.replace("after=0", f"after={first.id + 2}")) \
            as desk:
        seat.wait_for(is_item("Aamupalaverit lyhyemmiksi"), SOON)
        assert [(e.id, e.data["text"]) for e in seat.events if e.kind == "item"] == [
            (first.id + 1, "Hiljainen huone"), (first.id + 2, "Aamupalaverit lyhyemmiksi")]

        # Hiding an item: participants are told to remove it, facilitators get the hidden
        # item; nothing carries its text to participants afterwards.
        rude = post(sini, workshop, "Pomon ideat ovat aina huonoja")
        seat.wait_for(is_item("Pomon ideat ovat aina huonoja"), SOON)
        facilitate(fac, workshop, f"kohteet/{rude}/", {"do": "hide"})
        removed = seat.wait_for(lambda e: e.kind == "remove" and e.data == {"id": rude}, SOON)
        hidden = desk.wait_for(lambda e: e.kind == "item" and e.data["id"] == rude
                               and e.data["hidden"], SOON)
        post(timo, workshop, "Merkki")  # everything before this has reached the seat
        seat.wait_for(is_item("Merkki"), SOON)
        later = seat.events[seat.events.index(removed):]
        assert not [e for e in later if "Pomon ideat" in e.text()]
        assert hidden.id not in numbered(seat.events)
        assert not [e for e in seat.events if e.kind == "item" and e.data["hidden"]]

        # Voting: facilitators follow the totals; participants get none before the reveal.
        facilitate(fac, workshop, "vaihe/", {"phase": "vote", "seen": "ideate"})
        seat.wait_for(lambda e: e.kind == "phase" and e.data["phase"] == "vote", SOON)
        dot(sini, workshop, second)
        dot(timo, workshop, second)
        first_item = first.data["id"]
        dot(timo, workshop, first_item)
        expected = {str(second): 2, str(first_item): 1}
        desk.wait_for(lambda e: e.kind == "totals" and e.data == expected, SOON)
        facilitate(fac, workshop, "ryhmittely/", {"title": "Rauha",
                                                  "prompt": workshop.prompts.first().pk})
        seat.wait_for(lambda e: e.kind == "cluster", SOON)
        assert not [e for e in seat.events if e.kind == "totals"]

        facilitate(fac, workshop, "paljasta/", {"on": "1"})
        seat.wait_for(lambda e: e.kind == "phase" and e.data["revealed"], SOON)
        seat.wait_for(lambda e: e.kind == "totals" and e.data == expected, SOON)

        # Taking an item forward is the facilitators' business.
        facilitate(fac, workshop, f"kohteet/{second}/", {"do": "promote"})
        desk.wait_for(lambda e: e.kind == "item" and e.data["id"] == second
                      and e.data.get("idea"), SOON)
        facilitate(fac, workshop, "ryhmittely/", {"title": "Tilat",
                                                  "prompt": workshop.prompts.first().pk})
        seat.wait_for(lambda e: e.kind == "cluster" and e.data["title"] == "Tilat", SOON)
        assert not [e for e in seat.events if e.kind == "item" and e.data.get("idea")]
        # The seat's numbers skip exactly the facilitators' events.
        fac_only = set(EventRow.objects.filter(workshop=workshop, audience="fac")
                       .values_list("seq", flat=True))
        assert set(numbered(seat.events)) == set(range(first.id + 1, Workshop.objects.get(
            pk=workshop.pk).seq + 1)) - fac_only


def test_altered_or_forged_tokens_are_refused(world, workshop, server):
    sini = join(server.url, workshop, "Sini")
    path = sini.live_path(f"/w/{workshop.code}/")
    token = path.split("/")[2]
    payload, signed = token.split(":", 1)
    workshop_id, seat, facilitator = json.loads(base64.urlsafe_b64decode(payload + "=="))
    assert (workshop_id, facilitator) == (workshop.pk, 0)
    promoted = base64.urlsafe_b64encode(
        json.dumps([workshop_id, seat, 1], separators=(",", ":")).encode()).decode().rstrip("=")
    forged = [
        f"{promoted}:{signed}",  # a participant making themselves a facilitator
        token[:-1] + ("A" if token[-1] != "A" else "B"),  # a changed signature
        signing.dumps([workshop_id, seat, 1], salt="something else", compress=False),
        signing.dumps([workshop_id, seat, 1], key="not the secret", salt=live.TOKEN_SALT,
                      compress=False),
        "nothing",
    ]
    for bad in forged:
        with EventStream(server.url, f"/live/{bad}/?after=0") as stream:
            assert stream.status == 403, bad
            assert not stream.events
    with EventStream(server.url, path + "?after=0") as stream:
        assert stream.status == 200


# --- dots through the live endpoint (what workshop.js sends) ----------------------------------

def live_dot(base, path, item, do="add", lang="fi"):
    """A dot as the board's script sends it: no session cookie, no CSRF token, only the
    page's token (taken here from its feed's address, PATH)."""
    return requests.post(f"{base}/live/piste/", data={
        "token": path.split("/")[2], "item": str(item), "do": do, "lang": lang}, timeout=10)


def test_dots_sent_to_the_live_endpoint_follow_the_rules_in_the_pages_language(
        world, workshop, server):
    sini, timo = join(server.url, workshop, "Sini"), join(server.url, workshop, "Timo")
    first, second = post(sini, workshop, "Kahvit ennen palaveria"), post(timo, workshop, "Hiljaa")
    hidden = post(timo, workshop, "Piilotettava")
    fac = Visitor(server.url, world.developer)
    desk_path = fac.live_path(f"/tyopajat/{workshop.pk}/") + "?after=0"
    facilitate(fac, workshop, f"kohteet/{hidden}/", {"do": "hide"})
    path = sini.live_path(f"/w/{workshop.code}/")

    early = live_dot(server.url, path, first)
    assert (early.status_code, early.json()) == (400, {"error": "Äänestys ei ole nyt auki."})
    facilitate(fac, workshop, "vaihe/", {"phase": "vote", "seen": "ideate"})

    with EventStream(server.url, desk_path) as desk:
        answers = [live_dot(server.url, path, first) for _ in range(2)]
        assert [(a.status_code, a.json()) for a in answers] == [
            (200, {"ok": True, "left": 2}), (200, {"ok": True, "left": 1})]
        third = live_dot(server.url, path, first, lang="sv")
        assert (third.status_code, third.json()) == (400, {"error": "Högst 2 poäng på en idé."})
        assert live_dot(server.url, path, second, lang="en").json() == {"ok": True, "left": 0}
        full = live_dot(server.url, path, second, lang="en")
        assert (full.status_code, full.json()["error"]) == (
            400, "You have used all your 3 dots. Take one back to move it.")
        # The facilitator's feed follows dots sent this way, as any other.
        desk.wait_for(lambda e: e.kind == "totals"
                      and e.data == {str(first): 2, str(second): 1}, SOON)

    back = live_dot(server.url, path, second, do="remove")
    assert (back.status_code, back.json()) == (200, {"ok": True, "left": 1})
    none = live_dot(server.url, path, second, do="remove", lang="sv")
    assert (none.status_code, none.json()) == (400, {"error": "Du har inget poäng på den idén."})
    # A hidden item, another workshop's item and nonsense are not on this board.
    other = actions.create_workshop(world.org, by=world.developer, title="Toinen",
                                    prompts=["Mitä?"])
    stranger = actions.join(other, user=world.employee, nickname="Vieras")
    elsewhere = actions.post_item(other, stranger, prompt_id=other.prompts.first().pk,
                                  text="Toisen työpajan idea").pk
    for item in (hidden, elsewhere, "abc", ""):
        wrong = live_dot(server.url, path, item)
        assert (wrong.status_code, wrong.json()) == (
            400, {"error": "Sitä ideaa ei ole enää taululla."}), item
    assert Dot.objects.filter(participant__nickname="Sini").count() == 2
    assert not Dot.objects.filter(item_id__in=[hidden, elsewhere]).exists()

    # The facilitator's token holds no seat; forged tokens and other methods are refused.
    fac_path = fac.live_path(f"/tyopajat/{workshop.pk}/")
    assert live_dot(server.url, fac_path, first).status_code == 403
    forged = path.replace(path.split("/")[2], path.split("/")[2][:-1] + "x")
    assert live_dot(server.url, forged, first).status_code == 403
    assert requests.get(f"{server.url}/live/piste/", timeout=10).status_code == 405
    assert requests.post(f"{server.url}/live/piste/", data={"item": first},
                         timeout=10).status_code == 403
    huge = requests.post(f"{server.url}/live/piste/", data={"item": "1" * 5000}, timeout=10)
    assert huge.status_code == 413
    # Only add and remove; ids no table could hold are simply not on the board.
    assert live_dot(server.url, path, first, do="twice").status_code == 400
    assert live_dot(server.url, path, 10**25).json() == {
        "error": "Sitä ideaa ei ole enää taululla."}
    # The token travels in the body, never in an address that access logs keep.
    page = sini.get(f"/w/{workshop.code}/").text
    token = re.search(r'data-token="([^"]+)"', page).group(1)
    assert 'data-vote="/live/piste/"' in page and "piste" not in token
    assert live.read_token(token) == live.read_token(path.split("/")[2])
    assert Dot.objects.filter(workshop=workshop).count() == 2


def test_a_burst_of_dots_from_one_seat_stops_at_the_allowance(world, workshop, server):
    """Ten taps sent at once to the live endpoint: exactly the allowance (3) is stored, at
    most 2 on one item, and every dot acknowledged is stored."""
    from concurrent.futures import ThreadPoolExecutor

    sini = join(server.url, workshop, "Sini")
    items = [post(sini, workshop, text) for text in ("Kahvit", "Hiljaisuus")]
    fac = Visitor(server.url, world.developer)
    fac.live_path(f"/tyopajat/{workshop.pk}/")
    facilitate(fac, workshop, "vaihe/", {"phase": "vote", "seen": "ideate"})
    path = sini.live_path(f"/w/{workshop.code}/")
    with ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(lambda i: live_dot(server.url, path, items[i % 2]), range(10)))
    accepted = [a for a in answers if a.status_code == 200]
    assert len(accepted) == 3
    assert sorted(a.json()["left"] for a in accepted) == [0, 1, 2]
    assert {a.status_code for a in answers} == {200, 400}
    stored = list(Dot.objects.filter(workshop=workshop).values_list("item_id", flat=True))
    assert len(stored) == 3 and max(stored.count(i) for i in items) <= 2


def test_the_clock_decides_until_when_dots_are_taken(world, workshop, server):
    sini = join(server.url, workshop, "Sini")
    item = post(sini, workshop, "Kahvit ennen palaveria")
    merged = post(sini, workshop, "Kahvia ennen palaveria")
    fac = Visitor(server.url, world.developer)
    fac.live_path(f"/tyopajat/{workshop.pk}/")  # the control room sets the CSRF cookie
    facilitate(fac, workshop, f"kohteet/{merged}/", {"do": "merge", "into": item})
    facilitate(fac, workshop, "vaihe/", {"phase": "vote", "seen": "ideate"})
    path = sini.live_path(f"/w/{workshop.code}/")
    assert live_dot(server.url, path, merged).json() == {
        "error": "Sitä ideaa ei ole enää taululla."}  # merged into another
    # With time left on the clock (stored and compared as the database keeps times).
    Workshop.objects.filter(pk=workshop.pk).update(
        phase_ends_at=timezone.now() + timedelta(minutes=5))
    assert live_dot(server.url, path, item).json() == {"ok": True, "left": 2}
    Workshop.objects.filter(pk=workshop.pk).update(
        phase_ends_at=timezone.now() - timedelta(seconds=1))
    for do in ("add", "remove"):
        late = live_dot(server.url, path, item, do=do, lang="en")
        assert (late.status_code, late.json()["error"]) == (
            400, "Time is up: voting has closed. Your dots are saved.")
    assert Dot.objects.filter(workshop=workshop).count() == 1


def test_an_expired_token_gets_no_seat(world, workshop, server, monkeypatch):
    sini = join(server.url, workshop, "Sini")
    item = post(sini, workshop, "Kahvit ennen palaveria")
    actions.set_phase(workshop, "vote", by=world.developer)
    path = sini.live_path(f"/w/{workshop.code}/")
    monkeypatch.setattr(live, "TOKEN_MAX_AGE", -1)  # every signature is now too old
    assert live_dot(server.url, path, item).status_code == 403
    with EventStream(server.url, path + "?after=0") as stream:
        assert stream.status == 403
    monkeypatch.setattr(live, "TOKEN_MAX_AGE", 60)
    assert live_dot(server.url, path, item).status_code == 200


def board_after(events) -> dict:
    """What a board shows after applying the events in order (as workshop.js does)."""
    board = {"items": {}, "phase": None, "clusters": {}}
    for _seq, kind, data in events:
        if kind == "item":
            board["items"][data["id"]] = data
        elif kind == "remove":
            board["items"].pop(data["id"], None)
        elif kind == "phase":
            board["phase"] = data
        elif kind == "cluster":
            board["clusters"][data["id"]] = data["title"]
    return board


def test_polling_returns_what_the_stream_sent(world, workshop, server):
    sini, timo = join(server.url, workshop, "Sini"), join(server.url, workshop, "Timo")
    fac = Visitor(server.url, world.developer)
    seat_path = sini.live_path(f"/w/{workshop.code}/") + "?after=0"
    desk_path = fac.live_path(f"/tyopajat/{workshop.pk}/") + "?after=0"
    with EventStream(server.url, seat_path) as seat, EventStream(server.url, desk_path) as desk:
        kept = post(sini, workshop, "Pyörille katos")
        gone = post(timo, workshop, "Poistettava")
        assert timo.post(f"/w/{workshop.code}/ideat/{kept}/plus/", {"on": "1"}).ok
        assert timo.post(f"/w/{workshop.code}/ideat/{kept}/kommentti/",
                         {"text": "Ja laturi"}).ok
        facilitate(fac, workshop, f"kohteet/{gone}/", {"do": "hide"})
        facilitate(fac, workshop, "vaihe/", {"phase": "vote", "seen": "ideate"})
        dot(sini, workshop, kept)
        facilitate(fac, workshop, "paljasta/", {"on": "1"})
        last = Workshop.objects.get(pk=workshop.pk).seq
        desk.wait_for(lambda e: e.id == last, SOON)
        seat.wait_for(lambda e: e.id == last, SOON)
        seat.wait_for(lambda e: e.kind == "totals" and e.data == {str(kept): 1}, SOON)
        desk.wait_for(lambda e: e.kind == "totals" and e.data == {str(kept): 1}, SOON)

    # An item's log is compacted to its latest event (so hidden or edited text cannot be read
    # back): the stream may have carried states that polling no longer returns, but both must
    # leave the same board behind, and polling must return nothing the stream did not send.
    for person, stream in ((sini, seat), (fac, desk)):
        sent = [(e.id, e.kind, e.data) for e in stream.events if e.id is not None]
        for after in (0, 3):
            polled = person.get(f"/w/{workshop.code}/tapahtumat/?after={after}").json()
            replayed = [(e["seq"], e["kind"], e["data"]) for e in polled["events"]]
            assert set(map(repr, replayed)) <= set(map(repr, sent))
            assert board_after(replayed) == board_after([s for s in sent if s[0] > after])
            assert polled["seq"] == sent[-1][0]
            assert polled["totals"] == [e.data for e in stream.events if e.kind == "totals"][-1]
    assert len(desk.events) > len(seat.events)  # the facilitator-only ones


# --- several servers --------------------------------------------------------------------------

@pytest.fixture
def redis_url():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1, socket_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        message = f"Redis is not reachable at {REDIS_URL}: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    yield client
    client.close()


def subscribers(client) -> int:
    return dict(client.pubsub_numsub(live.channel())).get(live.channel().encode(), 0)


def wait_for_subscribers(client, count):
    """The servers subscribe when their first stream opens; wait until Redis has them."""
    deadline = time.monotonic() + 10
    while subscribers(client) < count:
        assert time.monotonic() < deadline, f"{subscribers(client)} of {count} subscribed"
        time.sleep(0.02)


def connect(base, path, expect_text) -> EventStream:
    """Open a stream and wait for its first round to have passed (it brings `expect_text`), so
    that what comes later was woken by something else."""
    stream = EventStream(base, path)
    stream.wait_for(is_item(expect_text), 5)
    return stream


@pytest.mark.xdist_group("live-redis")
def test_redis_carries_changes_between_servers(world, workshop, settings, monkeypatch, redis_url):
    settings.REDIS_URL = REDIS_URL
    settings.LIVE_TAIL_SECONDS = 30
    monkeypatch.setattr(live, "_redis_publisher", None)  # a previous test's URL
    before = subscribers(redis_url)
    with thread_server() as a, process_server(redis_url=REDIS_URL, tail_seconds=30) as b:
        sini, timo = join(a.url, workshop, "Sini"), join(a.url, workshop, "Timo")
        fac = Visitor(a.url, world.developer)
        seat_path = sini.live_path(f"/w/{workshop.code}/") + "?after=0"
        desk_path = fac.live_path(f"/tyopajat/{workshop.pk}/") + "?after=0"
        post(sini, workshop, "Alku")
        with connect(b.url, seat_path, "Alku") as on_b, \
                connect(b.url, desk_path, "Alku") as desk_on_b:
            wait_for_subscribers(redis_url, before + 1)
            with connect(a.url, seat_path, "Alku") as on_a:
                wait_for_subscribers(redis_url, before + 2)

                item = post(timo, workshop, "Tehty palvelimella A")
                on_b.wait_for(is_item("Tehty palvelimella A"), SOON)
                # The other way: the same session (cookies are per host, not per port).
                post(sini, workshop, "Tehty palvelimella B", base=b.url)
                on_a.wait_for(is_item("Tehty palvelimella B"), SOON)

                facilitate(fac, workshop, "vaihe/", {"phase": "vote", "seen": "ideate"})
                on_b.wait_for(lambda e: e.kind == "phase" and e.data["phase"] == "vote", SOON)
                dot(sini, workshop, item)  # dots wake hubs too, without an event row
                desk_on_b.wait_for(lambda e: e.kind == "totals" and e.data == {str(item): 1},
                                   SOON)


@pytest.mark.xdist_group("live-redis")
def test_with_redis_down_servers_tail_the_database(world, workshop, settings, monkeypatch):
    refusing = socket.socket()  # bound, never listening: connections are refused
    refusing.bind(("127.0.0.1", 0))
    down = f"redis://127.0.0.1:{refusing.getsockname()[1]}/15"
    settings.REDIS_URL = down
    settings.LIVE_TAIL_SECONDS = 1
    monkeypatch.setattr(live, "_redis_publisher", None)
    tail = 2.5
    try:
        with thread_server() as a, process_server(redis_url=down, tail_seconds=1) as b:
            sini, timo = join(a.url, workshop, "Sini"), join(a.url, workshop, "Timo")
            fac = Visitor(a.url, world.developer)
            seat_path = sini.live_path(f"/w/{workshop.code}/") + "?after=0"
            desk_path = fac.live_path(f"/tyopajat/{workshop.pk}/") + "?after=0"
            post(sini, workshop, "Alku")
            with connect(b.url, seat_path, "Alku") as on_b, \
                    connect(b.url, desk_path, "Alku") as desk_on_b, \
                    connect(a.url, seat_path, "Alku") as on_a:
                item = post(timo, workshop, "Redis on alhaalla")
                on_b.wait_for(is_item("Redis on alhaalla"), tail)
                post(sini, workshop, "Silti perillä", base=b.url)
                on_a.wait_for(is_item("Silti perillä"), tail)
                facilitate(fac, workshop, "vaihe/", {"phase": "vote", "seen": "ideate"})
                dot(sini, workshop, item)
                desk_on_b.wait_for(lambda e: e.kind == "totals" and e.data == {str(item): 1},
                                   tail)
        assert Item.objects.filter(workshop=workshop).count() == 3
    finally:
        refusing.close()
