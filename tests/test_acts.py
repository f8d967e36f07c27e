"""Development acts on the web: create, edit, publish, adopt, the act page and the catalogue."""

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tests.conftest import login
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tuuma.acts import actions
from tuuma.acts.models import Act, Adoption, Contact, Sector, Theme, Visibility
from tuuma.ideas import actions as idea_actions
from tuuma.notifications.models import Notification


@pytest.fixture
def editor(world):
    user = UserFactory(full_name="Elina Editori", email="elina@testila.fi")
    MembershipFactory(user=user, organization=world.org, is_editor=True)
    return user


def make_act(world, title="Tilavarausjärjestelmä liikuntapalveluihin", *, public=False, by=None,
             org=None, themes=(), sectors=(), **fields):
    by = by or world.developer
    act = actions.create_act(org or world.org, by=by, title=title,
                             summary=fields.pop("summary", "Kaikki tilat yhdessä kalenterissa."),
                             solution=fields.pop("solution", "Sähköinen varauskalenteri."),
                             themes=[Theme.objects.get(slug=t) for t in themes],
                             sectors=[Sector.objects.get(slug=s) for s in sectors], **fields)
    if public:
        admin = world.admin if (org or world.org) == world.org else world.outsider
        actions.publish(act, by=admin)
    return act


def form_data(**overrides):
    """A valid act form with empty contact and metric formsets."""
    data = {
        "title": "Omatoimikirjasto iltaisin", "summary": "Kirjasto auki myös illalla.",
        "need_and_goals": "Moni ei ehdi kirjastoon.", "solution": "Kulkuoikeus kortilla.",
        "results": "", "lessons": "", "status": "in_progress", "start": "", "end": "",
        "language": "fi", "team": "", "source_url": "",
        "contacts-TOTAL_FORMS": "2", "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0", "contacts-MAX_NUM_FORMS": "30",
        "metrics-TOTAL_FORMS": "2", "metrics-INITIAL_FORMS": "0",
        "metrics-MIN_NUM_FORMS": "0", "metrics-MAX_NUM_FORMS": "30",
    }
    data.update(overrides)
    return data


def page_text(response) -> str:
    return response.content.decode()


# --- creating and editing ---------------------------------------------------------------------

def test_developer_creates_an_act_with_contacts_and_metrics(world):
    theme = Theme.objects.get(slug="digitalisaatio")
    response = login(world.developer).post(f"/o/{world.org.slug}/teot/uusi/", form_data(
        themes=[theme.pk], units=[world.unit.pk], team="eeva@testila.fi",
        **{"contacts-0-email": "eeva@testila.fi",
           "contacts-1-name": "Ulla Ulkoinen", "contacts-1-email": "ulla@example.org",
           "contacts-1-organization": "Naapurikunta",
           "metrics-0-name": "Iltakäynnit", "metrics-0-unit": "kpl/kk",
           "metrics-0-baseline": "120", "metrics-0-target": "300", "metrics-0-result": "12,5"}))
    act = Act.objects.get(title="Omatoimikirjasto iltaisin")
    assert response.status_code == 302 and response["Location"] == act.get_absolute_url()
    assert act.visibility == Visibility.INTERNAL
    assert set(act.authors.all()) == {world.developer, world.employee}
    assert list(act.themes.all()) == [theme]
    assert list(act.units.all()) == [world.unit]
    contacts = list(act.contacts.all())
    assert [(c.user, c.name) for c in contacts] == [
        (world.employee, "Eeva Esimerkki"), (None, "Ulla Ulkoinen")]
    metric = act.metrics.get()
    assert (metric.name, str(metric.baseline), str(metric.result)) == (
        "Iltakäynnit", "120.00", "12.50")
    page = page_text(login(world.developer).get(act.get_absolute_url()))
    assert "Ulla Ulkoinen" in page and "Iltakäynnit" in page


def test_a_person_listed_twice_is_one_contact(world):
    login(world.developer).post(f"/o/{world.org.slug}/teot/uusi/", form_data(**{
        "contacts-0-email": "eeva@testila.fi", "contacts-1-email": "EEVA@testila.fi",
        "contacts-1-name": "Eeva E."}))
    act = Act.objects.get(title="Omatoimikirjasto iltaisin")
    assert Contact.objects.filter(act=act).count() == 1


def test_rejected_form_answers_400_and_keeps_input(world):
    response = login(world.developer).post(f"/o/{world.org.slug}/teot/uusi/", form_data(
        title="", solution="Tämä teksti säilyy", start="2024-05-01", end="2024-01-01",
        team="ei.ole@muualla.fi", **{"contacts-0-email": "ulkoinen@example.org",
                                    "metrics-0-baseline": "ei numero"}))
    assert response.status_code == 400
    page = page_text(response)
    assert "Tämä teksti säilyy" in page
    assert 'href="#id_title"' in page and 'href="#id_end"' in page
    assert 'href="#id_team"' in page
    assert 'href="#id_contacts-0-name"' in page  # an outsider's e-mail needs a name
    assert 'href="#id_metrics-0-baseline"' in page
    assert not Act.objects.exists()


