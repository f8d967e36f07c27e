"""The write API's behaviour beyond who may: input errors, the actions' own rules."""

import pytest

from tests.test_api_scene import build_scene
from tuuma.acts.models import Act, Adoption, Visibility
from tuuma.ideas import actions as idea_actions
from tuuma.ideas.models import Idea
from tuuma.organizations.models import Unit

ACTS = "/api/v1/acts/"


@pytest.fixture
def scene(db):
    return build_scene()


def test_create_an_act_and_publish_it_through_the_api(scene):
    w = scene.world
    dev = scene.client("developer")
    response = dev.post(ACTS, {
        "organization": "testila", "title": "Vertaisoppiminen tietotekniikassa",
        "summary": "Kollegat opettavat toisiaan.", "status": "in_progress",
        "start": "2024-01-10", "themes": ["osaaminen"], "sectors": ["hallinto"],
        "units": [w.unit.pk]}, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["visibility"] == "internal" and body["themes"] == ["osaaminen"]
    act = Act.objects.get(pk=body["id"])
    assert list(act.units.all()) == [w.unit] and list(act.authors.all()) == [w.developer]
    # Not in the public catalogue yet.
    assert scene.client().get(f"{ACTS}{act.pk}/").status_code == 404
    # The developer asks; the editor approves.
    asked = dev.post(f"{ACTS}{act.pk}/request-publishing/")
    assert asked.json()["visibility"] == "pending"
    assert scene.client("editor").post(f"{ACTS}{act.pk}/publish/").json()["visibility"] \
        == "public"
    assert scene.client().get(f"{ACTS}{act.pk}/").status_code == 200


@pytest.mark.parametrize("data, field", [
    ({"organization": "testila"}, "title"),
    ({"organization": "testila", "title": "x" * 201}, "title"),
    ({"organization": "testila", "title": "T", "status": "valmis"}, "status"),
    ({"organization": "testila", "title": "T", "themes": ["ei-teemaa"]}, "themes"),
    ({"organization": "testila", "title": "T", "start": "2024-05-01", "end": "2024-01-01"},
     "end"),
    ({"organization": "testila", "title": "T", "source_url": "javascript:alert(1)"},
     "source_url"),
    ({"organization": "testila", "title": "\x00"}, "title"),
    # NUL bytes where the value is looked up (PostgreSQL refuses them: was a 500 there).
    ({"organization": "testila", "title": "T", "themes": ["ö\x00"]}, "themes"),
    ({"organization": "testila", "title": "T", "sectors": ["\x00"]}, "sectors"),
    ({"organization": "testi\x00la", "title": "T"}, "organization"),
    ({"title": "T"}, "organization"),
])
def test_create_rejects_bad_input_with_field_messages(scene, data, field):
    response = scene.client("developer").post(ACTS, data, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Act.objects.filter(title="T").exists()


@pytest.mark.parametrize("body", ["[1, 2]", '"teksti"', "{", "null"])
def test_a_body_that_is_not_an_object_is_a_400(scene, body):
    response = scene.client("developer").post(ACTS, body, content_type="application/json")
    assert response.status_code == 400


def test_units_of_another_organization_are_refused(scene):
    foreign = Unit.objects.create(organization=scene.world.other_org, name_fi="Vieras",
                                  kind="sector")
    response = scene.client("developer").patch(
        f"{ACTS}{scene.internal.pk}/", {"units": [foreign.pk]}, content_type="application/json")
    assert response.status_code == 400 and "units" in response.json()
    assert not scene.internal.units.exists()


def test_the_team_and_origin_ideas_are_named_as_on_the_web_form(scene):
    w = scene.world
    idea = idea_actions.submit_idea(w.org, by=w.employee, title="Kirjastokortti sähköiseksi",
                                    problem="Kortti unohtuu.", proposal="Mobiilikortti.")
    idea_actions.decide(idea, by=w.decider, outcome="accepted", reason="Hyvä.")
    pending = idea_actions.submit_idea(w.org, by=w.employee, title="Vielä arvioitavana",
                                       problem="P.", proposal="E.")
    dev = scene.client("developer")
    body = {"organization": "testila", "title": "Mobiilikirjastokortti"}
    refused = dev.post(ACTS, {**body, "team": ["ei.ole@example.org"]},
                       content_type="application/json")
    assert refused.status_code == 400 and "ei.ole@example.org" in refused.json()["team"][0]
    refused = dev.post(ACTS, {**body, "origin_ideas": [pending.pk]},
                       content_type="application/json")
    assert refused.status_code == 400 and "origin_ideas" in refused.json()
    assert not Act.objects.filter(title="Mobiilikirjastokortti").exists()
    created = dev.post(ACTS, {**body, "team": [w.employee.email.upper()],
                              "origin_ideas": [idea.pk]}, content_type="application/json")
    assert created.status_code == 201, created.content
    act = Act.objects.get(pk=created.json()["id"])
    assert set(act.authors.all()) == {w.developer, w.employee}
    assert list(act.origin_ideas.all()) == [idea]
    # The employee, now on the team, may edit it through the API too.
    edited = scene.client("employee").patch(f"{ACTS}{act.pk}/", {"summary": "Kortti puhelimeen."},
                                          content_type="application/json")
    assert edited.status_code == 200, edited.content


def test_publishing_an_empty_act_explains_why(scene):
    w = scene.world
    act = Act.objects.create(organization=w.org, title="Tyhjä")
    response = scene.client("admin").post(f"{ACTS}{act.pk}/publish/")
    assert response.status_code == 400
    assert response.json()["non_field_errors"]
    assert Act.objects.get(pk=act.pk).visibility == Visibility.INTERNAL


def test_adopting_twice_is_refused(scene):
    client = scene.client("employee")
    url = f"{ACTS}{scene.foreign.pk}/adopt/"
    first = client.post(url, {"organization": "testila", "create_linked_act": True},
                        content_type="application/json")
    assert first.status_code == 201
    linked = Act.objects.get(pk=first.json()["linked_act"])
    assert linked.organization == scene.world.org and linked.adopted_from == scene.foreign
    again = client.post(url, {"organization": "testila"}, content_type="application/json")
    assert again.status_code == 400
    assert Adoption.objects.filter(act=scene.foreign).count() == 1


def test_adopting_for_an_organization_one_is_not_in_is_refused(scene):
    response = scene.client("employee").post(
        f"{ACTS}{scene.foreign.pk}/adopt/", {"organization": "muuala"},
        content_type="application/json")
    assert response.status_code == 400
    assert not Adoption.objects.exists()


def test_adopting_an_own_act_is_forbidden(scene):
    response = scene.client("employee").post(
        f"{ACTS}{scene.public.pk}/adopt/", {"organization": "testila"},
        content_type="application/json")
    assert response.status_code == 403


def test_translation_in_the_acts_own_language_is_refused(scene):
    response = scene.client("developer").post(
        f"{ACTS}{scene.internal.pk}/translations/", {"language": "fi", "title": "Sama"},
        content_type="application/json")
    assert response.status_code == 400
    assert not scene.internal.translations.exists()


def test_contacts_listed_twice_are_one(scene):
    contacts = [{"name": "Maija Malli", "email": "maija@testila.fi"},
                {"name": "Maija M.", "email": "MAIJA@testila.fi"}]
    response = scene.client("developer").put(f"{ACTS}{scene.internal.pk}/contacts/", contacts,
                                             content_type="application/json")
    assert response.status_code == 200 and len(response.json()) == 1


def test_submit_an_idea_and_decide_it(scene):
    w = scene.world
    response = scene.client("employee").post("/api/v1/ideas/", {
        "organization": "testila", "title": "Etätyöpäivien kokeilu",
        "problem": "Matkat vievät aikaa.", "proposal": "Kaksi etäpäivää viikossa.",
        "hide_author": True}, content_type="application/json")
    assert response.status_code == 201, response.content
    idea = Idea.objects.get(pk=response.json()["id"])
    assert idea.author == w.employee and idea.hide_author
    url = f"/api/v1/ideas/{idea.pk}/decision/"
    decider = scene.client("decider")
    no_reason = decider.post(url, {"outcome": "declined"}, content_type="application/json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    parked = decider.post(url, {"outcome": "parked", "reason": "Myöhemmin."},
                          content_type="application/json")
    assert parked.status_code == 400 and "parked_until" in parked.json()
    assert Idea.objects.get(pk=idea.pk).status == "submitted"
    ok = decider.post(url, {"outcome": "accepted", "reason": "Kokeillaan."},
                      content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"
    act = scene.client("developer").post(f"/api/v1/ideas/{idea.pk}/act/")
    assert act.status_code == 201
    assert act.json()["title"]["fi"] == "Etätyöpäivien kokeilu"


def test_an_idea_that_is_not_accepted_cannot_become_an_act(scene):
    w = scene.world
    idea = idea_actions.submit_idea(w.org, by=w.employee, title="Uusi", problem="P",
                                    proposal="E")
    response = scene.client("developer").post(f"/api/v1/ideas/{idea.pk}/act/")
    assert response.status_code == 400
    assert not Act.objects.filter(origin_ideas=idea).exists()


def test_support_on_and_off_keeps_an_exact_count(scene):
    w = scene.world
    idea = idea_actions.submit_idea(w.org, by=w.employee, title="Tuettava", problem="P",
                                    proposal="E")
    url = f"/api/v1/ideas/{idea.pk}/support/"
    client = scene.client("coworker")
    for _ in range(2):
        body = client.post(url, {"on": True}, content_type="application/json").json()
    assert body == {"supported": True, "support_count": 1}
    body = client.post(url, {"on": False}, content_type="application/json").json()
    assert body == {"supported": False, "support_count": 0}
    # The author cannot support their own idea.
    assert scene.client("employee").post(url, {}, content_type="application/json") \
        .status_code == 403
