"""Live workshops: joining, posting, moderating, voting, results and taking ideas forward."""

import csv
import html
import io
import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from tests.conftest import login
from tuuma.ideas.models import Idea
from tuuma.workshops import actions
from tuuma.workshops.models import Dot, Event, Item, Participant, Phase, Workshop


@pytest.fixture
def workshop(world):
    return actions.create_workshop(
        world.org, by=world.developer, title="Aamujen työpaja",
        prompts=["Miten aamuista tulisi rauhallisempia?", "Mitä lopettaisimme?"],
        dots_per_participant=3, max_dots_per_item=2, anonymous=False)


def join(workshop, nickname="Sini") -> Client:
    client = Client()
    response = client.post(f"/w/{workshop.code}/", {"nickname": nickname})
    assert response.status_code == 302
    return client


def post(client, workshop, text, prompt=None):
    prompt = prompt or workshop.prompts.first()
    return client.post(f"/w/{workshop.code}/ideat/", {"text": text, "prompt": prompt.pk},
                       HTTP_ACCEPT="application/json")


def test_create_gives_a_readable_code_and_the_developer_facilitates(world, workshop):
    assert len(workshop.code) == 6
    assert not set(workshop.code) & set("01OIL")
    page = login(world.developer).get(f"/tyopajat/{workshop.pk}/")
    assert page.status_code == 200
    assert workshop.code in page.content.decode()
    assert login(world.developer).get(f"/tyopajat/{workshop.pk}/qr.svg")["Content-Type"] \
        == "image/svg+xml"


def test_create_form_keeps_what_was_typed_on_error(world):
    client = login(world.developer)
    response = client.post("/o/testila/tyopajat/uusi/", {
        "title": "Strategiapaja", "prompts": "", "dots_per_participant": 5,
        "max_dots_per_item": 9})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Strategiapaja" in body
    assert not Workshop.objects.filter(title="Strategiapaja").exists()


def test_employee_without_role_cannot_create(world):
    response = login(world.employee).post("/o/testila/tyopajat/uusi/", {
        "title": "X", "prompts": "Kysymys", "dots_per_participant": 5, "max_dots_per_item": 2})
    assert response.status_code == 403


def test_join_by_code_typed_loosely(world, workshop):
    client = Client()
    loose = workshop.code.lower()[:3] + "-" + workshop.code.lower()[3:]
    response = client.get("/liity/", {"koodi": loose})
    assert response.status_code == 302
    assert response["Location"] == f"/w/{workshop.code}/"
    page = client.get(response["Location"])
    assert "Liity työpajaan" in page.content.decode() or page.status_code == 200


@pytest.mark.parametrize("case", ["wrong", "expired", "closed"])
def test_bad_join_codes_get_a_clear_message(world, workshop, case):
    code = workshop.code
    if case == "wrong":
        code = "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY"
    elif case == "expired":
        Workshop.objects.filter(pk=workshop.pk).update(
            code_expires_at=timezone.now() - timedelta(minutes=1))
    else:
        actions.set_phase(workshop, Phase.CLOSED, by=world.developer)
    response = Client().get("/liity/", {"koodi": code})
    assert response.status_code == 400
    text = response.content.decode()
    expected = {"wrong": "Tällä koodilla ei löydy työpajaa",
                "expired": "Liittymiskoodi on vanhentunut",
                "closed": "Työpaja on päättynyt"}[case]
    assert expected in text
    board = Client().get(f"/w/{code}/")
    assert board.status_code in (403, 404, 410)
    assert expected in board.content.decode()


def test_guessing_join_codes_is_slowed_down_per_address(world, workshop, settings):
    settings.WORKSHOP_WRONG_CODES = 3
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for wrong in ("AAAAAA", "BBBBBB"):
        assert guesser.get("/liity/", {"koodi": wrong}).status_code == 400
    assert guesser.get("/w/CCCCCC/").status_code == 404  # the board address counts too
    # Spent: even the right code gets a clear message and nothing about the workshop.
    response = guesser.get("/liity/", {"koodi": workshop.code})
    assert response.status_code == 429
    assert "Liian monta väärää koodia" in response.content.decode()
    board = guesser.get(f"/w/{workshop.code}/")
    assert board.status_code == 429 and workshop.title not in board.content.decode()
    # Other people (another address) join as usual.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.get("/liity/", {"koodi": workshop.code}).status_code == 302


def test_members_only_workshop_needs_sign_in_and_membership(world, workshop):
    workshop.members_only = True
    workshop.save()
    assert Client().get(f"/w/{workshop.code}/").status_code == 403
    assert login(world.outsider).get(f"/w/{workshop.code}/").status_code == 403
    assert login(world.employee).get(f"/w/{workshop.code}/").status_code == 200


def test_post_plus_comment_and_the_board_shows_them(world, workshop):
    sini, timo = join(workshop, "Sini"), join(workshop, "Timo")
    assert post(sini, workshop, "Kahvit ennen palaveria").status_code == 200
    item = Item.objects.get(text="Kahvit ennen palaveria")
    assert timo.post(f"/w/{workshop.code}/ideat/{item.pk}/plus/", {"on": "1"}).status_code == 302
    timo.post(f"/w/{workshop.code}/ideat/{item.pk}/plus/", {"on": "1"})  # twice = once
    timo.post(f"/w/{workshop.code}/ideat/{item.pk}/kommentti/", {"text": "Kyllä!"})
    item.refresh_from_db()
    assert (item.plus_count, item.comment_count) == (1, 1)
    page = timo.get(f"/w/{workshop.code}/").content.decode()
    assert "Kahvit ennen palaveria" in page and "Kyllä!" in page and "Sini" in page