def test_html_in_texts_is_shown_inert(world):
    act = make_act(world, title="<script>alert(1)</script> Otsikko", public=True,
                   summary="<img src=x onerror=alert(2)>")
    actions.set_contacts(act, by=world.developer, contacts=[
        {"name": "<b>Nimi</b>", "email": "nimi@example.org"}])
    for url in (act.get_absolute_url(), "/katalogi/"):
        page = page_text(Client().get(url))
        assert "<script>alert(1)" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Nimi</b>" not in page_text(Client().get(act.get_absolute_url()))


def test_edit_changes_fields_and_team_member_may_edit(world):
    act = make_act(world, authors=[world.employee])
    client = login(world.employee)  # a team member without roles
    assert client.get(f"/teot/{act.pk}/muokkaa/").status_code == 200
    response = client.post(f"/teot/{act.pk}/muokkaa/", form_data(
        title="Uusi nimi", status="completed", team="eeva@testila.fi"))
    assert response.status_code == 302
    act.refresh_from_db()
    assert (act.title, act.status) == ("Uusi nimi", "completed")
    assert login(world.coworker).get(f"/teot/{act.pk}/muokkaa/").status_code == 403


def test_renamed_act_keeps_its_address(world):
    act = make_act(world, title="Vanha nimi", public=True)
    old = act.get_absolute_url()
    actions.edit_act(act, by=world.developer, title="Aivan uusi nimi")
    response = Client().get(old)
    assert response.status_code == 301
    assert response["Location"] == f"/katalogi/{act.pk}/aivan-uusi-nimi/"
    assert Client().get(f"/katalogi/{act.pk}/").status_code == 301
    assert Client().get(response["Location"]).status_code == 200


# --- from an idea -------------------------------------------------------------------------------

def test_act_from_accepted_idea_carries_text_and_authors(world, idea):
    idea.coauthors.add(world.coworker)
    client = login(world.developer)
    page = page_text(client.get(f"/ideat/{idea.pk}/"))
    assert f"/ideat/{idea.pk}/teoksi/" not in page  # not accepted yet
    idea_actions.decide(idea, by=world.decider, outcome="accepted", reason="Hyvä ajatus.")
    page = page_text(client.get(f"/ideat/{idea.pk}/"))
    assert f"/ideat/{idea.pk}/teoksi/" in page
    assert f"/ideat/{idea.pk}/teoksi/" not in page_text(login(world.coworker).get(
        f"/ideat/{idea.pk}/"))  # an employee may not create acts
    response = client.post(f"/ideat/{idea.pk}/teoksi/")
    act = Act.objects.get()
    assert response["Location"] == f"/teot/{act.pk}/muokkaa/"
    assert act.title == idea.title and act.need_and_goals == idea.problem
    assert act.solution == idea.proposal
    assert {world.employee, world.coworker, world.developer} <= set(act.authors.all())
    assert list(act.origin_ideas.all()) == [idea]
    assert act.title in page_text(client.get(f"/ideat/{idea.pk}/"))


def test_idea_not_accepted_cannot_become_an_act(world, idea):
    response = login(world.developer).post(f"/ideat/{idea.pk}/teoksi/")
    assert response.status_code == 302 and response["Location"] == f"/ideat/{idea.pk}/"
    assert not Act.objects.exists()


# --- publishing -------------------------------------------------------------------------------

def test_publishing_needs_approval(world, editor):
    act = make_act(world, authors=[world.employee])
    Notification.objects.all().delete()
    response = login(world.developer).post(f"/teot/{act.pk}/pyyda-julkaisua/")
    assert response.status_code == 302
    act.refresh_from_db()
    assert act.visibility == Visibility.PENDING
    assert set(Notification.objects.filter(kind="publish_request").values_list(
        "user", flat=True)) == {world.admin.pk, editor.pk}
    assert Client().get(act.get_absolute_url()).status_code == 404
    assert act.title not in page_text(Client().get("/katalogi/"))
    queue = page_text(login(editor).get(f"/o/{world.org.slug}/teot/"))
    assert f"/teot/{act.pk}/julkaise/" in queue
    assert f"/teot/{act.pk}/julkaise/" not in page_text(
        login(world.developer).get(f"/o/{world.org.slug}/teot/"))
    # A developer cannot approve their own request.
    assert login(world.developer).post(f"/teot/{act.pk}/julkaise/").status_code == 403
    response = login(editor).post(f"/teot/{act.pk}/julkaise/", {"next": "queue"})
    assert response["Location"] == f"/o/{world.org.slug}/teot/"
    act.refresh_from_db()
    assert act.visibility == Visibility.PUBLIC and act.published_at
    assert Notification.objects.filter(kind="published", user=world.employee).exists()
    assert Client().get(act.get_absolute_url()).status_code == 200
    assert act.title in page_text(Client().get("/katalogi/"))
    login(world.admin).post(f"/teot/{act.pk}/peru-julkaisu/")
    act.refresh_from_db()
    assert act.visibility == Visibility.INTERNAL
    assert Client().get(act.get_absolute_url()).status_code == 404


