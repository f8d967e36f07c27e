"""Live workshops: joining, posting, moderating, voting, results and taking ideas forward."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

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
