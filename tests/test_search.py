"""Finnish search: what a person typing a query notices (inflection, compounds, typos, other
languages, ranking, highlighting) and what they must never see (other organizations' internal
acts and ideas). The texts are written for these tests."""

import os

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.factories import IdeaFactory
from tuuma.acts.models import Act, ActTranslation, Theme, Visibility
from tuuma.search import analysis
from tuuma.search.models import SearchDoc
from tuuma.search.query import (
    matching_act_ids,
    search,
    similar_acts_from_others,
    similar_ideas,
    similar_to_act,
)

# Tests of Finnish morphology need Voikko; in CI it is installed, so there they must not skip.
needs_voikko = pytest.mark.skipif(
    not analysis.available() and os.environ.get("CI") != "true",
    reason="Voikko (libvoikko1 + voikko-fi) is not installed")

ANON = AnonymousUser()

TEXTS = {
    "valmennus": ("Sisäisten kehittäjien valmennus",
                  "Kaupungin sisäiset kehittäjät kokoontuivat kuukausittain oppimaan "
                  "palvelumuotoilua ja fasilitointia."),
    "tilat": ("Uusi tilavarausjärjestelmä kokoushuoneille",
              "Asukkaat voivat nyt varata koulujen liikuntasaleja verkossa."),
    "hävikki": ("Kouluruokailun hävikki puoleen",
                "Oppilaat punnitsivat lautasjätteen viikoittain ja ruokalistaa muutettiin."),
    "etätyö": ("Etätyön pelisäännöt",
               "Tiimit sopivat yhteiset etätyöpäivät ja palaverikäytännöt."),
    "kirjasto": ("Omatoimikirjasto iltaisin",
                 "Kirjaston ovet avautuvat kirjastokortilla myös henkilökunnan lähdettyä."),
}


def make_act(org, title, body="", *, public=True, language="fi", **fields):
    return Act.objects.create(
        organization=org, title=title, need_and_goals=body, language=language,
        visibility=Visibility.PUBLIC if public else Visibility.INTERNAL,
        published_at=timezone.now() if public else None, **fields)


@pytest.fixture
def acts(world):
    return {key: make_act(world.other_org, title, body) for key, (title, body) in TEXTS.items()}


def titles(ids):
    return [Act.objects.get(pk=pk).title for pk in ids]


# ---------------------------------------------------------------------------- morphology
@needs_voikko
def test_inflected_words_find_their_base_forms(acts):
    assert matching_act_ids("kehittäjien valmennus", user=ANON)[0] == acts["valmennus"].pk
    assert matching_act_ids("valmennuksessa", user=ANON) == [acts["valmennus"].pk]
    assert acts["etätyö"].pk in matching_act_ids("etätyössä", user=ANON)


@needs_voikko
def test_a_compound_part_finds_the_compound(acts):
    assert matching_act_ids("varaus", user=ANON) == [acts["tilat"].pk]
    assert matching_act_ids("järjestelmässä", user=ANON) == [acts["tilat"].pk]
    # and the whole compound finds a text where it appears inflected
    assert acts["kirjasto"].pk in matching_act_ids("omatoimikirjastossa", user=ANON)


@needs_voikko
def test_small_typos_are_tolerated(acts):
    assert matching_act_ids("tilavarasjärjestelmä", user=ANON)[0] == acts["tilat"].pk
    assert matching_act_ids("valmenus", user=ANON) == [acts["valmennus"].pk]


def test_a_word_in_no_act_finds_nothing(acts):
    assert matching_act_ids("ydinvoimala", user=ANON) == []
    assert matching_act_ids("   ", user=ANON) == []
    assert matching_act_ids("", user=ANON) == []