def test_turning_down_a_request(world):
    act = make_act(world)
    actions.request_publishing(act, by=world.developer)
    login(world.admin).post(f"/teot/{act.pk}/peru-julkaisu/")
    act.refresh_from_db()
    assert act.visibility == Visibility.INTERNAL
    told = Notification.objects.get(kind="unpublished")  # the team hears the answer
    assert told.user == world.developer and told.act == act


def test_admin_publishes_directly(world):
    act = make_act(world, by=world.admin)
    login(world.admin).post(f"/teot/{act.pk}/pyyda-julkaisua/")
    act.refresh_from_db()
    assert act.is_public


# --- adoption ----------------------------------------------------------------------------------

def test_adoption_is_counted_once_per_organization_and_notifies(world):
    act = make_act(world, public=True, authors=[world.employee])
    Notification.objects.all().delete()
    client = login(world.outsider)
    page = page_text(client.get(act.get_absolute_url()))
    assert f"/teot/{act.pk}/kayttoon/" in page
    assert client.get(f"/teot/{act.pk}/kayttoon/").status_code == 200
    response = client.post(f"/teot/{act.pk}/kayttoon/", {
        "organization": world.other_org.pk, "note": "Kokeilemme syksyllä."})
    assert response.status_code == 302
    act.refresh_from_db()
    assert act.adoption_count == 1
    assert Notification.objects.filter(kind="adopted", user=world.employee).exists()
    # The same organization again: nothing more is counted.
    again = client.post(f"/teot/{act.pk}/kayttoon/", {"organization": world.other_org.pk})
    assert again.status_code == 200  # nothing left to choose: the page says so
    act.refresh_from_db()
    assert act.adoption_count == 1 == Adoption.objects.filter(act=act).count()
    page = page_text(Client().get(act.get_absolute_url()))
    assert "Muualan kunta" in page
    assert re.search(r"Otettu käyttöön 1 organisaatiossa|Adopted in 1 organization", page)


def test_adoption_of_an_act_without_a_team_reaches_the_organizations_editors(world, editor):
    act = make_act(world, public=True)
    act.authors.clear()  # as for an imported act
    Notification.objects.all().delete()
    actions.adopt(act, by=world.outsider, organization=world.other_org)
    told = set(Notification.objects.filter(kind="adopted").values_list("user", flat=True))
    assert told == {world.admin.pk, editor.pk}


def test_an_adoption_can_be_taken_back(world):
    act = make_act(world, public=True)
    actions.adopt(act, by=world.outsider, organization=world.other_org)
    client = login(world.outsider)
    page = page_text(client.get(f"/teot/{act.pk}/kayttoon/"))
    adoption = act.adoptions.get()
    url = f"/teot/{act.pk}/kayttoon/{adoption.pk}/peru/"
    assert url in page
    # The original organization cannot take another's adoption back.
    assert login(world.admin).post(url).status_code == 403
    assert client.post(url).status_code == 302
    act.refresh_from_db()
    assert act.adoption_count == 0 and not act.adoptions.exists()
    assert "Muualan kunta" not in page_text(Client().get(act.get_absolute_url()))
    # And it can be adopted again.
    assert client.post(f"/teot/{act.pk}/kayttoon/",
                       {"organization": world.other_org.pk}).status_code == 302


def test_adoption_for_one_of_several_organizations_with_linked_act(world):
    act = make_act(world, public=True, themes=["digitalisaatio"])
    third = OrganizationFactory(name_fi="Kolmaskylä", slug="kolmas")
    MembershipFactory(user=world.outsider, organization=third)
    client = login(world.outsider)
    page = page_text(client.get(f"/teot/{act.pk}/kayttoon/"))
    assert "Kolmaskylä" in page and "Muualan kunta" in page
    response = client.post(f"/teot/{act.pk}/kayttoon/", {
        "organization": third.pk, "create_linked_act": "on"})
    linked = Act.objects.get(organization=third)
    assert response["Location"] == f"/teot/{linked.pk}/muokkaa/"
    assert linked.adopted_from == act and linked.visibility == Visibility.INTERNAL
    # Adopting for an organization the person is not in is refused.
    response = client.post(f"/teot/{act.pk}/kayttoon/", {"organization": world.org.pk})
    assert response.status_code == 400
    assert Adoption.objects.filter(act=act).count() == 1


def test_members_of_the_acts_own_organization_cannot_adopt(world):
    act = make_act(world, public=True)
    assert login(world.employee).get(f"/teot/{act.pk}/kayttoon/").status_code == 403


