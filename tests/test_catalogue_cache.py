"""The catalogue keeps whole pages for visitors who are not signed in (tuuma.core.pagecache):
a kept page must follow every change to the catalogue at once, never reach a signed-in person
(nor their page a visitor), and carry nothing personal — so the language switcher is a GET form
without a CSRF token, which must still work without JavaScript and keep CSRF checks on POSTs."""

import re

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import login
from tests.test_acts import make_act, page_text
from tuuma.acts import actions

VISITOR_PAGES = ["/katalogi/", "/katalogi/?theme=digitalisaatio", "/katalogi/?sort=adopted"]


def kept(response) -> bool:
    """Answered from the kept page (no template was rendered for it)."""
    assert response.status_code == 200
    return response.context is None


def vary(response) -> set[str]:
    return {v.strip() for v in response.get("Vary", "").split(",")}


# --- following changes -------------------------------------------------------------------------

@pytest.mark.parametrize("url", VISITOR_PAGES)
def test_a_kept_page_follows_publishing_and_withdrawing_at_once(world, url):
    make_act(world, "Vanha digiteko", public=True, themes=["digitalisaatio"])
    new = make_act(world, "Uusi digiteko", themes=["digitalisaatio"])
    visitor = Client()
    assert not kept(first := visitor.get(url))
    assert kept(again := visitor.get(url)) and again.content == first.content
    assert "Uusi digiteko" not in page_text(again)

    actions.publish(new, by=world.admin)
    page = visitor.get(url)
    assert not kept(page) and "Uusi digiteko" in page_text(page)
    assert kept(Client().get(url))

    actions.withdraw(new, by=world.admin)
    page = visitor.get(url)
    assert not kept(page) and "Uusi digiteko" not in page_text(page)
    assert "Vanha digiteko" in page_text(page)


def test_a_kept_page_follows_edits_and_adoptions(world):
    act = make_act(world, "Tilavaraus", public=True)
    Client().get("/katalogi/")
    actions.edit_act(act, by=world.developer, title="Tilavaraus verkossa")
    assert "Tilavaraus verkossa" in page_text(Client().get("/katalogi/"))
    assert kept(Client().get("/katalogi/"))
    actions.adopt(act, by=world.outsider, organization=world.other_org)
    page = Client().get("/katalogi/")
    assert not kept(page)
    assert "otettu käyttöön 1 organisaatiossa" in page_text(page)


def test_the_filter_block_kept_for_later_pages_still_shows_the_right_total(world, monkeypatch):
    monkeypatch.setattr("tuuma.acts.queries.PAGE_SIZE", 2)
    for i in range(5):
        make_act(world, f"Digiteko {i}", public=True, themes=["digitalisaatio"])
    make_act(world, "Johtamisteko", public=True, themes=["johtaminen"])
    first = login(world.employee).get("/katalogi/?theme=digitalisaatio")
    token = first.context["page"].next_token
    later = login(world.employee).get(f"/katalogi/?theme=digitalisaatio&after={token}")
    assert later.context["total"] == first.context["total"] == 5
    assert re.search(r'value="digitalisaatio"[^>]*selected[^>]*>[^<]*\(5\)', page_text(later))


def test_parameter_order_does_not_matter_but_values_do(world):
    make_act(world, "Digiteko", public=True, themes=["digitalisaatio"])
    make_act(world, "Johtamisteko", public=True, themes=["johtaminen"])
    Client().get("/katalogi/?theme=digitalisaatio&sort=new")
    assert kept(Client().get("/katalogi/?sort=new&theme=digitalisaatio"))
    other = Client().get("/katalogi/?sort=new&theme=johtaminen")
    assert not kept(other) and "Johtamisteko" in page_text(other)
    assert "Digiteko" not in page_text(other)


def test_searches_are_answered_live(world):
    make_act(world, "Tilavarausjärjestelmä", public=True)
    for _ in range(2):
        assert not kept(Client().get("/katalogi/?q=tilavaraus"))


# --- nothing personal --------------------------------------------------------------------------

def test_a_visitors_page_carries_nothing_personal(world):
    make_act(world, "Digiteko", public=True)
    for response in (Client().get("/katalogi/"), Client().get("/katalogi/")):
        text = page_text(response)
        assert "csrfmiddlewaretoken" not in text
        assert not response.cookies
        assert {"Cookie", "Accept-Language"} <= vary(response)
        assert response["Content-Language"] == "fi"


