"""The catalogue on a phone: browse, filter, open an act and adopt it; and the act forms.

axe-core checks every page on the way (at phone and desktop widths). Selectors use ids, names
and URLs rather than wording, so translations do not break them.
"""

import re

import pytest
from playwright.sync_api import expect

from tuuma.acts import actions
from tuuma.acts.models import Act, Adoption, Sector, Theme
from tuuma.acts.vocabulary import ensure_vocabulary

from .helpers import PHONE, TIMEOUT_MS, axe, visit


def png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (24, 16), (30, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture(autouse=True)
def vocabulary(db):
    """Transactional tests empty every table afterwards, the seeded themes too."""
    ensure_vocabulary(Theme, Sector)


def publish(world, title, *, themes=(), sectors=(), org=None, by=None):
    org = org or world.org
    act = actions.create_act(
        org, by=by or world.developer, title=title,
        summary="Kaikki kunnan liikuntatilat löytyvät nyt yhdestä varauskalenterista.",
        need_and_goals="Tilojen varaustiedot olivat hajallaan eri paikoissa.",
        solution="Otettiin käyttöön sähköinen varauskalenteri.",
        results="Asiakaspalvelun puhelut vähenivät.",
        themes=[Theme.objects.get(slug=t) for t in themes],
        sectors=[Sector.objects.get(slug=s) for s in sectors])
    actions.set_contacts(act, by=by or world.developer, contacts=[
        {"name": "Kalle Kehittäjä", "title": "Kehittäjä", "email": "kalle@testila.fi"}])
    actions.set_metrics(act, by=by or world.developer, metrics=[
        {"name": "Puhelut viikossa", "unit": "kpl", "baseline": 120, "target": 60,
         "result": 70}])
    actions.add_update(act, by=by or world.developer, body="Kalenteri laajeni uimahalliin.")
    actions.publish(act, by=world.admin if org == world.org else world.outsider)
    return act


def test_outsider_finds_and_adopts_an_act_on_a_phone(open_page, world):
    booking = publish(world, "Liikuntatilojen varauskalenteri", themes=["digitalisaatio"],
                      sectors=["kulttuuri"])
    publish(world, "Esihenkilöiden vertaisvalmennus", themes=["johtaminen"])
    page = open_page(world.outsider, phone=True)

    visit(page, "/katalogi/", desktop_too=True)
    page.locator("details.filters > summary").tap()
    page.locator("#id_theme").select_option("digitalisaatio")
    page.locator("details.filters button[type=submit]").tap()
    expect(page).to_have_url(re.compile(r"/katalogi/\?.*theme=digitalisaatio"))
    expect(page.locator(".act-list .act-row")).to_have_count(1)
    axe(page, desktop_too=True)

    page.locator(f".act-list a[href='{booking.get_absolute_url()}']").tap()
    expect(page).to_have_url(re.compile(re.escape(booking.get_absolute_url()) + "$"))
    expect(page.locator("h1")).to_have_text(booking.title)
    expect(page.locator("#h-metrics")).to_be_visible()
    axe(page, desktop_too=True)

    page.locator(f"a[href='/teot/{booking.pk}/kayttoon/']").tap()
    expect(page).to_have_url(re.compile(rf"/teot/{booking.pk}/kayttoon/$"))
    axe(page, desktop_too=True)
    choice = page.locator(f"input[name=organization][value='{world.other_org.pk}']")
    expect(choice).to_be_checked()  # the only organization is chosen already
    page.locator("#id_note").fill("Kokeilemme tätä ensi keväänä.")
    page.locator("main form button[type=submit]").tap()

    expect(page).to_have_url(re.compile(re.escape(booking.get_absolute_url()) + r"(#\w*)?$"))
    expect(page.locator(".messages .message-success")).to_be_visible()
    expect(page.locator("#adoptions")).to_contain_text(world.other_org.name_fi)
    axe(page, desktop_too=True)
    assert Adoption.objects.get(act=booking).organization == world.other_org
    assert Act.objects.get(pk=booking.pk).adoption_count == 1

    # Changed plans: the adoption page lists it with a button to take it back.
    visit(page, f"/teot/{booking.pk}/kayttoon/", desktop_too=True)
    page.locator(f"form[action$='/kayttoon/{Adoption.objects.get(act=booking).pk}/peru/'] "
                 "button").tap()
    expect(page.locator(".messages .message-success")).to_be_visible()
    expect(page.locator("#adoptions")).not_to_contain_text(world.other_org.name_fi)
    assert Act.objects.get(pk=booking.pk).adoption_count == 0


def test_visitor_switches_language_without_javascript(browser, live_server, world):
    """The header's language form works with JavaScript off, on the catalogue's kept pages
    too, and comes back to the same filtered list."""
    publish(world, "Liikuntatilojen varauskalenteri", themes=["digitalisaatio"])
    publish(world, "Esihenkilöiden vertaisvalmennus", themes=["johtaminen"])
    expect.set_options(timeout=TIMEOUT_MS)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False,
                                  locale="fi-FI", **PHONE)
    try:
        page = context.new_page()
        back = "/katalogi/?theme=digitalisaatio"
        page.goto(back)
        page.goto(back)  # now from the kept page
        for language in ("sv", "en", "fi"):
            page.locator("#lang-select").select_option(language)
            page.locator("form.lang-switch button[type=submit]").click()
            expect(page.locator("html")).to_have_attribute("lang", language)
            expect(page).to_have_url(re.compile(re.escape(back) + "$"))
            expect(page.locator("#lang-select")).to_have_value(language)
            expect(page.locator(".act-list .act-row")).to_have_count(1)
    finally:
        context.close()