def test_catalogue_sorts_by_adoptions(world):
    first = make_act(world, "Ensimmäinen teko", public=True)
    popular = make_act(world, "Suosittu teko", public=True)
    actions.adopt(popular, by=world.outsider, organization=world.other_org)
    page = page_text(Client().get("/katalogi/?sort=adopted"))
    assert page.index("Suosittu teko") < page.index("Ensimmäinen teko")
    page = page_text(Client().get("/katalogi/?sort=new"))
    assert page.index("Suosittu teko") < page.index("Ensimmäinen teko")  # newer too
    first.published_at = popular.published_at.replace(year=popular.published_at.year + 1)
    first.save()
    page = page_text(Client().get("/katalogi/?sort=new"))
    assert page.index("Ensimmäinen teko") < page.index("Suosittu teko")


# --- the catalogue --------------------------------------------------------------------------------

def test_catalogue_filters_with_counts(world):
    make_act(world, "Digiteko", public=True, themes=["digitalisaatio"], sectors=["sote"])
    make_act(world, "Johtamisteko", public=True, themes=["johtaminen"], sectors=["sote"])
    make_act(world, "Naapurin teko", public=True, org=world.other_org, by=world.outsider,
             themes=["digitalisaatio"], sectors=["tekninen"])
    make_act(world, "Sisäinen digiteko", themes=["digitalisaatio"], sectors=["sote"])
    page = page_text(Client().get("/katalogi/?theme=digitalisaatio"))
    assert "Digiteko" in page and "Naapurin teko" in page and "Johtamisteko" not in page
    assert "Sisäinen digiteko" not in page
    # Sector counts respect the chosen theme; theme counts ignore the theme filter itself.
    assert re.search(r'value="sote"[^>]*>[^<]*\(1\)', page)
    assert re.search(r'value="johtaminen"[^>]*>[^<]*\(1\)', page)
    assert re.search(r'value="digitalisaatio"[^>]*selected[^>]*>[^<]*\(2\)', page)
    page = page_text(Client().get(f"/katalogi/?theme=digitalisaatio&organization="
                                  f"{world.other_org.slug}"))
    assert "Naapurin teko" in page and "Digiteko" not in page
    page = page_text(Client().get("/katalogi/?status=completed"))
    assert "Digiteko" not in page
    # An unknown value is ignored, not an error page.
    assert Client().get("/katalogi/?theme=ei-ole&year=abc").status_code == 200


def test_catalogue_filters_by_region_organization_type_and_year(world):
    world.other_org.region, world.other_org.org_type = "Lappi", "wellbeing_county"
    world.other_org.save()
    ours = make_act(world, "Pirkanmaan teko", public=True)
    theirs = make_act(world, "Lapin teko", public=True, org=world.other_org, by=world.outsider)
    ours.published_at = ours.published_at.replace(year=2021)
    ours.save()
    page = page_text(Client().get("/katalogi/?region=Lappi"))
    assert "Lapin teko" in page and "Pirkanmaan teko" not in page
    assert re.search(r'value="Lappi"[^>]*selected[^>]*>[^<]*\(1\)', page)
    assert re.search(r'value="Pirkanmaa"[^>]*>[^<]*\(1\)', page)
    page = page_text(Client().get("/katalogi/?org_type=wellbeing_county"))
    assert "Lapin teko" in page and "Pirkanmaan teko" not in page
    page = page_text(Client().get("/katalogi/?year=2021"))
    assert "Pirkanmaan teko" in page and "Lapin teko" not in page
    year = theirs.published_at.year
    assert re.search(rf'value="{year}"[^>]*>[^<]*\(1\)', page)
    # Filters combine: Lapland in 2021 has nothing.
    page = page_text(Client().get("/katalogi/?region=Lappi&year=2021"))
    assert "Lapin teko" not in page and "Pirkanmaan teko" not in page


def test_catalogue_search_falls_back_to_text_match(world, monkeypatch):
    """When the index has nothing (e.g. it was never built), a plain text match still works."""
    monkeypatch.setattr("tuuma.acts.views.catalogue_matches", lambda q, data: None)
    make_act(world, "Tilavarausjärjestelmä", public=True)
    make_act(world, "Perehdytys", public=True, summary="Uusi työntekijä", solution="Kummi")
    make_act(world, "Tilavaraus sisäisesti")
    page = page_text(Client().get("/katalogi/?q=tilavaraus"))
    assert "Tilavarausjärjestelmä" in page and "Perehdytys" not in page
    assert "Tilavaraus sisäisesti" not in page


