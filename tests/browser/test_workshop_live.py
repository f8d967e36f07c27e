"""A workshop, live: a facilitator, a projector and three participants on phones at once.

The app is served by uvicorn with tuuma.config.asgi:application (tests/live_asgi.py), because
the live feed is a Server-Sent Events stream that pytest-django's WSGI live_server cannot hold
open. One participant's browser enforces the real Content-Security-Policy, so the live feed is
shown to work under it; axe-core needs the policy bypassed to be injected, so the other pages are
the ones checked with axe. Selectors use ids, data attributes and URLs rather than wording.
"""

import re
from collections import defaultdict

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from tests.live_asgi import thread_server
from tuuma.workshops.models import Item, PeerGroup, Workshop

from .helpers import DESKTOP, PHONE, TIMEOUT_MS, axe, visit

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

LIVE_MS = 2_000  # a change shows on the other screens within this


@pytest.fixture
def server(settings):
    settings.REDIS_URL = None
    settings.LIVE_TAIL_SECONDS = 1
    with thread_server() as running:
        yield running


@pytest.fixture
def open_live_page(browser, server):
    """Like conftest's open_page, against the ASGI server. Collects script errors and
    Content-Security-Policy violations in `open_live_page.problems`, and counts the live
    streams each page has opened in `open_live_page.streams[page]`."""
    expect.set_options(timeout=TIMEOUT_MS)
    contexts, problems, streams = [], [], defaultdict(int)

    def _open(user=None, *, phone=False, csp=False):
        context = browser.new_context(base_url=server.url, bypass_csp=not csp,
                                      locale="fi-FI", **(PHONE if phone else DESKTOP))
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            context.add_cookies([{
                "name": django_settings.SESSION_COOKIE_NAME, "url": server.url,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value}])
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
        page.on("console", lambda message: problems.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text else None)

        def opened(response):
            if "/live/" in response.url and response.status == 200:
                streams[page] += 1
        page.on("response", opened)
        return page

    _open.problems, _open.streams = problems, streams
    yield _open
    for context in contexts:
        context.close()


def post_idea(page, prompt, text):
    page.locator(f"#text-{prompt.pk}").fill(text)
    page.locator(f"form.post-form:has(#text-{prompt.pk}) button[type=submit]").tap()
    expect(page.locator(f"#text-{prompt.pk}")).to_have_value("")


def add_dot(page, item, mine):
    page.locator(f"#item-{item} form[data-live-form=dot] button[type=submit]").tap()
    expect(page.locator(f"#item-{item} [data-field=mine]")).to_have_text(str(mine))