def test_swedish_and_english_content_is_found_in_its_own_language(world):
    sv = make_act(world.org, "Digital lokalbokning för föreningar",
                  "Föreningarna bokar idrottshallar via webben.", language="sv")
    en = make_act(world.org, "Onboarding new employees",
                  "Every new employee gets a mentor for the first months.", language="en")
    assert matching_act_ids("bokningar", user=ANON) == [sv.pk]
    assert matching_act_ids("idrottshall", user=ANON) == [sv.pk]
    assert matching_act_ids("employee mentoring", user=ANON) == [en.pk]


@needs_voikko
def test_a_translation_makes_the_act_findable_in_that_language(world):
    act = make_act(world.org, "Ikäihmisten digituki", "Vapaaehtoiset neuvovat tablettien käytössä.")
    assert matching_act_ids("surfplatta", user=ANON) == []
    ActTranslation.objects.create(act=act, language="sv", title="Digitalt stöd för äldre",
                                  need_and_goals="Frivilliga hjälper med surfplattor.")
    assert matching_act_ids("surfplatta", user=ANON) == [act.pk]


@needs_voikko
def test_glossary_bridges_swedish_query_to_finnish_text_and_synonyms(world):
    act = make_act(world.org, "Esihenkilöiden valmennusohjelma", "Uudet esihenkilöt oppivat.")
    assert matching_act_ids("esimiesten koulutus", user=ANON)[0] == act.pk
    assert matching_act_ids("chefer", user=ANON) == [act.pk]


@needs_voikko
def test_glossary_phrases_compound_synonyms_typos_and_swedish_forms_find_acts(world):
    remote = make_act(world.org, "Etätyön pelisäännöt", "Tiimit sopivat etätyöpäivistä.")
    lead = make_act(world.org, "Esimiestyön valmennus", "Lähiesimiehet kokoontuivat.")
    care = make_act(world.org, "Päiväkodin pihaleikit", "Lapset ulkoilivat joka päivä.")
    lunch = make_act(world.org, "Kouluruoan maistuvuus", "Oppilaat äänestivät ruokalistasta.")
    assert matching_act_ids("remote work", user=ANON) == [remote.pk]
    assert matching_act_ids("esihenkilötyö", user=ANON)[0] == lead.pk  # "työ" finds etätyö too
    # a correction is trusted when the index has it; its concept then finds "päiväkoti" too
    assert matching_act_ids("varhaiskasvatsu", user=ANON) == []
    early = make_act(world.org, "Varhaiskasvatuksen johtaminen", "Johtajat kokoontuivat.")
    assert set(matching_act_ids("varhaiskasvatsu", user=ANON)) == {early.pk, care.pk}
    assert matching_act_ids("skolmaten", user=ANON)[0] == lunch.pk


# ---------------------------------------------------------------------------- ranking
@needs_voikko
def test_a_title_match_ranks_above_a_body_match(world):
    in_body = make_act(world.org, "Asukaskysely puistoista",
                       "Kyselyn tuloksia hyödynnettiin myös kirjaston kehittämisessä.")
    in_title = make_act(world.org, "Kirjaston uudet aukioloajat", "Aukioloja pidennettiin.")
    assert matching_act_ids("kirjasto", user=ANON) == [in_title.pk, in_body.pk]


@needs_voikko
def test_a_document_matching_every_word_ranks_first(world):
    both = make_act(world.org, "Kotihoidon etäkäynnit", "Kotihoito hyödyntää teknologiaa.")
    make_act(world.org, "Teknologiakokeilut kouluissa", "Oppilaat kokeilivat robotteja.")
    make_act(world.org, "Kotihoidon reitit", "Työvuoroja suunniteltiin uudelleen.")
    assert matching_act_ids("kotihoidossa teknologiaa", user=ANON)[0] == both.pk