def test_catalogue_search_ranks_counts_and_filters_only_public_acts(world):
    title = make_act(world, "Kirjastojen omatoimiaika", public=True, themes=["digitalisaatio"])
    body = make_act(world, "Aukioloajat iltaan", public=True, themes=["johtaminen"],
                    summary="Kokeilu alkoi yhdessä kirjastossa.")
    theirs = make_act(world, "Kirjastoauto kylille", public=True, org=world.other_org,
                      by=world.outsider, themes=["digitalisaatio"])
    make_act(world, "Kirjaston sisäinen kehitys")  # internal: never in the catalogue
    make_act(world, "Uimahallin vuorot", public=True, themes=["digitalisaatio"])
    response = login(world.employee).get("/katalogi/", {"q": "kirjastot"})
    page = page_text(response)
    assert response.context["sort"] == "relevance" and response.context["total"] == 3
    assert page.index(title.title) < page.index(body.title)  # in the title weighs more
    assert "Kirjaston sisäinen kehitys" not in page and "Uimahallin vuorot" not in page
    # Counts are of the matches: two of them carry the theme, one the other theme.
    assert re.search(r'value="digitalisaatio"[^>]*>[^<]*\(2\)', page)
    assert re.search(r'value="johtaminen"[^>]*>[^<]*\(1\)', page)
    # A filter narrows the matches; its own counts keep the other values to choose from.
    page = page_text(Client().get("/katalogi/", {"q": "kirjastot", "theme": "digitalisaatio"}))
    assert title.title in page and theirs.title in page and body.title not in page
    assert re.search(r'value="johtaminen"[^>]*>[^<]*\(1\)', page)
    page = page_text(Client().get("/katalogi/", {"q": "kirjastot",
                                                 "organization": world.other_org.slug}))
    assert theirs.title in page and title.title not in page
    # Newest first: the same matches, by date.
    Act.objects.filter(pk=body.pk).update(published_at=timezone.now() + timedelta(days=1))
    response = Client().get("/katalogi/", {"q": "kirjastot", "sort": "new"})
    page = page_text(response)
    assert response.context["total"] == 3 and "Uimahallin vuorot" not in page
    assert page.index(body.title) < page.index(title.title)


def test_a_very_broad_catalogue_search_says_about_how_many(world, monkeypatch):
    for name, value in (("EXACT", 2), ("SAMPLE", 2), ("WINDOWS", 2)):
        monkeypatch.setattr(f"tuuma.search.engine.{name}", value)
    for n in range(12):
        make_act(world, f"Kirjasto {n}", public=True)
    response = Client().get("/katalogi/", {"q": "kirjasto"})
    assert response.context["approximate"] is True
    assert re.search(r"noin \d+ kehittämistekoa|about \d+ development acts", page_text(response))


def test_keyset_pagination_walks_the_whole_list(world, monkeypatch):
    monkeypatch.setattr("tuuma.acts.queries.PAGE_SIZE", 3)
    monkeypatch.setattr("tuuma.acts.views.PAGE_SIZE", 3)
    acts = [make_act(world, f"Teko numero {i}", public=True) for i in range(8)]
    acts[2].published_at = acts[3].published_at  # a tie is broken by id
    acts[2].save()
    for sort in ("new", "adopted"):
        seen, url = [], f"/katalogi/?sort={sort}"
        pages = []
        while url:
            response = Client().get(url)
            page = response.context["page"]
            pages.append([a.pk for a in page.items])
            seen += [a.pk for a in page.items]
            url = f"/katalogi/?sort={sort}&after={page.next_token}" if page.next_token else None
        assert sorted(seen) == sorted(a.pk for a in acts) and len(seen) == len(set(seen))
        # Back from the last page with "previous" gives the page before it.
        back = Client().get(f"/katalogi/?sort={sort}&before={page.prev_token}")
        assert [a.pk for a in back.context["page"].items] == pages[-2]
    for token in ("roskaa.x", "99999999999999999999999.1", "5.-1", "1.99999999999999999999"):
        for sort in ("new", "adopted"):
            assert Client().get(f"/katalogi/?sort={sort}&after={token}").status_code == 200
            assert Client().get(f"/katalogi/?sort={sort}&before={token}").status_code == 200


def test_catalogue_page_query_count_does_not_grow(world, django_assert_max_num_queries):
    for i in range(25):
        make_act(world, f"Teko {i}", public=True, themes=["digitalisaatio"])
    with django_assert_max_num_queries(20):
        Client().get("/katalogi/")
    with django_assert_max_num_queries(20):
        Client().get("/katalogi/?theme=digitalisaatio&sort=adopted")
    act = Act.objects.first()
    actions.set_contacts(act, by=world.developer, contacts=[
        {"name": f"Henkilö {i}", "email": f"h{i}@example.org"} for i in range(10)])
    for _i in range(5):
        org = OrganizationFactory()
        MembershipFactory(user=world.outsider, organization=org)
        actions.adopt(act, by=world.outsider, organization=org)
    client = login(world.developer)
    with django_assert_max_num_queries(30):
        client.get(act.get_absolute_url())