def test_rejected_post_keeps_the_text_without_javascript(world, workshop):
    sini = join(workshop)
    long_text = "pitkä " * 120
    response = sini.post(f"/w/{workshop.code}/ideat/",
                         {"text": long_text, "prompt": workshop.prompts.first().pk})
    assert response.status_code == 400
    assert long_text.strip()[:50] in response.content.decode()
    empty = sini.post(f"/w/{workshop.code}/ideat/", {"text": " ",
                                                     "prompt": workshop.prompts.first().pk},
                      HTTP_ACCEPT="application/json")
    assert empty.status_code == 400 and "Kirjoita" in empty.json()["error"]


def test_dot_allowance_and_per_item_limit(world, workshop):
    sini = join(workshop)
    post(sini, workshop, "Yksi")
    post(sini, workshop, "Kaksi")
    one, two = Item.objects.order_by("pk")
    early = sini.post(f"/w/{workshop.code}/ideat/{one.pk}/piste/", {"do": "add"},
                      HTTP_ACCEPT="application/json")
    assert early.status_code == 400 and "Äänestys" in early.json()["error"]
    actions.set_phase(workshop, Phase.VOTE, by=world.developer)

    def dot(item, do="add"):
        return sini.post(f"/w/{workshop.code}/ideat/{item.pk}/piste/", {"do": do},
                         HTTP_ACCEPT="application/json")

    assert dot(one).json()["left"] == 2
    assert dot(one).json()["left"] == 1
    third = dot(one)
    assert third.status_code == 400 and "Enintään 2" in third.json()["error"]
    assert dot(two).json()["left"] == 0
    assert dot(two).status_code == 400
    assert dot(one, "remove").json()["left"] == 1
    assert Dot.objects.count() == 2


def test_participants_never_see_totals_until_revealed(world, workshop):
    sini = join(workshop)
    post(sini, workshop, "Näkyykö pisteet")
    item = Item.objects.get()
    actions.set_phase(workshop, Phase.VOTE, by=world.developer)
    sini.post(f"/w/{workshop.code}/ideat/{item.pk}/piste/", {"do": "add"})
    polled = sini.get(f"/w/{workshop.code}/tapahtumat/?after=0").json()
    assert "totals" not in polled
    fac = login(world.developer).get(f"/w/{workshop.code}/tapahtumat/?after=0").json()
    assert fac["totals"] == {str(item.pk): 1}
    actions.reveal(workshop, by=world.developer)
    assert sini.get(f"/w/{workshop.code}/tapahtumat/?after=0").json()["totals"] == \
        {str(item.pk): 1}


def test_hidden_items_never_reach_participants(world, workshop):
    sini = join(workshop)
    post(sini, workshop, "Asiaton kommentti pomosta")
    item = Item.objects.get()
    actions.moderate(workshop, item.pk, by=world.developer, hidden=True)
    other = join(workshop, "Ville")
    page = other.get(f"/w/{workshop.code}/").content.decode()
    assert "Asiaton kommentti" not in page
    polled = other.get(f"/w/{workshop.code}/tapahtumat/?after=0").json()["events"]
    # The post itself went out before it was hidden; then a removal, and nothing after it.
    kinds = [(e["kind"], e["data"].get("id")) for e in polled]
    assert kinds[-1] == ("remove", item.pk)
    assert all("Asiaton" not in json.dumps(e) for e in polled if e["seq"] > kinds.index(
        ("remove", item.pk)))
    fac = login(world.developer).get(f"/w/{workshop.code}/tapahtumat/?after=0").json()
    assert any(e["kind"] == "item" and e["data"]["hidden"] for e in fac["events"])


def test_anonymous_workshop_names_nobody(world):
    workshop = actions.create_workshop(world.org, by=world.developer, title="Anonyymi",
                                       prompts=["Mikä mättää?"], anonymous=True)
    sini = Client()
    sini.force_login(world.employee, backend="django.contrib.auth.backends.ModelBackend")
    sini.post(f"/w/{workshop.code}/", {"nickname": "Salainen Sini"})
    post(sini, workshop, "Liikaa palavereja")
    item = Item.objects.get()
    sini.post(f"/w/{workshop.code}/ideat/{item.pk}/kommentti/", {"text": "Samaa mieltä"})
    other = join(workshop, "Ville")
    for client in (other, login(world.developer)):
        for url in (f"/w/{workshop.code}/", f"/tyopajat/{workshop.pk}/",
                    f"/w/{workshop.code}/tapahtumat/?after=0"):
            body = client.get(url).content.decode()
            assert "Salainen Sini" not in body and "Eeva" not in body
    idea = actions.promote(workshop, item.pk, by=world.developer)
    assert idea.author == world.developer and not idea.coauthors.exists()
    assert "Eeva" not in idea.problem + idea.proposal
    csv_text = login(world.developer).get(f"/tyopajat/{workshop.pk}/tulokset.csv").content
    assert b"Salainen" not in csv_text


def test_two_facilitators_changing_phase_at_once_leave_one_state(world, workshop):
    workshop.facilitators.add(world.admin)
    first = login(world.developer).post(f"/tyopajat/{workshop.pk}/vaihe/",
                                        {"phase": "vote", "seen": "ideate"})
    second = login(world.admin).post(f"/tyopajat/{workshop.pk}/vaihe/",
                                     {"phase": "group", "seen": "ideate"},
                                     HTTP_ACCEPT="application/json")
    assert first.status_code == 302
    assert second.status_code == 400 and "Äänestys" in second.json()["error"]
    workshop.refresh_from_db()
    assert workshop.phase == Phase.VOTE
    assert Event.objects.filter(workshop=workshop, kind="phase").count() == 1