def test_signed_in_pages_are_never_kept_nor_answered_from_the_visitors_pages(world):
    make_act(world, "Digiteko", public=True)
    Client().get("/katalogi/")
    assert kept(Client().get("/katalogi/"))
    person = login(world.employee)
    for _ in range(2):
        response = person.get("/katalogi/")
        assert not kept(response)
        assert "/tili/ulos/" in page_text(response)  # their own menu
        assert {"Cookie", "Accept-Language"} <= vary(response)
    # …and what they were shown is not handed to visitors.
    login(world.developer).get("/katalogi/?sort=adopted")
    page = Client().get("/katalogi/?sort=adopted")
    assert not kept(page) and "/tili/ulos/" not in page_text(page)
    assert "Kalle" not in page_text(page)


def test_a_visitor_with_a_message_waiting_gets_a_page_of_their_own(world):
    make_act(world, "Digiteko", public=True)
    Client().get("/katalogi/")
    visitor = Client()
    visitor.post("/saavutettavuusseloste/", {"page": "Etusivu", "message": "Kontrasti",
                                             "email": ""})
    page = visitor.get("/katalogi/")
    assert not kept(page) and 'class="messages"' in page_text(page)
    again = visitor.get("/katalogi/")  # the message was shown once
    assert 'class="messages"' not in page_text(again)
    assert 'class="messages"' not in page_text(Client().get("/katalogi/"))


# --- languages ---------------------------------------------------------------------------------

def switch(client, language, back="/katalogi/", **headers):
    """Send the header's language form as a browser without JavaScript does."""
    page = page_text(client.get(back))
    form = re.search(r'<form class="lang-switch" action="([^"]+)" method="get">(.*?)</form>',
                     page, re.S)
    assert form and 'type="submit"' in form.group(2)
    nxt = re.search(r'name="next" value="([^"]*)"', form.group(2)).group(1)
    return client.get(form.group(1), {"next": nxt.replace("&amp;", "&"),
                                      "language": language}, headers=headers)


@pytest.mark.parametrize("language", ["sv", "en", "fi"])
def test_the_language_switcher_works_without_javascript(world, language):
    make_act(world, "Digiteko", public=True, themes=["digitalisaatio"])
    for client in (Client(), login(world.employee)):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv" if language == "fi" else "fi"
        back = "/katalogi/?theme=digitalisaatio&sort=new"
        response = switch(client, language, back)
        assert response.status_code == 302 and response["Location"] == back
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
        page = client.get(back)
        assert page["Content-Language"] == language
        assert f'<html lang="{language}">' in page_text(page)
        assert "Digiteko" in page_text(page)


def test_kept_pages_are_kept_per_language(world):
    make_act(world, "Digiteko", public=True)
    pages = {}
    for language in ("fi", "sv", "en"):
        for headers in ({"Accept-Language": language}, {}):
            client = Client(headers=headers)
            if not headers:
                client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            response = client.get("/katalogi/")
            assert response["Content-Language"] == language
            pages.setdefault(language, set()).add(response.content)
    assert all(len(contents) == 1 for contents in pages.values())  # the same page, kept
    assert len({c for contents in pages.values() for c in contents}) == 3


@pytest.mark.parametrize("next_url", [
    "//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
    "/katalogi/\r\nSet-Cookie: x=1", "", "katalogi/"])
def test_the_language_switcher_only_goes_back_to_this_site(db, next_url):
    response = Client().get("/kieli/", {"language": "sv", "next": next_url})
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_language_switcher_sets_only_a_known_language_from_this_site(db):
    def cookie(response):
        found = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
        return found.value if found else None

    assert cookie(Client().get("/kieli/", {"language": "de", "next": "/"})) is None
    # Another site may link here, but not change the language.
    assert cookie(Client().get("/kieli/", {"language": "sv", "next": "/"},
                               headers={"Sec-Fetch-Site": "cross-site"})) is None
    for origin in ("same-origin", "none"):
        response = Client().get("/kieli/", {"language": "sv", "next": "/katalogi/"},
                                headers={"Sec-Fetch-Site": origin})
        assert cookie(response) == "sv" and response["Location"] == "/katalogi/"
        assert "no-store" in response["Cache-Control"]
    assert Client().post("/kieli/", {"language": "sv", "next": "/"}).status_code == 405


def test_csrf_checks_on_posts_are_unchanged(world):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/i18n/setlang/", {"language": "sv", "next": "/"}).status_code == 403
    person = Client(enforce_csrf_checks=True)
    person.force_login(world.employee, backend="django.contrib.auth.backends.ModelBackend")
    page = page_text(person.get("/katalogi/"))
    assert re.search(r'action="/tili/ulos/" method="post"><input type="hidden" '
                     r'name="csrfmiddlewaretoken"', page)
    assert person.post("/tili/ulos/").status_code == 403
    assert person.get("/tili/asetukset/").status_code == 200  # still signed in