def test_developer_creates_and_edits_an_act_on_a_phone(open_page, world):
    page = open_page(world.developer, phone=True)
    visit(page, f"/o/{world.org.slug}/teot/", desktop_too=True)
    page.locator(f"a[href='/o/{world.org.slug}/teot/uusi/']").tap()
    expect(page).to_have_url(re.compile(r"/teot/uusi/$"))
    axe(page, desktop_too=True)

    # A rejected form: the error summary names the fields, and what was typed stays.
    page.locator("#id_solution").fill("Lainataan sateenvarjoja kirjastokortilla.")
    page.locator("#id_contacts-0-email").fill("ulkoinen@example.org")
    page.locator("main form button[type=submit]").tap()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(".error-summary a[href='#id_title']")).to_be_visible()
    expect(page.locator("#id_solution")).to_have_value("Lainataan sateenvarjoja kirjastokortilla.")
    axe(page, desktop_too=True)

    page.locator("#id_title").fill("Lainattavat sateenvarjot")
    page.locator("#id_contacts-0-name").fill("Ulla Ulkoinen")
    page.locator("input[name=themes]").first.check()
    page.locator("main form button[type=submit]").tap()
    expect(page).to_have_url(re.compile(r"/katalogi/\d+/lainattavat-sateenvarjot/$"))
    axe(page, desktop_too=True)

    act = Act.objects.get(title="Lainattavat sateenvarjot")
    page.locator(f"a[href='/teot/{act.pk}/muokkaa/']").tap()
    expect(page.locator("#id_title")).to_have_value("Lainattavat sateenvarjot")
    axe(page, desktop_too=True)
    visit(page, f"/teot/{act.pk}/tiedostot/", desktop_too=True)
    page.locator("#id_file").set_input_files(
        {"name": "kartta.png", "mimeType": "image/png", "buffer": png()})
    page.locator("#id_description").fill("Kartta lainauspisteistä")
    page.locator("form[enctype] button[type=submit]").tap()
    expect(page.locator(".messages .message-success")).to_be_visible()
    item = act.files.get()
    # Each file has its own description form and a remove button.
    description = page.locator(f"#id_file{item.pk}-description")
    expect(description).to_have_value("Kartta lainauspisteistä")
    description.fill("")
    page.locator(f"form[action$='/tiedosto/{item.pk}/kuvaus/'] button").tap()
    expect(page.locator(f"#id_file{item.pk}-description")).to_have_attribute(
        "aria-invalid", "true")
    axe(page, desktop_too=True)
    page.locator(f"form[action$='/tiedosto/{item.pk}/poista/'] button").tap()
    expect(page.locator(".messages .message-success")).to_be_visible()
    expect(page.locator(f"#id_file{item.pk}-description")).to_have_count(0)
    assert not act.files.exists()

    actions.add_update(act, by=world.developer, body="Ensimmäinen viikko meni hyvin.")
    entry = act.updates.get()
    visit(page, f"/teot/{act.pk}/paivitys/{entry.pk}/", desktop_too=True)
    page.locator("#id_body").fill("Ensimmäiset kaksi viikkoa menivät hyvin.")
    page.locator("main form button[type=submit]").tap()
    expect(page.locator(f"#update-{entry.pk}")).to_contain_text("kaksi viikkoa")
    axe(page, desktop_too=True)
    visit(page, f"/teot/{act.pk}/kaannos/sv/", desktop_too=True)

    # The draft was never published, so it can be deleted (after a question).
    visit(page, f"/teot/{act.pk}/poista/", desktop_too=True)
    page.locator("main form button.danger").tap()
    expect(page).to_have_url(re.compile(rf"/o/{world.org.slug}/teot/$"))
    assert not Act.objects.filter(pk=act.pk).exists()