def test_a_workshop_from_the_join_code_to_the_pipeline(open_live_page, world):
    # The facilitator creates the workshop with the form.
    fac = open_live_page(world.developer)
    visit(fac, f"/o/{world.org.slug}/tyopajat/")
    visit(fac, f"/o/{world.org.slug}/tyopajat/uusi/")
    fac.locator("#id_title").fill("Aamujen työpaja")
    fac.locator("#id_prompts").fill("Miten aamuista tulisi rauhallisempia?")
    fac.locator("#id_dots_per_participant").fill("3")
    fac.locator("#id_max_dots_per_item").fill("2")
    fac.locator("main form button[type=submit]").click()
    expect(fac).to_have_url(re.compile(r"/tyopajat/\d+/$"))
    workshop = Workshop.objects.get(title="Aamujen työpaja")
    prompt = workshop.prompts.get()
    expect(fac.locator("#join-code")).to_have_text(workshop.code)
    axe(fac)
    visit(fac, f"/tyopajat/{workshop.pk}/asetukset/")
    fac.goto(f"/tyopajat/{workshop.pk}/")
    projector = open_live_page(world.developer)
    visit(projector, f"/tyopajat/{workshop.pk}/projektori/")

    # Three people join from their phones with the code; the first one's browser enforces the
    # Content-Security-Policy (so axe cannot be injected there).
    people = []
    for number, nickname in enumerate(["Sini", "Timo", "Ulla"]):
        checked = number == 1
        page = open_live_page(phone=True, csp=number == 0)
        if checked:
            visit(page, "/liity/", desktop_too=True)
            page.locator("#id_koodi").fill("ZZZZZZ" if workshop.code != "ZZZZZZ" else "YYYYYY")
            page.locator("main form button[type=submit]").tap()
            expect(page.locator("#id_koodi")).to_have_attribute("aria-invalid", "true")
            axe(page)
        else:
            page.goto("/liity/")
        page.locator("#id_koodi").fill(f"{workshop.code[:3].lower()}-{workshop.code[3:]}")
        page.locator("main form button[type=submit]").tap()
        expect(page).to_have_url(re.compile(rf"/w/{workshop.code}/$"))
        expect(page.locator("#id_nickname")).to_be_visible()
        if checked:
            axe(page)
        page.locator("#id_nickname").fill(nickname)
        page.locator("main form button[type=submit]").tap()
        expect(page.locator("#board")).to_have_attribute("data-phase", "ideate")
        page.evaluate("() => { window.notReloaded = true; }")
        people.append(page)
    axe(people[1], desktop_too=True)

    # Each posts an idea; the others see it appear without reloading.
    ideas = ["Kahvit ennen palaveria", "Hiljainen huone aamuisin", "Aamupalaverit lyhyemmiksi"]
    for poster, text in zip(people, ideas, strict=True):
        post_idea(poster, prompt, text)
        for page in people:
            expect(page.locator("#board .item [data-field=text]").filter(has_text=text)) \
                .to_be_visible(timeout=LIVE_MS)
    top, second, third = (Item.objects.get(text=text).pk for text in ideas)
    for page in people:
        assert page.evaluate("() => window.notReloaded === true"), page.url
        expect(page.locator("#board")).not_to_have_attribute("data-transport", "polling")
        expect(page.locator(".item-total").first).to_be_hidden()
    axe(people[1])
    for item in (top, second, third):
        expect(fac.locator(f"#fitem-{item}")).to_be_visible(timeout=LIVE_MS)
        expect(projector.locator(f"#board li:has-text('{Item.objects.get(pk=item).text}')")) \
            .to_be_visible(timeout=LIVE_MS)
    axe(fac)
    axe(projector)

    # Voting: the boards turn into ballots by themselves.
    fac.locator("form.phase-form button[name=phase][value=vote]").click()
    expect(fac.locator("#board")).to_have_attribute("data-phase", "vote")
    for page in people:
        expect(page.locator("#board")).to_have_attribute("data-phase", "vote")
    axe(people[1])
    axe(fac)
    sini, timo, ulla = people
    add_dot(sini, top, 1)
    add_dot(sini, top, 2)
    add_dot(sini, second, 1)
    expect(sini.locator("[data-dots-left]")).to_have_text("0")
    add_dot(timo, top, 1)
    add_dot(timo, second, 1)
    add_dot(ulla, top, 1)
    add_dot(ulla, third, 1)
    # The facilitator follows the totals live; participants see none yet.
    for item, dots in ((top, 4), (second, 2), (third, 1)):
        expect(fac.locator(f"[data-total-for='{item}']")).to_have_text(str(dots),
                                                                      timeout=LIVE_MS)
    expect(fac.locator("[data-dot-total]")).to_have_text("7", timeout=LIVE_MS)
    for page in people:
        expect(page.locator(f"#item-{top} .item-total")).to_be_hidden()

    # Results, then the reveal: the totals reach every phone (boards that are already open
    # and following the feed).
    streams = open_live_page.streams
    before = {page: streams[page] for page in people}
    fac.locator("form.phase-form button[name=phase][value=results]").click()
    expect(fac.locator("#board")).to_have_attribute("data-phase", "results")
    for page in people:
        expect(page.locator("#board")).to_have_attribute("data-phase", "results")
        assert streams[page] == before[page]  # switched in place: no reload, same stream
    fac.locator(f"form[action='/tyopajat/{workshop.pk}/paljasta/'] button[type=submit]").click()
    expect(fac.locator(f"form[action='/tyopajat/{workshop.pk}/paljasta/'] input[name=on]")) \
        .to_have_value("0")
    for page in people:
        for item, dots in ((top, 4), (second, 2), (third, 1)):
            total = page.locator(f"#item-{item} .item-total")
            expect(total).to_be_visible(timeout=LIVE_MS)
            expect(total.locator(f"[data-total-for='{item}']")).to_have_text(
                str(dots), timeout=LIVE_MS)
    axe(people[1])
    expect(projector.locator(".projector-total").first).to_be_visible(timeout=LIVE_MS)
    axe(projector)
    axe(fac)

    # The most-voted idea goes into the pipeline, with where it came from.
    expect(fac.locator("ol.fac-items > li.item").first).to_have_attribute("id", f"fitem-{top}")
    fac.locator(f"#fitem-{top} form:has(input[name=do][value=promote]) button").click()
    item = Item.objects.select_related("idea").get(pk=top)
    assert item.idea is not None
    idea = item.idea
    expect(fac.locator(f"#fitem-{top} a[href='{idea.get_absolute_url()}']")).to_be_visible()
    axe(fac)
    assert idea.organization == world.org and idea.author == world.developer
    assert idea.title == "Kahvit ennen palaveria"
    assert workshop.title in idea.problem and prompt.text in idea.problem
    assert re.search(r"\b4\b", idea.problem), idea.problem
    assert not idea.coauthors.exists()  # an anonymous workshop names nobody

    # A peer group's pages.
    group = PeerGroup.objects.create(organization=world.org, name="Esihenkilöiden vertaisryhmä",
                                     created_by=world.developer)
    group.coaches.add(world.developer)
    group.members.add(world.employee)
    visit(fac, f"/o/{world.org.slug}/vertaisryhmat/uusi/")
    visit(fac, f"/vertaisryhmat/{group.pk}/")
    visit(fac, f"/vertaisryhmat/{group.pk}/muokkaa/")
    visit(fac, f"/vertaisryhmat/{group.pk}/tapaaminen/")

    assert not open_live_page.problems, open_live_page.problems