# ---------------------------------------------------------------------------- highlighting
@needs_voikko
def test_snippets_mark_the_matches_and_escape_everything_else(world):
    make_act(world.org, "<script>alert(1)</script> Kirjastoauto",
             "Kirjastoauto <b>kiertää</b> kylissä & pysähtyy kouluilla.")
    hit = search("kirjastoauto", user=ANON).hits[0]
    assert "<mark>Kirjastoauto</mark>" in hit.snippet
    assert "&lt;b&gt;kiertää&lt;/b&gt;" in hit.snippet and "&amp;" in hit.snippet
    assert "<script>" not in hit.title and "&lt;script&gt;" in hit.title
    page = login(world.employee).get(reverse("search:search"), {"q": "kirjastoauto"})
    assert b"<script>alert(1)</script>" not in page.content
    assert b"<mark>Kirjastoauto</mark>" in page.content


@needs_voikko
def test_inflected_words_are_marked_in_the_snippet(acts):
    hit = search("kehittäjä", user=ANON).hits[0]
    assert "<mark>kehittäjät</mark>" in hit.snippet
    assert "<mark>kehittäjien</mark>" in hit.title


# ---------------------------------------------------------------------------- leaks
@pytest.fixture
def secrets(world):
    """Internal things of world.org that nobody outside it may find."""
    internal = make_act(world.org, "Salainen sote-uudistuksen sopeutusohjelma",
                        "Sopeutusohjelma valmistellaan luottamuksellisesti.", public=False)
    idea = IdeaFactory(organization=world.org, author=world.employee,
                       title="Sopeutusohjelman vaihtoehto", problem="Sopeutus on vaikeaa.",
                       proposal="Kysytään henkilöstöltä.", hide_author=True)
    public = make_act(world.org, "Julkinen sopeutusohjelman viestintä", "Avoin viestintä.")
    return internal, idea, public


def test_internal_acts_and_ideas_stay_inside_the_organization(world, secrets):
    internal, idea, public = secrets
    for user in (ANON, world.outsider):
        assert matching_act_ids("sopeutusohjelma", user=user) == [public.pk]
        results = search("sopeutusohjelma", user=user)
        assert [(h.kind, h.obj.pk) for h in results.hits] == [("act", public.pk)]
        assert results.total == 1
        assert dict((k, n) for k, _l, n in results.facets["kind"]) == {"act": 1}
        assert similar_to_act(public, user=user) == []
        assert similar_acts_from_others("sopeutusohjelma", user=user) == [] or all(
            h.obj.is_public for h in similar_acts_from_others("sopeutusohjelma", user=user))
    member = search("sopeutusohjelma", user=world.coworker)
    assert {(h.kind, h.obj.pk) for h in member.hits} == {
        ("act", internal.pk), ("act", public.pk), ("idea", idea.pk)}
    assert set(matching_act_ids("sopeutusohjelma", user=world.coworker)) == {
        internal.pk, public.pk}


def test_facet_counts_do_not_count_what_the_person_cannot_see(world, secrets):
    internal, idea, public = secrets
    internal.themes.add(Theme.objects.first())
    public.themes.add(Theme.objects.last())
    outside = search("sopeutusohjelma", user=world.outsider).facets
    assert [v for v, _l, _n in outside["theme"]] == [Theme.objects.last().slug]
    assert [(v, n) for v, _l, n in outside["status"]] == [("in_progress", 1)]
    inside = search("sopeutusohjelma", user=world.coworker).facets
    assert {v for v, _l, _n in inside["theme"]} == {t.slug for t in (
        Theme.objects.first(), Theme.objects.last())}


def test_a_hidden_author_is_not_in_the_snippet_or_the_page(world, secrets):
    idea = secrets[1]
    page = login(world.coworker).get(reverse("search:search"), {"q": "sopeutusohjelma"})
    assert page.status_code == 200
    assert idea.get_absolute_url().encode() in page.content
    assert world.employee.full_name.encode() not in page.content