def test_merge_moves_plus_ones_and_dots(world, workshop):
    a, b = join(workshop, "A"), join(workshop, "B")
    post(a, workshop, "Tilavaraukset yhteen kalenteriin")
    post(b, workshop, "Yhteinen kalenteri tilojen varaamiseen")
    first, second = Item.objects.order_by("pk")
    b.post(f"/w/{workshop.code}/ideat/{first.pk}/plus/", {"on": "1"})
    a.post(f"/w/{workshop.code}/ideat/{second.pk}/plus/", {"on": "1"})
    page = login(world.developer).get(f"/tyopajat/{workshop.pk}/").content.decode()
    assert f"Yhdistä #{first.pk}:een" in page or f"#{first.pk}" in page  # duplicate suggestion
    into = actions.merge(workshop, second.pk, first.pk, by=world.developer)
    assert into.plus_count == 2
    assert "Yhteinen kalenteri" in into.text
    assert not Item.objects.get(pk=second.pk).on_board


def test_duplicate_suggestions_use_finnish_analysis(world, workshop):
    a = join(workshop, "A")
    post(a, workshop, "Tilavaraukset yhteen kalenteriin")
    post(a, workshop, "Tilojen varaus yhdestä kalenterista")
    post(a, workshop, "Pyöräparkki henkilökunnalle")
    page = login(world.developer).get(f"/tyopajat/{workshop.pk}/").content.decode()
    first, second, third = Item.objects.order_by("pk")
    assert page.count("Saattaa olla sama kuin") == 2
    assert f"Yhdistä #{third.pk}" not in page


def test_promote_keeps_provenance_and_names_a_signed_in_participant(world, workshop):
    seat = Client()
    seat.force_login(world.employee, backend="django.contrib.auth.backends.ModelBackend")
    seat.post(f"/w/{workshop.code}/", {"nickname": ""})
    post(seat, workshop, "Etätyöpäivä perjantaisin")
    item = Item.objects.get()
    actions.set_phase(workshop, Phase.VOTE, by=world.developer)
    seat.post(f"/w/{workshop.code}/ideat/{item.pk}/piste/", {"do": "add"})
    response = login(world.developer).post(f"/tyopajat/{workshop.pk}/kohteet/{item.pk}/",
                                           {"do": "promote"})
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert idea.title == "Etätyöpäivä perjantaisin"
    assert "Aamujen työpaja" in idea.problem and "1 pistettä" in idea.problem
    assert list(idea.coauthors.all()) == [world.employee]
    assert Item.objects.get().idea == idea
    again = login(world.developer).post(f"/tyopajat/{workshop.pk}/kohteet/{item.pk}/",
                                        {"do": "promote"}, HTTP_ACCEPT="application/json")
    assert again.status_code == 400
    assert Idea.objects.count() == 1


