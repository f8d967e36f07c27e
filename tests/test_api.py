"""The read API: filters, translated fields, pagination, search ranking and leaks."""

import pytest

from tests.test_api_scene import build_scene
from tuuma.acts import actions as act_actions
from tuuma.acts.models import Act

LIST = "/api/v1/acts/"


@pytest.fixture
def scene(db):
    return build_scene()


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content[:500]
    return [r["title"]["fi"] for r in response.json()["results"]]


def test_anonymous_sees_only_public_acts(scene):
    found = titles(scene.client().get(LIST))
    assert found == ["Sähköinen tilavarauskalenteri", "Työhyvinvoinnin vertaisvalmennus"]


@pytest.mark.parametrize("who, extra", [
    ("employee", {"Salainen palkkakokeilu", "Odottava perehdytysmalli"}),
    ("outsider", {"Muualan sisäinen budjettiselvitys"}),
    ("platform", {"Salainen palkkakokeilu", "Odottava perehdytysmalli",
                  "Muualan sisäinen budjettiselvitys"}),
])
def test_members_also_see_their_own_organizations_internal_acts(scene, who, extra):
    public = {"Sähköinen tilavarauskalenteri", "Työhyvinvoinnin vertaisvalmennus"}
    assert set(titles(scene.client(who).get(LIST))) == public | extra


def test_the_same_through_a_browser_session(scene):
    from tests.conftest import login

    found = titles(login(scene.world.employee).get(LIST))
    assert "Salainen palkkakokeilu" in found
    assert "Muualan sisäinen budjettiselvitys" not in found


def test_detail_of_an_internal_act_is_not_found_outside_the_organization(scene):
    url = f"{LIST}{scene.internal.pk}/"
    assert scene.client().get(url).status_code == 404
    assert scene.client("outsider").get(url).status_code == 404
    response = scene.client("employee").get(url)
    assert response.status_code == 200
    assert response.json()["visibility"] == "internal"
    # A published act is open to everyone, with its full texts.
    body = scene.client().get(f"{LIST}{scene.public.pk}/").json()
    assert body["need_and_goals"]["fi"] == "Varaustieto oli hajallaan."
    assert body["external_id"] == "kt-2023-001"


def test_translated_fields_and_external_id(scene):
    row = scene.client().get(LIST, {"organization": "testila"}).json()["results"][0]
    assert row["title"] == {"fi": "Sähköinen tilavarauskalenteri",
                            "sv": "Elektronisk bokningskalender", "en": None}
    assert row["summary"]["sv"] == "Bokningar i en kalender."
    assert row["external_id"] == "kt-2023-001"
    assert row["organization"]["name"] == {"fi": "Testilän kaupunki", "sv": None, "en": None}
    assert row["themes"] == ["digitalisaatio"] and row["sectors"] == ["kulttuuri"]
    assert row["url"].endswith(scene.public.get_absolute_url())


def test_an_act_written_in_swedish_keeps_its_own_language(scene):
    w = scene.world
    act = act_actions.create_act(w.org, by=w.developer, title="Digital kundtjänst",
                                 summary="På svenska.", language="sv")
    act_actions.save_translation(act, by=w.developer, language="fi",
                                 title="Digitaalinen asiakaspalvelu")
    act_actions.publish(act, by=w.admin)
    row = scene.client().get(f"{LIST}{act.pk}/").json()
    assert row["language"] == "sv"
    assert row["title"] == {"fi": "Digitaalinen asiakaspalvelu", "sv": "Digital kundtjänst",
                            "en": None}
    assert row["summary"] == {"fi": None, "sv": "På svenska.", "en": None}


@pytest.mark.parametrize("params, expected", [
    ({"organization": "muuala"}, ["Työhyvinvoinnin vertaisvalmennus"]),
    ({"region": "Lappi"}, ["Työhyvinvoinnin vertaisvalmennus"]),
    ({"region": "Pirkanmaa"}, ["Sähköinen tilavarauskalenteri"]),
    ({"org_type": "joint_authority"}, ["Työhyvinvoinnin vertaisvalmennus"]),
    ({"sector": "kulttuuri"}, ["Sähköinen tilavarauskalenteri"]),
    ({"theme": "tyohyvinvointi"}, ["Työhyvinvoinnin vertaisvalmennus"]),
    ({"theme": ["tyohyvinvointi", "digitalisaatio"]},
     ["Sähköinen tilavarauskalenteri", "Työhyvinvoinnin vertaisvalmennus"]),
    ({"status": "completed"}, ["Sähköinen tilavarauskalenteri"]),
    ({"year": "2021"}, ["Työhyvinvoinnin vertaisvalmennus"]),
    ({"year": "2023", "theme": "tyohyvinvointi"}, []),
    ({"sector": "ei-ole"}, []),
])
def test_filters(scene, params, expected):
    assert titles(scene.client().get(LIST, params)) == expected