def test_similar_items_respect_the_organization(world, secrets):
    internal, idea, public = secrets
    other_act = make_act(world.other_org, "Sopeutusohjelma pienessä kunnassa", "Kokemuksia.")
    found = similar_ideas("sopeutusohjelma vaihtoehto", organization=world.org,
                          user=world.coworker)
    assert [h.obj.pk for h in found] == [idea.pk]
    assert similar_ideas("sopeutusohjelma", organization=world.org, user=world.outsider) == []
    assert similar_ideas("sopeutusohjelma", organization=world.org, user=ANON) == []
    others = similar_acts_from_others("sopeutusohjelma", user=world.coworker,
                                      exclude_organization=world.org)
    assert [h.obj.pk for h in others] == [other_act.pk]
    assert internal.pk not in [h.obj.pk for h in similar_to_act(other_act, user=world.outsider)]


SIMILAR = [("Takaisinsoitto ruuhka-aikoina", "Jonot ovat pitkiä puhelinpalvelussa.",
            "Asiakas jättää numeron ja hänelle soitetaan takaisin."),
           ("Puhelinjonot lyhyemmiksi", "Asiakkaat jonottavat puhelimessa ja luopuvat.",
            "Takaisinsoitto ja chat-neuvonta ruuhka-aikoina, takaisinsoitto myös iltaisin."),
           ("Kirjaston illat", "Kirjasto on iltaisin kiinni.", "Omatoimiaika iltaisin."),
           ("Jonotus", "Pitkä jono.", "Takaisinsoitto."),
           ("Asiakaspalvelun takaisinsoitto", "", "")]


def test_similar_ideas_read_directly_rank_exactly_as_the_full_text_match(world, monkeypatch):
    """At scale, common words make one organization's ideas cheaper to score directly than
    through the full-text match (engine._scan): the order and the scores must be the same."""
    from django.db import connection

    from tuuma.search import engine

    ours = [IdeaFactory(organization=world.org, author=world.employee, title=t, problem=p,
                        proposal=s) for t, p, s in SIMILAR]
    IdeaFactory(organization=world.other_org, title="Takaisinsoitto", problem="Jonot.")
    terms = engine.rarest(analysis.analyze_query(
        "Takaisinsoitto puhelinjonoihin, asiakkaat jonottavat ruuhka-aikoina iltaisin",
        fuzzy=False).terms, 16)
    where = engine.scope(world.coworker, ("idea",), [world.org.pk]).add(
        "d.organization_id = %s", world.org.pk)
    matched = engine.ranked(terms, where, limit=10)
    assert len(matched) >= 4 and {r[2] for r in matched} <= {i.pk for i in ours}
    typed = [h.obj.pk for h in similar_ideas("takaisinsoitto jonot", organization=world.org,
                                             user=world.coworker)]
    if connection.vendor != "sqlite":
        return
    assert engine._scan(engine.safe_terms(terms), where, limit=10, offset=0) is None  # rare
    monkeypatch.setattr(engine, "SCAN_COST", 1e-9)
    assert engine._scan(engine.safe_terms(terms), where, limit=10, offset=0) == matched
    assert engine.ranked(terms, where, limit=2, offset=1, narrow=True) == matched[1:3]
    assert [h.obj.pk for h in similar_ideas("takaisinsoitto jonot", organization=world.org,
                                            user=world.coworker)] == typed


def test_the_similar_fragment_for_members_only(world, secrets):
    url = reverse("search:similar")
    params = {"org": world.org.slug, "title": "Sopeutusohjelma", "problem": "vaihtoehto"}
    member = login(world.coworker).get(url, params)
    assert member.status_code == 200
    assert secrets[1].get_absolute_url().encode() in member.content
    assert login(world.outsider).get(url, params).status_code == 404
    from django.test import Client

    assert Client().get(url, params).status_code == 302
    assert secrets[1].get_absolute_url().encode() not in login(world.outsider).get(
        url, {**params, "org": world.other_org.slug}).content