def test_exports(world, workshop):
    a = join(workshop, "A")
    post(a, workshop, "=HYPERLINK(\"http://x\")")
    post(a, workshop, "Äänestetään ääkkösillä")
    client = login(world.developer)
    rows = list(csv.reader(io.StringIO(
        client.get(f"/tyopajat/{workshop.pk}/tulokset.csv").content.decode("utf-8-sig")),
        delimiter=";"))
    assert rows[0][0] == "Sija"
    texts = [r[3] for r in rows[1:]]
    assert "Äänestetään ääkkösillä" in texts and "'=HYPERLINK(\"http://x\")" in texts
    pdf = client.get(f"/tyopajat/{workshop.pk}/tulokset.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_participant_cannot_act_as_facilitator(world, workshop):
    sini = join(workshop)
    post(sini, workshop, "Hei")
    item = Item.objects.get()
    for url, data in [(f"/tyopajat/{workshop.pk}/vaihe/", {"phase": "vote"}),
                      (f"/tyopajat/{workshop.pk}/kohteet/{item.pk}/", {"do": "hide"}),
                      (f"/tyopajat/{workshop.pk}/paljasta/", {"on": "1"})]:
        assert sini.post(url, data).status_code in (302, 404)
        assert sini.post(url, data).status_code != 200
    workshop.refresh_from_db()
    assert workshop.phase == Phase.IDEATE and not Item.objects.get().hidden


def test_time_limit_closes_posting(world, workshop):
    workshop.phase_ends_at = timezone.now() - timedelta(seconds=1)
    workshop.save()
    seat = Participant.objects.create(workshop=workshop)
    with pytest.raises(ValidationError):
        actions.post_item(workshop, seat, text="Myöhässä", prompt_id=workshop.prompts.first().pk)


def test_join_refused_for_closed(world, workshop):
    actions.set_phase(workshop, Phase.CLOSED, by=world.developer)
    with pytest.raises(PermissionDenied):
        actions.join(workshop, user=world.employee)


def test_peer_group_sessions_are_for_members_and_keep_notes(world):
    client = login(world.developer)
    response = client.post("/o/testila/vertaisryhmat/uusi/", {
        "name": "Uusien esihenkilöiden ryhmä", "description": "Kuukausittain",
        "member_emails": "eeva@testila.fi\nolli@muuala.fi"})
    assert response.status_code == 400  # the outsider is not a member of the organization
    assert "olli@muuala.fi" in response.content.decode()
    assert "Uusien esihenkilöiden ryhmä" in response.content.decode()
    response = client.post("/o/testila/vertaisryhmat/uusi/", {
        "name": "Uusien esihenkilöiden ryhmä", "member_emails": "eeva@testila.fi"})
    group = world.org.peer_groups.get()
    assert response["Location"] == f"/vertaisryhmat/{group.pk}/"
    response = client.post(f"/vertaisryhmat/{group.pk}/tapaaminen/", {
        "title": "Tapaaminen 1", "prompts": "Mikä askarruttaa?", "dots_per_participant": 3,
        "max_dots_per_item": 3, "meets_on": "2026-12-01"})
    session = Workshop.objects.get(group=group)
    assert response["Location"] == f"/tyopajat/{session.pk}/" and session.members_only
    # A member joins; a colleague outside the group and an anonymous visitor cannot.
    assert login(world.employee).get(f"/w/{session.code}/").status_code == 200
    assert login(world.coworker).get(f"/w/{session.code}/").status_code == 403
    assert Client().get(f"/w/{session.code}/").status_code == 403
    # Members see the group; a colleague outside it does not.
    assert login(world.employee).get(f"/vertaisryhmat/{group.pk}/").status_code == 200
    assert login(world.coworker).get(f"/vertaisryhmat/{group.pk}/").status_code == 404
    assert login(world.employee).get(f"/vertaisryhmat/{group.pk}/tapaaminen/").status_code \
        == 403
    client.post(f"/tyopajat/{session.pk}/muistiinpanot/", {"notes": "Sovittiin kokeilusta."})
    page = login(world.employee).get(f"/vertaisryhmat/{group.pk}/").content.decode()
    assert "Sovittiin kokeilusta." in page and "Tapaaminen 1" in page


def test_anonymity_cannot_be_switched_off_once_people_joined(world):
    workshop = actions.create_workshop(world.org, by=world.developer, title="Anonyymi",
                                       prompts=["Mikä mättää?"], anonymous=True)
    join(workshop)
    response = login(world.developer).post(f"/tyopajat/{workshop.pk}/asetukset/", {
        "title": "Anonyymi", "prompts": "Mikä mättää?", "dots_per_participant": 5,
        "max_dots_per_item": 3, "anonymous": ""})
    assert response.status_code == 400
    workshop.refresh_from_db()
    assert workshop.anonymous


def test_projector_view_follows_reveal(world, workshop):
    a = join(workshop)
    post(a, workshop, "Projektorille näkyvä idea")
    item = Item.objects.get()
    actions.set_phase(workshop, Phase.VOTE, by=world.developer)
    a.post(f"/w/{workshop.code}/ideat/{item.pk}/piste/", {"do": "add"})
    client = login(world.developer)
    page = client.get(f"/tyopajat/{workshop.pk}/projektori/").content.decode()
    assert "Projektorille näkyvä idea" in page and "1 piste" not in page
    actions.reveal(workshop, by=world.developer)
    page = client.get(f"/tyopajat/{workshop.pk}/projektori/").content.decode()
    assert "1 piste" in page


# --- the phase clock --------------------------------------------------------------------------

def _fi(message, **values):
    """The message as a participant reads it (Finnish, or English until it is translated)."""
    with translation.override("fi"):
        return gettext(message) % values if values else gettext(message)


def clock(client, workshop, do, seen=None, **headers):
    return client.post(f"/tyopajat/{workshop.pk}/kello/",
                       {"do": do, "seen": seen or workshop.phase}, **headers)


@pytest.fixture
def timed(world):
    """Prepared ahead of the day, with ten minutes for ideas and five for voting."""
    return actions.create_workshop(
        world.org, by=world.developer, title="Ajastettu paja", prompts=["Mikä mättää?"],
        ideate_minutes=10, vote_minutes=5, dots_per_participant=3, max_dots_per_item=2)


def test_a_workshop_prepared_ahead_waits_for_the_facilitator_to_start_the_clock(world, timed):
    Workshop.objects.filter(pk=timed.pk).update(created_at=timezone.now() - timedelta(days=1))
    timed.refresh_from_db()
    assert timed.phase == Phase.IDEATE and timed.phase_ends_at is None
    sini = join(timed)
    assert post(sini, timed, "Ehtiikö vielä?").status_code == 200
    page = login(world.developer).get(f"/tyopajat/{timed.pk}/").content.decode()
    assert 'name="do" value="start"' in page and 'value="extend"' not in page
    board = sini.get(f"/w/{timed.code}/").content.decode()
    assert re.search(r"<span data-clock hidden>", board)


def test_start_extend_and_stop_the_clock_reach_every_screen(world, timed):
    sini = join(timed)
    fac = login(world.developer)
    before = timezone.now()
    response = clock(fac, timed, "start")
    assert response.status_code == 302 and response["Location"].endswith("#h-phase")
    timed.refresh_from_db()
    started = timed.phase_ends_at
    assert before + timedelta(minutes=10) - timedelta(seconds=2) <= started \
        <= timezone.now() + timedelta(minutes=10)
    events = sini.get(f"/w/{timed.code}/tapahtumat/?after=0").json()["events"]
    phase = [e for e in events if e["kind"] == "phase"][-1]["data"]
    assert phase["phase"] == "ideate" and phase["ends_at"] == started.isoformat()
    assert f'datetime="{timezone.localtime(started).isoformat()}"' in \
        sini.get(f"/w/{timed.code}/").content.decode()
    page = fac.get(f"/tyopajat/{timed.pk}/").content.decode()
    assert 'value="extend"' in page and 'value="stop"' in page and 'value="start"' not in page
    assert clock(fac, timed, "extend").status_code == 302
    timed.refresh_from_db()
    assert timed.phase_ends_at == started + timedelta(minutes=5)
    assert post(sini, timed, "Vielä ehtii").status_code == 200
    assert clock(fac, timed, "stop").status_code == 302
    timed.refresh_from_db()
    assert timed.phase_ends_at is None
    events = sini.get(f"/w/{timed.code}/tapahtumat/?after=0").json()["events"]
    assert [e["data"]["ends_at"] for e in events if e["kind"] == "phase"][-1] is None


def test_a_paused_clock_keeps_its_time_and_refuses_nothing_until_it_runs_again(world, timed):
    sini = join(timed)
    fac = login(world.developer)
    clock(fac, timed, "start")
    Workshop.objects.filter(pk=timed.pk).update(
        phase_ends_at=timezone.now() + timedelta(minutes=4, seconds=5))
    response = clock(fac, timed, "pause", follow=True)
    timed.refresh_from_db()
    assert timed.phase_ends_at is None and 4 * 60 + 3 <= timed.clock_paused_left <= 4 * 60 + 5
    left, paused = timed.clock_paused_text, timed.clock_paused_left
    assert left == f"{paused // 60}:{paused % 60:02d}"
    with translation.override("fi"):
        told = gettext("The clock is paused with %(left)s left. Nothing is refused for lack "
                       "of time until it runs again.") % {"left": left}
    assert html.escape(told) in response.content.decode()
    page = response.content.decode()
    assert 'value="resume"' in page and 'value="pause"' not in page and 'value="start"' not in page
    # Every screen hears of it; the phone shows the time left, standing still.
    events = sini.get(f"/w/{timed.code}/tapahtumat/?after=0").json()["events"]
    phase = [e for e in events if e["kind"] == "phase"][-1]["data"]
    assert phase["ends_at"] is None and phase["paused_left"] == timed.clock_paused_left
    board = sini.get(f"/w/{timed.code}/").content.decode()
    assert f"<span data-paused-left>{left}</span>" in board
    assert "<span data-clock hidden>" not in board
    # The time the clock had would have run out by now: nothing is refused while it stands.
    assert post(sini, timed, "Tauolla keksitty").status_code == 200
    # Five more minutes while paused go onto the time left.
    clock(fac, timed, "extend")
    timed.refresh_from_db()
    assert timed.clock_paused_left == paused + 5 * 60
    before = timezone.now().replace(microsecond=0)
    clock(fac, timed, "resume")
    timed.refresh_from_db()
    assert timed.clock_paused_left is None
    assert before + timedelta(minutes=9) <= timed.phase_ends_at \
        <= timezone.now() + timedelta(minutes=9, seconds=6)
    # Pausing a clock that has run out, or resuming one that runs, is refused in words.
    Workshop.objects.filter(pk=timed.pk).update(
        phase_ends_at=timezone.now() - timedelta(seconds=1))
    late = clock(fac, timed, "pause", HTTP_ACCEPT="application/json")
    assert (late.status_code, late.json()["error"]) == (
        400, _fi("Time is already up: give more time or stop the clock."))
    running = clock(fac, timed, "resume", HTTP_ACCEPT="application/json")
    assert (running.status_code, running.json()["error"]) == (
        400, _fi("The clock is not paused."))
    # Stopping or moving on clears a pause.
    clock(fac, timed, "extend")
    clock(fac, timed, "pause")
    timed.refresh_from_db()
    assert timed.clock_paused_left is not None
    actions.set_phase(timed, Phase.VOTE, by=world.developer)
    timed.refresh_from_db()
    assert timed.clock_paused_left is None and timed.phase_ends_at is not None
    clock(fac, timed, "pause")
    clock(fac, timed, "stop")
    timed.refresh_from_db()
    assert timed.clock_paused_left is None and timed.phase_ends_at is None


def test_more_minutes_in_the_settings_go_onto_a_paused_clock(world, timed):
    fac = login(world.developer)
    clock(fac, timed, "start")
    clock(fac, timed, "pause")
    timed.refresh_from_db()
    paused = timed.clock_paused_left
    fac.post(f"/tyopajat/{timed.pk}/asetukset/", settings_form(timed, ideate_minutes=12))
    timed.refresh_from_db()
    assert timed.clock_paused_left == paused + 2 * 60 and timed.phase_ends_at is None
    fac.post(f"/tyopajat/{timed.pk}/asetukset/", settings_form(timed, ideate_minutes=""))
    timed.refresh_from_db()
    assert timed.clock_paused_left is None


def test_when_time_is_up_posting_is_refused_in_words_until_more_time_is_given(world, timed):
    sini = join(timed)
    fac = login(world.developer)
    clock(fac, timed, "start")
    Workshop.objects.filter(pk=timed.pk).update(
        phase_ends_at=timezone.now() - timedelta(seconds=1))
    late = post(sini, timed, "Myöhässä")
    assert late.status_code == 400
    message = _fi("Time is up: no more ideas, +1s or comments now. The facilitator can give "
                  "more time.")
    assert late.json()["error"] == message
    without_js = sini.post(f"/w/{timed.code}/ideat/",
                           {"text": "Myöhässä", "prompt": timed.prompts.first().pk})
    assert without_js.status_code == 400
    body = without_js.content.decode()
    assert html.escape(message) in body and "Myöhässä" in body  # the text typed is kept
    assert not Item.objects.filter(text="Myöhässä").exists()
    assert 'value="extend"' in fac.get(f"/tyopajat/{timed.pk}/").content.decode()
    clock(fac, timed, "extend")  # five minutes from now, not from the end that passed
    timed.refresh_from_db()
    assert timed.phase_ends_at > timezone.now() + timedelta(minutes=4)
    assert post(sini, timed, "Myöhässä").status_code == 200


def test_time_is_up_for_voting_too(world, timed):
    sini = join(timed)
    post(sini, timed, "Äänestettävä")
    item = Item.objects.get()
    actions.set_phase(timed, Phase.VOTE, by=world.developer)
    timed.refresh_from_db()
    assert timed.phase_ends_at is not None  # entering a timed phase starts its clock
    Workshop.objects.filter(pk=timed.pk).update(
        phase_ends_at=timezone.now() - timedelta(seconds=1))
    late = sini.post(f"/w/{timed.code}/ideat/{item.pk}/piste/", {"do": "add"},
                     HTTP_ACCEPT="application/json")
    assert late.status_code == 400
    assert late.json()["error"] == _fi("Time is up: voting has closed. Your dots are saved.")
    actions.set_phase(timed, Phase.GROUP, by=world.developer)
    timed.refresh_from_db()
    assert timed.phase_ends_at is None


def test_participants_cannot_touch_the_clock(world, timed):
    anonymous_seat = join(timed)
    member_seat = Client()
    member_seat.force_login(world.employee, backend="django.contrib.auth.backends.ModelBackend")
    member_seat.post(f"/w/{timed.code}/", {"nickname": ""})
    for client in (anonymous_seat, member_seat):
        for do in ("start", "extend", "pause", "resume", "stop"):
            response = clock(client, timed, do)
            assert response.status_code in (302, 404)
            if response.status_code == 302:
                assert response["Location"].startswith("/tili/kirjaudu/")
    timed.refresh_from_db()
    assert timed.phase_ends_at is None
    clock(login(world.developer), timed, "start")
    timed.refresh_from_db()
    running = timed.phase_ends_at
    for client in (anonymous_seat, member_seat):
        clock(client, timed, "stop")
    timed.refresh_from_db()
    assert timed.phase_ends_at == running


def test_the_clock_is_refused_where_it_means_nothing(world, workshop, timed):
    fac = login(world.developer)
    untimed = clock(fac, workshop, "start", HTTP_ACCEPT="application/json")
    assert untimed.status_code == 400
    assert untimed.json()["error"] == _fi(
        "Set a time limit for this phase in the settings first.")
    assert clock(fac, timed, "extend", HTTP_ACCEPT="application/json").status_code == 400
    stale = clock(fac, timed, "start", seen=Phase.VOTE, HTTP_ACCEPT="application/json")
    assert stale.status_code == 400
    actions.set_phase(timed, Phase.GROUP, by=world.developer)
    assert clock(fac, timed, "start", HTTP_ACCEPT="application/json").status_code == 400
    timed.refresh_from_db()
    assert timed.phase_ends_at is None


def settings_form(workshop, **fields):
    return {"title": workshop.title, "prompts": "Mikä mättää?", "dots_per_participant": 3,
            "max_dots_per_item": 2, "anonymous": "on", "ideate_minutes": 10,
            "vote_minutes": 5, **fields}


def test_editing_the_minutes_never_cuts_a_running_clock_silently(world, timed):
    fac = login(world.developer)
    clock(fac, timed, "start")
    timed.refresh_from_db()
    started = timed.phase_ends_at
    # More minutes: the running clock gets the difference.
    assert fac.post(f"/tyopajat/{timed.pk}/asetukset/",
                    settings_form(timed, ideate_minutes=15)).status_code == 302
    timed.refresh_from_db()
    assert timed.phase_ends_at == started + timedelta(minutes=5)
    # Fewer: the clock keeps its end, and the facilitator is told.
    response = fac.post(f"/tyopajat/{timed.pk}/asetukset/",
                        settings_form(timed, ideate_minutes=3), follow=True)
    timed.refresh_from_db()
    assert timed.phase_ends_at == started + timedelta(minutes=5)
    assert timed.ideate_minutes == 3
    with translation.override("fi"):
        end = date_format(timezone.localtime(timed.phase_ends_at), "TIME_FORMAT")
    told = _fi("Settings saved. The clock that is running still ends at %(time)s: the shorter "
               "time applies the next time the clock is started.", time=end)
    assert html.escape(told) in response.content.decode()
    # No limit any more: the clock stops, and the participants' countdowns with it.
    fac.post(f"/tyopajat/{timed.pk}/asetukset/", settings_form(timed, ideate_minutes=""))
    timed.refresh_from_db()
    assert timed.phase_ends_at is None
    last_phase = Event.objects.filter(workshop=timed, kind="phase").last()
    assert last_phase.payload["ends_at"] is None
    # Minutes set while the clock stands still do not start it.
    fac.post(f"/tyopajat/{timed.pk}/asetukset/", settings_form(timed, ideate_minutes=20))
    timed.refresh_from_db()
    assert timed.phase_ends_at is None


# --- results under their clusters -------------------------------------------------------------

@pytest.fixture
def voted(world):
    """One prompt's results: D 5 dots, C 4 (in "Pyöräily"), B 2 and A 1 (in "Kalenterit"),
    E none; a second prompt's F 1 (posted after A). Overall ranks D 1, C 2, B 3, A 4, F 5,
    E 6; the clusters by their totals: Pyöräily 4, Kalenterit 3, then the items in no cluster
    (D, E) — although D alone has more dots than either cluster."""
    ws = actions.create_workshop(
        world.org, by=world.developer, title="Tulospaja", prompts=["Mikä sujuu?", "Mitä muuta?"],
        dots_per_participant=5, max_dots_per_item=5, anonymous=True)
    first, second = ws.prompts.all()
    seats = [actions.join(ws, user=AnonymousUser()) for _ in range(3)]
    texts = {"A": "Yhteinen kalenteri", "B": "Kalenterin värit", "C": "Pyöräparkki",
             "D": "Kahvi ennen palaveria", "E": "Ei kukaan äänestä tätä"}
    items = {k: actions.post_item(ws, seats[0], text=t, prompt_id=first.pk)
             for k, t in texts.items()}
    items["F"] = actions.post_item(ws, seats[0], text="Toisen kysymyksen idea",
                                   prompt_id=second.pk)
    kalenterit = actions.save_cluster(ws, by=world.developer, title="Kalenterit",
                                      prompt_id=first.pk)
    pyoraily = actions.save_cluster(ws, by=world.developer, title="Pyöräily",
                                    prompt_id=first.pk)
    for key, cluster in (("A", kalenterit), ("B", kalenterit), ("C", pyoraily)):
        actions.moderate(ws, items[key].pk, by=world.developer, cluster_id=cluster.pk)
    actions.set_phase(ws, Phase.VOTE, by=world.developer)
    for key, seat, n in (("D", seats[0], 5), ("C", seats[1], 4), ("B", seats[2], 2),
                         ("A", seats[2], 1), ("F", seats[1], 1)):
        for _ in range(n):
            actions.vote(ws, seat, items[key].pk)
    actions.set_phase(ws, Phase.RESULTS, by=world.developer)
    ws.refresh_from_db()
    ws.items_by_key = {k: Item.objects.get(pk=v.pk) for k, v in items.items()}
    return ws


def headings(body, level):
    return [re.sub(r"<[^>]+>", "", h).split()[0] for h in re.findall(
        rf'<h{level} class="cluster-heading"[^>]*>(.*?)</h{level}>', body, re.S)]


LOOSE = "Not in a cluster"


def test_results_are_grouped_under_clusters_by_their_totals(world, voted):
    items = voted.items_by_key
    with translation.override("fi"):
        loose = gettext(LOOSE).split()[0]
    fac = login(world.developer)
    body = fac.get(f"/tyopajat/{voted.pk}/").content.decode()
    assert headings(body, 4) == ["Pyöräily", "Kalenterit", loose]
    assert re.search(r"Pyöräily <span class=\"cluster-total\">4 pistettä</span>", body)
    assert re.search(r"Kalenterit <span class=\"cluster-total\">3 pistettä</span>", body)
    order = [int(pk) for pk in re.findall(r'id="fitem-(\d+)"', body)]
    assert order == [items[k].pk for k in "CBADEF"]
    ranks = dict(re.findall(r'id="fitem-(\d+)">\s*<p class="item-rank">Sija (\d+)</p>', body))
    assert ranks == {str(items[k].pk): str(n) for k, n in zip("DCBAFE", [1, 2, 3, 4, 5, 6],
                                                               strict=True)}
    # The second prompt has no clusters: a plain ranked list without headings.
    second = body[body.index("Mitä muuta?"):]
    assert "cluster-heading" not in second


def test_participants_see_the_grouping_and_totals_only_after_the_reveal(world, voted):
    items = voted.items_by_key
    sini = join(voted, "Sini")
    page = sini.get(f"/w/{voted.code}/").content.decode()
    assert "cluster-heading" not in page and "cluster-total" not in page
    assert 'data-grouped="0"' in page
    order = [int(pk) for pk in re.findall(r'<li class="item" id="item-([1-9]\d*)"', page)]
    assert order == [items[k].pk for k in "ABCDEF"]  # as posted: no standings leak
    assert not re.search(r'data-field="rank">\d', page)
    actions.reveal(voted, by=world.developer)
    page = sini.get(f"/w/{voted.code}/").content.decode()
    assert 'data-grouped="1"' in page
    with translation.override("fi"):
        loose = gettext(LOOSE).split()[0]
    assert headings(page, 3) == ["Pyöräily", "Kalenterit", loose]
    assert re.search(r"Kalenterit <span class=\"cluster-total\" data-show=\"totals\">"
                     r"3 pistettä</span>", page)
    order = [int(pk) for pk in re.findall(r'<li class="item" id="item-([1-9]\d*)"', page)]
    assert order == [items[k].pk for k in "CBADEF"]
    ranks = dict(re.findall(r'id="item-(\d+)".*?data-field="rank">(\d+)<', page, re.S))
    assert ranks[str(items["D"].pk)] == "1" and ranks[str(items["C"].pk)] == "2"
    assert ranks[str(items["F"].pk)] == "5" and ranks[str(items["E"].pk)] == "6"


def test_projector_groups_only_once_revealed(world, voted):
    fac = login(world.developer)
    page = fac.get(f"/tyopajat/{voted.pk}/projektori/?osa=lauta").content.decode()
    assert "cluster-heading" not in page and "projector-total" not in page
    actions.reveal(voted, by=world.developer)
    page = fac.get(f"/tyopajat/{voted.pk}/projektori/?osa=lauta").content.decode()
    assert headings(page, 3)[:2] == ["Pyöräily", "Kalenterit"]
    assert re.search(r"Pyöräily <span class=\"projector-total\">4 pistettä</span>", page)
    assert page.index("Pyöräparkki") < page.index("Kalenterin värit") \
        < page.index("Yhteinen kalenteri") < page.index("Kahvi ennen palaveria")


def test_csv_rows_follow_the_clusters_with_their_totals(world, voted):
    items = voted.items_by_key
    rows = list(csv.reader(io.StringIO(
        login(world.developer).get(f"/tyopajat/{voted.pk}/tulokset.csv")
        .content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Sija", "Kysymys", "Ryhmä", "Idea"]
    body = [(r[0], r[2], r[3], r[4], r[9]) for r in rows[1:]]
    assert body == [
        ("2", "Pyöräily", items["C"].text, "4", "4"),
        ("3", "Kalenterit", items["B"].text, "2", "3"),
        ("4", "Kalenterit", items["A"].text, "1", "3"),
        ("1", "", items["D"].text, "5", ""),
        ("6", "", items["E"].text, "0", ""),
        ("5", "", items["F"].text, "1", ""),
    ]


def pdf_text(workshop) -> list[str]:
    """The PDF's text in reading order, from the flowables it is built of (exports.pdf_story)."""
    from reportlab.platypus import Paragraph, Table

    from tuuma.workshops import exports

    lines = []
    for flowable in exports.pdf_story(workshop):
        if isinstance(flowable, Paragraph):
            lines.append(flowable.getPlainText())
        elif isinstance(flowable, Table):
            lines += [" | ".join(c.getPlainText() if isinstance(c, Paragraph) else str(c)
                                 for c in row) for row in flowable._cellvalues]
    return lines


def test_pdf_groups_the_results_under_clusters(world, voted):
    response = login(world.developer).get(f"/tyopajat/{voted.pk}/tulokset.pdf")
    assert response.content.startswith(b"%PDF")
    with translation.override("fi"):
        lines = pdf_text(voted)
        loose = gettext(LOOSE)

        def heading(cluster, n):
            return ngettext("%(cluster)s – %(n)s dot", "%(cluster)s – %(n)s dots", n) % {
                "cluster": cluster, "n": n}
    start = lines.index("Mikä sujuu?")
    assert lines[start:start + 12] == [
        "Mikä sujuu?",
        heading("Pyöräily", 4), "Sija | Idea | Pisteet | +1", "2 | Pyöräparkki | 4 | 0",
        heading("Kalenterit", 3), "Sija | Idea | Pisteet | +1",
        "3 | Kalenterin värit | 2 | 0", "4 | Yhteinen kalenteri | 1 | 0",
        loose, "Sija | Idea | Pisteet | +1", "1 | Kahvi ennen palaveria | 5 | 0",
        "6 | Ei kukaan äänestä tätä | 0 | 0"]
    assert lines[start + 12:] == ["Mitä muuta?", "Sija | Idea | Pisteet | +1",
                                  "5 | Toisen kysymyksen idea | 1 | 0"]
    assert "13 pistettä" in lines[1]


# --- peer groups: looking back ----------------------------------------------------------------

@pytest.fixture
def group_session(world):
    from tuuma.workshops.models import PeerGroup

    group = PeerGroup.objects.create(organization=world.org, name="Esihenkilöiden ryhmä",
                                     created_by=world.developer)
    group.coaches.add(world.developer)
    group.members.add(world.employee)
    session = actions.create_workshop(
        world.org, by=world.developer, title="Tapaaminen 1", group=group, members_only=True,
        anonymous=False, prompts=["Mikä askarruttaa?"], notes="Sovittiin palautekierroksesta.")
    seat = actions.join(session, user=world.employee)
    kept = actions.post_item(session, seat, text="Palautekierros tiimissä",
                             prompt_id=session.prompts.get().pk)
    other = actions.post_item(session, seat, text="Mentorointi uusille",
                              prompt_id=session.prompts.get().pk)
    actions.set_phase(session, Phase.VOTE, by=world.developer)
    actions.vote(session, seat, kept.pk)
    actions.set_phase(session, Phase.RESULTS, by=world.developer)
    idea = actions.promote(session, kept.pk, by=world.developer)
    session.refresh_from_db()
    return group, session, idea, kept, other


def test_group_members_look_back_at_a_closed_session(world, group_session):
    group, session, idea, kept, other = group_session
    url = f"/vertaisryhmat/{group.pk}/tapaamiset/{session.pk}/"
    member = login(world.employee)
    assert url in member.get(f"/vertaisryhmat/{group.pk}/").content.decode()
    page = member.get(url).content.decode()
    assert "Mikä askarruttaa?" in page and "Sovittiin palautekierroksesta." in page
    assert "Palautekierros tiimissä" not in page  # results only once the session is closed
    actions.set_phase(session, Phase.CLOSED, by=world.developer)
    page = member.get(url).content.decode()
    assert page.index("Palautekierros tiimissä") < page.index("Mentorointi uusille")
    assert re.search(rf'id="ritem-{kept.pk}">\s*<p class="item-rank">Sija 1</p>', page)
    assert "1 piste" in page
    assert page.count(f'href="{idea.get_absolute_url()}"') == 2  # the list and the item
    assert f"/tyopajat/{session.pk}/" not in page.replace(url, "")  # no facilitator link
    assert login(world.developer).get(url).content.decode().count(
        f'href="/tyopajat/{session.pk}/"') == 1


def test_an_idea_the_viewer_may_not_see_is_named_without_a_link(world, group_session,
                                                                 monkeypatch):
    from tuuma.organizations.permissions import Action
    from tuuma.workshops import groups

    group, session, idea, kept, _other = group_session
    actions.set_phase(session, Phase.CLOSED, by=world.developer)
    real = groups.can
    monkeypatch.setattr(groups, "can", lambda user, action, obj: False
                        if action is Action.IDEA_VIEW else real(user, action, obj))
    page = login(world.employee).get(
        f"/vertaisryhmat/{group.pk}/tapaamiset/{session.pk}/").content.decode()
    assert idea.get_absolute_url() not in page
    assert "Palautekierros tiimissä" in page


def test_session_pages_stay_within_their_group(world, group_session, workshop):
    group, session, *_rest = group_session
    for client, url, status in [
        (login(world.coworker), f"/vertaisryhmat/{group.pk}/tapaamiset/{session.pk}/", 404),
        (login(world.outsider), f"/vertaisryhmat/{group.pk}/tapaamiset/{session.pk}/", 404),
        (Client(), f"/vertaisryhmat/{group.pk}/tapaamiset/{session.pk}/", 302),
        # an ordinary workshop, or a session, through a group it does not belong to
        (login(world.employee), f"/vertaisryhmat/{group.pk}/tapaamiset/{workshop.pk}/", 404),
        (login(world.admin), f"/vertaisryhmat/{group.pk}/tapaamiset/{workshop.pk}/", 404),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        assert "Sovittiin palautekierroksesta." not in response.content.decode()