def test_filters_never_reveal_internal_acts(scene):
    """Filtering by an organization or theme that internal acts carry shows only public ones."""
    for params in ({"organization": "testila"}, {"theme": "digitalisaatio"},
                   {"visibility": "internal"}, {"status": "in_progress"}):
        found = titles(scene.client("outsider").get(LIST, params))
        assert "Salainen palkkakokeilu" not in found
        assert "Odottava perehdytysmalli" not in found


@pytest.mark.parametrize("params", [
    {"status": "valmis"}, {"year": "20x"}, {"year": "1800"}, {"page_size": "0"},
    {"page_size": "101"}, {"cursor": "roskaa"}, {"sort": "random"}, {"region": "Atlantis"},
])
def test_bad_parameters_answer_400(scene, params):
    response = scene.client().get(LIST, params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_sort_by_adoptions(scene):
    w = scene.world
    act_actions.adopt(scene.foreign, by=w.admin, organization=w.org)
    found = titles(scene.client().get(LIST, {"sort": "adopted"}))
    assert found == ["Työhyvinvoinnin vertaisvalmennus", "Sähköinen tilavarauskalenteri"]
    body = scene.client().get(f"{LIST}{scene.foreign.pk}/").json()
    assert body["adoption_count"] == 1
    assert body["adoptions"][0]["organization"]["slug"] == "testila"


def test_cursor_pages_walk_the_whole_list_once(scene):
    w = scene.world
    for n in range(7):
        act = act_actions.create_act(w.org, by=w.developer, title=f"Sarjateko {n}",
                                     summary="Sarja.")
        act_actions.publish(act, by=w.admin)
    # Several acts published in the same second: ties are broken by id, nothing repeats.
    Act.objects.filter(title__startswith="Sarjateko").update(
        published_at=scene.public.published_at)
    client = scene.client("employee")
    seen, url, pages = [], LIST + "?page_size=3", 0
    while url:
        body = client.get(url).json()
        seen += [r["id"] for r in body["results"]]
        url, pages = body["next"], pages + 1
    expected = list(Act.objects.filter(organization__in=[w.org, w.other_org])
                    .exclude(organization=w.other_org, visibility="internal")
                    .values_list("pk", flat=True))
    assert sorted(seen) == sorted(expected) and len(seen) == len(set(seen))
    assert pages == -(-len(expected) // 3)
    # Unpublished acts (the organization's own) come after every published one.
    published_flags = [Act.objects.get(pk=i).published_at is not None for i in seen]
    assert published_flags == sorted(published_flags, reverse=True)


def test_search_is_ranked_by_the_search_and_filtered_for_leaks(scene, monkeypatch):
    """Even if the search returned an id the person may not see, the API leaves it out."""
    ranked = [scene.foreign.pk, scene.internal.pk, scene.public.pk]
    monkeypatch.setattr("tuuma.search.query.matching_act_ids",
                        lambda query, *, user, limit=1000: ranked)
    assert titles(scene.client().get(LIST, {"search": "kokeilu"})) == [
        "Työhyvinvoinnin vertaisvalmennus", "Sähköinen tilavarauskalenteri"]
    assert titles(scene.client("employee").get(LIST, {"search": "kokeilu"})) == [
        "Työhyvinvoinnin vertaisvalmennus", "Salainen palkkakokeilu",
        "Sähköinen tilavarauskalenteri"]
    # Filters apply to search results too, and pages follow the ranking.
    assert titles(scene.client().get(LIST, {"search": "kokeilu", "region": "Pirkanmaa"})) == [
        "Sähköinen tilavarauskalenteri"]
    first = scene.client().get(LIST, {"search": "kokeilu", "page_size": 1}).json()
    assert [r["id"] for r in first["results"]] == [scene.foreign.pk]
    second = scene.client().get(first["next"]).json()
    assert [r["id"] for r in second["results"]] == [scene.public.pk]
    assert second["next"] is None


def test_search_through_the_real_index(scene):
    assert len(titles(scene.client().get(LIST, {"search": " "}))) == 2  # blank: no search
    found = titles(scene.client().get(LIST, {"search": "tilavarauskalenteri"}))
    assert found == ["Sähköinen tilavarauskalenteri"]
    assert titles(scene.client("outsider").get(LIST, {"search": "palkkakokeilu"})) == []
    assert titles(scene.client("employee").get(LIST, {"search": "palkkakokeilu"})) == [
        "Salainen palkkakokeilu"]


def test_organizations_count_only_public_acts(scene):
    body = scene.client().get("/api/v1/organizations/").json()
    rows = {r["slug"]: r for r in body["results"]}
    assert rows["testila"]["public_act_count"] == 1
    assert rows["muuala"]["public_act_count"] == 1
    assert rows["testila"]["verified"] is True
    assert rows["muuala"]["org_type"] == "joint_authority"
    # Members see the same public figures: internal acts are never counted.
    mine = scene.client("employee").get("/api/v1/organizations/testila/").json()
    assert mine["public_act_count"] == 1


def test_organizations_without_public_acts_are_not_listed(scene):
    from tests.factories import OrganizationFactory

    OrganizationFactory(name_fi="Hiljainen kunta", slug="hiljainen")
    slugs = [r["slug"] for r in scene.client().get("/api/v1/organizations/").json()["results"]]
    assert "hiljainen" not in slugs
    assert scene.client().get("/api/v1/organizations/hiljainen/").status_code == 404
    assert scene.client("platform").get("/api/v1/organizations/hiljainen/").status_code == 200


def test_themes_and_sectors_with_public_counts(scene):
    themes = {t["slug"]: t for t in scene.client().get("/api/v1/themes/").json()}
    assert themes["digitalisaatio"]["public_act_count"] == 1  # the internal one not counted
    assert themes["digitalisaatio"]["name"] == {
        "fi": "digitalisaatio", "sv": "digitalisering", "en": "digitalisation"}
    sectors = {s["slug"]: s for s in scene.client().get("/api/v1/sectors/").json()}
    assert sectors["sote"]["public_act_count"] == 1
    assert sectors["kulttuuri"]["name"]["en"] == "culture and leisure"


def test_ideas_need_sign_in_and_stay_in_the_organization(scene):
    from tuuma.ideas.actions import submit_idea

    w = scene.world
    idea = submit_idea(w.org, by=w.employee, title="Kirjaston aukioloajat iltaan",
                       problem="Moni ei ehdi kirjastoon.", proposal="Omatoimikirjasto.")
    assert scene.client().get("/api/v1/ideas/").status_code == 401
    assert scene.client().get(f"/api/v1/ideas/{idea.pk}/").status_code == 401
    assert scene.client("outsider").get("/api/v1/ideas/").json()["results"] == []
    assert scene.client("outsider").get(f"/api/v1/ideas/{idea.pk}/").status_code == 404
    rows = scene.client("coworker").get("/api/v1/ideas/").json()["results"]
    assert [r["title"] for r in rows] == ["Kirjaston aukioloajat iltaan"]
    assert rows[0]["author"] == "Eeva Esimerkki"


def test_hidden_author_is_not_in_the_api(scene):
    from tuuma.ideas.actions import submit_idea

    w = scene.world
    hidden = submit_idea(w.org, by=w.employee, title="Nimetön ehdotus", problem="P.",
                         proposal="E.", hide_author=True)
    assert scene.client("coworker").get(f"/api/v1/ideas/{hidden.pk}/").json()["author"] is None
    assert scene.client("decider").get(f"/api/v1/ideas/{hidden.pk}/").json()["author"] \
        == "Eeva Esimerkki"
    assert "Eeva" not in scene.client("coworker").get("/api/v1/ideas/").content.decode()


def test_list_query_count_does_not_grow_with_the_page(scene, django_assert_max_num_queries):
    w = scene.world
    for n in range(20):
        act = act_actions.create_act(w.org, by=w.developer, title=f"Teko {n}", summary="S.")
        act_actions.publish(act, by=w.admin)
    with django_assert_max_num_queries(8):
        assert len(scene.client().get(LIST, {"page_size": 20}).json()["results"]) == 20


def test_index_links_every_list(scene):
    body = scene.client().get("/api/v1/").json()
    assert body["acts"].endswith("/api/v1/acts/")
    assert body["schema"].endswith("/api/v1/schema/")
