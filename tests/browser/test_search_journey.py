"""Finding things in Finnish as people type them: the search page on a phone, and the similar
ideas panel of the new-idea form (under the real content security policy)."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import IdeaFactory
from tuuma.acts import actions
from tuuma.acts.models import Adoption, Sector, Theme
from tuuma.acts.vocabulary import ensure_vocabulary

from .helpers import axe, visit

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture(autouse=True)
def vocabulary(db):
    """Transactional tests empty every table afterwards, the seeded themes too."""
    ensure_vocabulary(Theme, Sector)


def public_act(world, title, summary, **texts):
    act = actions.create_act(world.org, by=world.developer, title=title, summary=summary,
                             **texts)
    return actions.publish(act, by=world.admin)


def test_an_inflected_word_finds_the_act_which_is_then_adopted(open_page, world):
    coaching = public_act(world, "Sisäisten kehittäjien valmennusohjelma",
                          "Valmennus auttaa sisäisiä kehittäjiä viemään ideoita eteenpäin.",
                          solution="Kuukausittaiset työpajat ja vertaismentorointi.")
    public_act(world, "Kotihoidon reittisuunnittelu", "Reitit suunnitellaan sähköisesti.")
    page = open_page(world.outsider, phone=True)

    visit(page, "/haku/", desktop_too=True)
    page.locator("#search-q").fill("kehittäjien valmennus")
    page.locator("#search-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/haku/\?.*q=kehitt"))
    result = page.locator(f"main a[href='{coaching.get_absolute_url()}']")
    expect(result).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text("Kotihoidon reittisuunnittelu")
    expect(page.locator("main mark").first).to_be_visible()  # the matching words highlighted
    axe(page, desktop_too=True)

    result.tap()
    expect(page).to_have_url(re.compile(re.escape(coaching.get_absolute_url()) + "$"))
    expect(page.locator("h1")).to_have_text(coaching.title)
    page.locator(f"a[href='/teot/{coaching.pk}/kayttoon/']").tap()
    expect(page).to_have_url(re.compile(rf"/teot/{coaching.pk}/kayttoon/$"))
    axe(page)
    page.locator("main form button[type=submit]").tap()
    expect(page.locator("#adoptions")).to_contain_text(world.other_org.name_fi)
    assert Adoption.objects.filter(act=coaching, organization=world.other_org).exists()


def test_a_signed_out_visitor_searches_public_acts_only(open_page, world):
    public_act(world, "Tilavarausjärjestelmä liikuntapaikoille", "Vuorot varataan verkossa.")
    internal = actions.create_act(world.org, by=world.developer,
                                  title="Sisäinen varauskokeilu", summary="Ei vielä julki.")
    page = open_page(phone=True)
    visit(page, "/haku/?q=varaus")
    expect(page.locator("main")).to_contain_text("Tilavarausjärjestelmä")
    expect(page.locator(f"a[href='{internal.get_absolute_url()}']")).to_have_count(0)


def test_similar_ideas_appear_while_typing_a_new_idea(open_page, world):
    IdeaFactory(organization=world.org, author=world.coworker,
                title="Kirjaston aukioloajat iltaisin pidemmiksi",
                problem="Työssäkäyvät eivät ehdi kirjastoon.", proposal="Omatoimiaika.")
    page = open_page(world.employee, phone=True, csp=True)
    page.goto(f"/o/{world.org.slug}/ideat/uusi/")
    page.locator("#id_title").press_sequentially("Kirjaston aukioloajat", delay=20)
    panel = page.locator(".similar-panel")
    expect(panel).to_contain_text("Kirjaston aukioloajat iltaisin pidemmiksi")
    # Typing went on undisturbed: what was typed is all there.
    expect(page.locator("#id_title")).to_have_value("Kirjaston aukioloajat")