# --- the act page --------------------------------------------------------------------------------

def test_act_page_structure_and_translation(world):
    act = make_act(world, public=True, need_and_goals="Tarve on suuri.", results="Hyvät tulokset.")
    actions.save_translation(act, by=world.developer, language="en",
                             title="Facility booking system", summary="All in one calendar.")
    page = page_text(Client().get(act.get_absolute_url()))
    # date · organization · title · status · need and goals · solution · results · contacts
    order = [act.date.strftime("%-d.%-m.%Y"), "Testilän kaupunki", f"<h1>{act.title}</h1>",
             "act-status-in_progress", 'id="h-need"', "Tarve on suuri.", 'id="h-solution"',
             'id="h-results"', "Hyvät tulokset.", 'id="h-contacts"']
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)
    english = Client()
    english.cookies["tuuma_language"] = "en"
    page = page_text(english.get(act.get_absolute_url()))
    assert "Facility booking system" in page and "?alkuperainen=1" in page
    page = page_text(english.get(act.get_absolute_url() + "?alkuperainen=1"))
    assert 'lang="fi"' in page and act.title in page
    swedish = Client()
    swedish.cookies["tuuma_language"] = "sv"
    page = page_text(swedish.get(act.get_absolute_url()))
    assert f'<h1 lang="fi">{act.title}</h1>' in page  # no Swedish translation


def test_share_links_and_visible_address(world):
    act = make_act(world, public=True)
    page = page_text(Client().get(act.get_absolute_url()))
    assert "linkedin.com/sharing/share-offsite/?url=http" in page
    assert "facebook.com/sharer/sharer.php?u=" in page and "twitter.com/intent/tweet" in page
    assert 'href="mailto:?subject=' in page
    assert f'value="http://127.0.0.1:8000{act.get_absolute_url()}" readonly' in page


def test_translation_page(world):
    act = make_act(world)
    client = login(world.developer)
    assert client.get(f"/teot/{act.pk}/kaannos/fi/").status_code == 404  # its own language
    response = client.post(f"/teot/{act.pk}/kaannos/sv/", {"title": "Lokalbokning"})
    assert response.status_code == 302
    assert act.translations.get().title == "Lokalbokning"
    client.post(f"/teot/{act.pk}/kaannos/sv/", {"title": ""})
    assert not act.translations.exists()


def test_diary_entries(world):
    act = make_act(world, public=True)
    client = login(world.developer)
    assert client.post(f"/teot/{act.pk}/paivitys/", {"body": ""}).status_code == 400
    client.post(f"/teot/{act.pk}/paivitys/", {"body": "Kokeilu laajeni toiseen kirjastoon."})
    assert "Kokeilu laajeni toiseen kirjastoon." in page_text(
        Client().get(act.get_absolute_url()))