# ---------------------------------------------------------------------------- following saves
def test_the_index_follows_saves_visibility_and_deletes(world):
    act = make_act(world.org, "Kaupunkipyörät", "Lainaus asemilta.", public=False)
    assert matching_act_ids("kaupunkipyörät", user=ANON) == []
    act.visibility = Visibility.PUBLIC
    act.save()
    assert matching_act_ids("kaupunkipyörät", user=ANON) == [act.pk]
    act.title = "Sähköpotkulaudat"
    act.save()
    assert matching_act_ids("kaupunkipyörät", user=ANON) == []
    assert matching_act_ids("sähköpotkulaudat", user=ANON) == [act.pk]
    act.delete()
    assert matching_act_ids("sähköpotkulaudat", user=ANON) == []
    assert not SearchDoc.objects.filter(kind="act", object_id=act.pk).exists()


def test_ideas_are_indexed_when_submitted_and_edited(world, idea):
    assert [h.obj.pk for h in search("aukioloajat", user=world.coworker).hits] == [idea.pk]
    idea.title = "Lainaamon laajennus"
    idea.save()
    assert search("aukioloajat", user=world.coworker).hits == []
    facets = search("lainaamon", user=world.coworker).facets
    assert [(v, n) for v, _l, n in facets["status"]] == [("submitted", 1)]
    assert facets["unit"][0][1] == "Kirjasto"


def test_reindex_rebuilds_the_index(world, acts):
    SearchDoc.objects.all().delete()
    assert matching_act_ids("etätyö", user=ANON) == []
    call_command("search", "reindex", verbosity=0)
    assert matching_act_ids("etätyö", user=ANON) == [acts["etätyö"].pk]
    assert SearchDoc.objects.count() == len(acts)


def test_a_stale_analyser_version_is_reported(world, acts, capsys):
    from tuuma.search.checks import analyser_version
    from tuuma.search.models import SearchMeta

    assert analyser_version(databases=["default"]) == []
    SearchMeta.objects.filter(key="analyser").update(value="snowball-0")
    warnings = analyser_version(databases=["default"])
    assert warnings and "tuuma search reindex" in warnings[0].hint
    call_command("search", "status")
    assert "reindex" in capsys.readouterr().out


# ---------------------------------------------------------------------------- the page
def test_the_search_page_filters_by_kind_and_facet_and_pages(world, idea):
    for n in range(23):
        make_act(world.other_org, f"Kirjaston lukupiiri {n}", "Lukupiiri kokoontuu.",
                 status="completed" if n % 2 else "planned")
    client = login(world.employee)
    page = client.get(reverse("search:search"), {"q": "kirjasto"})
    assert page.status_code == 200
    results = page.context["results"]
    assert results.total == 24 and len(results.hits) == 20
    assert b'rel="next"' in page.content
    second = client.get(reverse("search:search"), {"q": "kirjasto", "page": 2})
    assert len(second.context["results"].hits) == 4
    ideas = client.get(reverse("search:search"), {"q": "kirjasto", "kind": "idea"})
    assert [h.obj.pk for h in ideas.context["results"].hits] == [idea.pk]
    done = client.get(reverse("search:search"), {"q": "kirjasto", "status": "completed"})
    assert done.context["results"].total == 11
    anonymous = login(world.employee).get(reverse("search:search"))
    assert anonymous.status_code == 200 and anonymous.context["results"] is None


@pytest.mark.django_db(transaction=True)
def test_deleting_an_organization_with_translated_acts_leaves_no_index_rows(world):
    from tuuma.acts import actions as act_actions
    from tuuma.search.models import SearchDoc

    act = act_actions.create_act(world.org, by=world.developer, title="Kirjaston iltakäyttö",
                                 summary="Omatoimiaika laajenee.")
    act_actions.save_translation(act, by=world.developer, language="sv",
                                 title="Biblioteket på kvällen")
    assert SearchDoc.objects.filter(kind="act", object_id=act.pk).exists()
    world.org.delete()
    assert not SearchDoc.objects.filter(kind="act", object_id=act.pk).exists()