def test_a_draft_can_be_deleted_but_a_published_act_only_withdrawn(world, settings, tmp_path,
                                                                    django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    draft = make_act(world, "Vahingossa tehty luonnos")
    image = actions.add_file(draft, by=world.developer, description="Kuva",
                             upload=_checked("kuva.png", png(), "image/png"))
    client = login(world.developer)
    assert f"/teot/{draft.pk}/poista/" in page_text(client.get(f"/teot/{draft.pk}/muokkaa/"))
    assert client.get(f"/teot/{draft.pk}/poista/").status_code == 200  # asks first
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/teot/{draft.pk}/poista/")
    assert response.status_code == 302 and response["Location"] == "/o/testila/teot/"
    assert not Act.objects.filter(pk=draft.pk).exists()
    assert not (tmp_path / image.file.name).exists()
    assert "Vahingossa tehty luonnos" in page_text(client.get(response["Location"]))  # said
    assert "Vahingossa tehty luonnos" not in page_text(client.get("/haku/?q=luonnos"))
    # Once in the catalogue, the address must keep working: withdraw, never delete.
    public = make_act(world, "Julkaistu teko", public=True)
    assert f"/teot/{public.pk}/poista/" not in page_text(
        client.get(f"/teot/{public.pk}/muokkaa/"))
    client.post(f"/teot/{public.pk}/poista/")
    actions.withdraw(public, by=world.admin)
    login(world.admin).post(f"/teot/{public.pk}/poista/")
    assert Act.objects.filter(pk=public.pk).exists()


def test_diary_entries_can_be_corrected_and_removed(world):
    act = make_act(world, public=True)
    entry = actions.add_update(act, by=world.developer, body="Kokeilu alkoi kirjatossa.")
    client = login(world.employee)  # on the team (an author), not the writer of the entry
    actions.edit_act(act, by=world.developer, authors=[world.employee])
    url = f"/teot/{act.pk}/paivitys/{entry.pk}/"
    assert "Kokeilu alkoi kirjatossa." in page_text(client.get(url))
    # An empty entry is refused and the page still holds the form.
    response = client.post(url, {"body": "   "})
    assert response.status_code == 400 and 'aria-invalid="true"' in page_text(response)
    assert client.post(url, {"body": "Kokeilu alkoi kirjastossa."}).status_code == 302
    page = page_text(Client().get(act.get_absolute_url()))
    assert "Kokeilu alkoi kirjastossa." in page and "kirjatossa" not in page
    assert re.search(r"muokattu|edited", page)
    entry.refresh_from_db()
    assert entry.created_at < entry.edited_at  # the entry keeps its date
    # Another act's address does not reach this entry.
    other = make_act(world, "Toinen teko", authors=[world.employee])
    assert client.post(f"/teot/{other.pk}/paivitys/{entry.pk}/poista/").status_code == 404
    assert client.post(f"{url}poista/").status_code == 302
    assert not act.updates.exists()
    assert "Kokeilu alkoi" not in page_text(Client().get(act.get_absolute_url()))


def test_files_can_be_described_again_and_removed(world, settings, tmp_path,
                                                   django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    act = make_act(world, public=True)
    image = actions.add_file(act, by=world.developer, description="Kalenteri",
                             upload=_checked("kuva.png", png(), "image/png"))
    client = login(world.developer)
    edit = f"/teot/{act.pk}/tiedosto/{image.pk}/kuvaus/"
    # An image cannot lose its description: refused, and what was typed elsewhere is kept.
    response = client.post(edit, {f"file{image.pk}-description": ""})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in page_text(response)
    client.post(edit, {f"file{image.pk}-description": "Varauskalenteri puhelimessa"})
    assert 'alt="Varauskalenteri puhelimessa"' in page_text(Client().get(act.get_absolute_url()))
    stored = tmp_path / image.file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/teot/{act.pk}/tiedosto/{image.pk}/poista/").status_code == 302
    assert not act.files.exists() and not stored.exists()
    assert Client().get(f"/teot/{act.pk}/tiedosto/{image.pk}/").status_code == 404


def _checked(name, content, kind):
    upload = SimpleUploadedFile(name, content, content_type=kind)
    upload.checked_type = kind
    return upload


def png(size=(8, 8)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 90, 10)).save(buffer, "PNG")
    return buffer.getvalue()


def test_images_need_alt_text_and_bad_files_are_refused(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    act = make_act(world, public=True)
    client = login(world.developer)
    url = f"/teot/{act.pk}/tiedostot/"
    response = client.post(url, {"file": SimpleUploadedFile("kuva.png", png())})
    assert response.status_code == 400 and 'href="#id_description"' in page_text(response)
    response = client.post(url, {"file": SimpleUploadedFile("virus.png", b"MZ\x90\x00 not")})
    assert response.status_code == 400
    client.post(url, {"file": SimpleUploadedFile("kuva.png", png()),
                      "description": "Varauskalenteri puhelimessa"})
    item = act.files.get()
    page = page_text(Client().get(act.get_absolute_url()))
    assert 'alt="Varauskalenteri puhelimessa"' in page
    assert Client().get(f"/teot/{act.pk}/tiedosto/{item.pk}/").status_code == 200


# --- leaks: internal acts never show outside their organization -----------------------------------

@pytest.fixture
def internal(world):
    act = make_act(world, "Salainen sisäinen teko", themes=["digitalisaatio"],
                   sectors=["sote"], summary="Sisäinen yhteenveto")
    actions.request_publishing(make_act(world, "Odottava teko", themes=["digitalisaatio"]),
                               by=world.developer)
    return act


def test_internal_acts_never_leak(world, internal, settings, tmp_path):
    public = make_act(world, "Julkinen teko", public=True, themes=["digitalisaatio"],
                      sectors=["sote"])
    other = make_act(world, "Naapurin julkinen", public=True, org=world.other_org,
                     by=world.outsider, themes=["digitalisaatio"], sectors=["sote"])
    secrets = ("Salainen sisäinen teko", "Odottava teko", "Sisäinen yhteenveto")
    for client in (Client(), login(world.outsider), login(world.employee)):
        for url in ("/katalogi/", "/katalogi/?theme=digitalisaatio", "/katalogi/?q=teko",
                    "/katalogi/syote/", "/katalogi/avoin-data/teot.csv",
                    "/katalogi/avoin-data/teot.json", "/sitemap.xml", "/sitemap-acts.xml",
                    public.get_absolute_url(), other.get_absolute_url()):
            response = client.get(url)
            assert response.status_code == 200, url
            body = b"".join(response.streaming_content) if response.streaming \
                else response.content
            text = body.decode()
            for secret in secrets:
                assert secret not in text, (url, secret)
            assert f"/katalogi/{internal.pk}/" not in text
    # Counts: one public act of ours and one of theirs carry the theme.
    page = page_text(Client().get("/katalogi/"))
    assert re.search(r'value="digitalisaatio"[^>]*>[^<]*\(2\)', page)
    assert re.search(r'value="sote"[^>]*>[^<]*\(2\)', page)
    for client in (Client(), login(world.outsider)):
        assert client.get(internal.get_absolute_url()).status_code == 404
        assert client.get(f"/katalogi/{internal.pk}/").status_code == 404
    assert login(world.employee).get(internal.get_absolute_url()).status_code == 200


def test_open_data_formats(world):
    act = make_act(world, public=True, themes=["digitalisaatio"])
    Act.objects.filter(pk=act.pk).update(external_id="kt-123")
    rows = list(csv.DictReader(io.StringIO(
        b"".join(Client().get("/katalogi/avoin-data/teot.csv").streaming_content).decode())))
    assert len(rows) == 1
    assert rows[0]["external_id"] == "kt-123" and rows[0]["licence"] == "CC BY 4.0"
    assert rows[0]["url"].endswith(act.get_absolute_url())
    assert rows[0]["themes"] == "digitalisaatio"
    data = json.loads(b"".join(Client().get("/katalogi/avoin-data/teot.json")
                               .streaming_content))
    assert data["licence"] == "CC BY 4.0"
    assert [a["external_id"] for a in data["acts"]] == ["kt-123"]
    assert data["acts"][0]["title"] == act.title
    assert data["acts"][0]["translations"] == {}
    actions.save_translation(act, by=world.developer, language="sv",
                             title="Lokalbokning för idrottstjänster", summary="Alla lokaler.")
    data = json.loads(b"".join(Client().get("/katalogi/avoin-data/teot.json")
                               .streaming_content))
    assert data["acts"][0]["translations"]["sv"]["title"] == "Lokalbokning för idrottstjänster"
    assert data["acts"][0]["title"] == act.title  # the original stays the original
    feed = page_text(Client().get("/katalogi/syote/?theme=johtaminen"))
    assert "<feed" in feed and act.title not in feed
    feed = page_text(Client().get("/katalogi/syote/?theme=digitalisaatio"))
    assert act.title in feed
    sitemap = page_text(Client().get("/sitemap-acts.xml"))
    assert act.get_absolute_url() in sitemap


def test_open_data_csv_keeps_formula_like_text_as_text(world):
    """A title a spreadsheet would run as a formula reaches the CSV quoted as text and the
    JSON exactly as written."""
    make_act(world, "=1+1 laskuri", public=True, summary="-5 % jonotusaikaa")
    rows = list(csv.DictReader(io.StringIO(
        b"".join(Client().get("/katalogi/avoin-data/teot.csv").streaming_content).decode())))
    assert rows[0]["title"] == "'=1+1 laskuri"
    assert rows[0]["summary"] == "'-5 % jonotusaikaa"
    data = json.loads(b"".join(Client().get("/katalogi/avoin-data/teot.json")
                               .streaming_content))
    assert data["acts"][0]["title"] == "=1+1 laskuri"


def test_sitemap_is_an_index_of_pages_of_public_acts(world, monkeypatch):
    from tuuma.acts.sitemaps import ActSitemap
    monkeypatch.setattr(ActSitemap, "limit", 2)
    acts = [make_act(world, f"Julkinen {n}", public=True) for n in range(3)]
    hidden = make_act(world, "Sisäinen teko")
    index = page_text(Client().get("/sitemap.xml"))
    assert "<sitemapindex" in index
    assert "/sitemap-acts.xml" in index and "/sitemap-acts.xml?p=2" in index
    assert "/sitemap-acts.xml?p=3" not in index
    first = page_text(Client().get("/sitemap-acts.xml"))
    second = page_text(Client().get("/sitemap-acts.xml?p=2"))
    assert [a.get_absolute_url() in first for a in acts] == [True, True, False]
    assert acts[2].get_absolute_url() in second
    assert hidden.get_absolute_url() not in first + second
    assert Client().get("/sitemap-acts.xml?p=3").status_code == 404


def test_similar_acts_share_themes_and_are_public(world):
    act = make_act(world, "Lähtöteko", public=True, themes=["digitalisaatio"])
    make_act(world, "Samanlainen", public=True, org=world.other_org, by=world.outsider,
             themes=["digitalisaatio"])
    make_act(world, "Erilainen", public=True, themes=["johtaminen"],
             summary="Esihenkilöiden mentorointi.", solution="Vertaisryhmät kerran kuussa.")
    make_act(world, "Samanlainen mutta sisäinen", themes=["digitalisaatio"])
    make_act(world, "Sama asia toisin sanoin", public=True, org=world.other_org,
             by=world.outsider, summary="Liikuntatilojen varaukset yhteen kalenteriin.")
    page = page_text(login(world.employee).get(act.get_absolute_url()))
    assert "Samanlainen" in page and "Erilainen" not in page
    assert "Sama asia toisin sanoin" in page  # by text, with no theme in common
    assert "Samanlainen mutta sisäinen" not in page
