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
from tuuma.workshops import actions
from tuuma.workshops.models import Dot, Item, PeerGroup, Workshop

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
            if ("/live/" in response.url and not response.url.endswith("/piste/")
                    and response.status == 200):
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
    # The script sends the dot to the live endpoint (the page's token), not the form view.
    with page.expect_response(lambda r: r.url.endswith("/live/piste/")) as sent:
        page.locator(f"#item-{item} form[data-live-form=dot] button[type=submit]").tap()
    assert sent.value.status == 200
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
    session = actions.create_workshop(world.org, by=world.developer, title="Tapaaminen 1",
                                      group=group, members_only=True, anonymous=False,
                                      prompts=["Mikä askarruttaa?"], notes="Sovittiin.")
    seat = actions.join(session, user=world.employee)
    looked_back = actions.post_item(session, seat, text="Palautekierros",
                                    prompt_id=session.prompts.get().pk)
    actions.set_phase(session, "results", by=world.developer)
    actions.promote(session, looked_back.pk, by=world.developer)
    actions.set_phase(session, "closed", by=world.developer)
    visit(fac, f"/vertaisryhmat/{group.pk}/")
    visit(fac, f"/vertaisryhmat/{group.pk}/tapaamiset/{session.pk}/")
    expect(fac.locator(f"#ritem-{looked_back.pk}")).to_be_visible()

    assert not open_live_page.problems, open_live_page.problems


def join_on_phone(open_live_page, workshop, nickname):
    page = open_live_page(phone=True)
    page.goto(f"/w/{workshop.code}/")
    page.locator("#id_nickname").fill(nickname)
    page.locator("main form button[type=submit]").tap()
    expect(page.locator("#board")).to_have_attribute("data-phase", workshop.phase)
    page.evaluate("() => { window.notReloaded = true; }")
    return page


def test_the_clock_waits_for_the_facilitator_and_every_phone_follows_it(open_live_page, world):
    workshop = actions.create_workshop(world.org, by=world.developer, title="Kellopaja",
                                       prompts=["Mikä mättää?"], ideate_minutes=10)
    fac = open_live_page(world.developer)
    fac.goto(f"/tyopajat/{workshop.pk}/")
    phone = join_on_phone(open_live_page, workshop, "Sini")
    expect(phone.locator("[data-clock]")).to_be_hidden()
    start = fac.locator("form.clock-form button[name=do][value=start]")
    expect(start).to_be_visible()
    axe(fac)
    start.click()
    expect(fac.locator("form.clock-form button[name=do][value=extend]")).to_be_visible()
    expect(fac.locator("form.clock-form time[data-countdown]")).to_have_text(
        re.compile(r"^(10:00|9:[0-5]\d)$"))
    axe(fac)
    expect(phone.locator("[data-clock]")).to_be_visible(timeout=LIVE_MS)
    expect(phone.locator("[data-clock] time")).to_have_text(re.compile(r"^(10:00|9:[0-5]\d)$"))
    fac.locator("form.clock-form button[name=do][value=extend]").click()
    expect(phone.locator("[data-clock] time")).to_have_text(
        re.compile(r"^(15:00|14:[0-5]\d)$"), timeout=LIVE_MS)
    # A pause: the phone shows the time left, standing still, until the clock runs again.
    fac.locator("form.clock-form button[name=do][value=pause]").click()
    expect(fac.locator("form.clock-form button[name=do][value=resume]")).to_be_visible()
    axe(fac)
    paused = phone.locator("[data-clock-paused]")
    expect(paused).to_be_visible(timeout=LIVE_MS)
    expect(phone.locator("[data-clock-running]")).to_be_hidden()
    expect(paused).to_contain_text(re.compile(r"1[45]:[0-5]\d"))
    shown = phone.locator("[data-paused-left]").text_content()
    phone.wait_for_timeout(1500)
    assert phone.locator("[data-paused-left]").text_content() == shown
    fac.locator("form.clock-form button[name=do][value=resume]").click()
    expect(phone.locator("[data-clock-running]")).to_be_visible(timeout=LIVE_MS)
    expect(paused).to_be_hidden()
    expect(phone.locator("[data-clock] time")).to_have_text(re.compile(r"^1[45]:[0-5]\d$"))
    fac.locator("form.clock-form button[name=do][value=stop]").click()
    expect(fac.locator("form.clock-form button[name=do][value=start]")).to_be_visible()
    expect(phone.locator("[data-clock]")).to_be_hidden(timeout=LIVE_MS)
    assert phone.evaluate("() => window.notReloaded === true")
    axe(phone)
    assert not open_live_page.problems, open_live_page.problems


def test_the_reveal_groups_the_results_under_clusters_on_open_phones(open_live_page, world):
    from django.contrib.auth.models import AnonymousUser

    workshop = actions.create_workshop(world.org, by=world.developer, title="Tulospaja",
                                       prompts=["Mikä sujuu?"], dots_per_participant=5,
                                       max_dots_per_item=5)
    prompt = workshop.prompts.get()
    seat = actions.join(workshop, user=AnonymousUser())
    made = {text: actions.post_item(workshop, seat, text=text, prompt_id=prompt.pk).pk
            for text in ("Yhteinen kalenteri", "Pyöräparkki", "Kahvi ennen palaveria")}
    calendars = actions.save_cluster(workshop, by=world.developer, title="Kalenterit",
                                     prompt_id=prompt.pk)
    bikes = actions.save_cluster(workshop, by=world.developer, title="Pyöräily",
                                 prompt_id=prompt.pk)
    actions.moderate(workshop, made["Yhteinen kalenteri"], by=world.developer,
                     cluster_id=calendars.pk)
    actions.moderate(workshop, made["Pyöräparkki"], by=world.developer, cluster_id=bikes.pk)
    actions.set_phase(workshop, "vote", by=world.developer)
    for text, n in (("Kahvi ennen palaveria", 3), ("Pyöräparkki", 2)):
        for _ in range(n):
            actions.vote(workshop, seat, made[text])
    actions.set_phase(workshop, "results", by=world.developer)
    workshop.refresh_from_db()

    phone = join_on_phone(open_live_page, workshop, "Timo")
    expect(phone.locator(".cluster-heading")).to_have_count(0)
    fac = open_live_page(world.developer)
    fac.goto(f"/tyopajat/{workshop.pk}/")
    expect(fac.locator("#board .cluster-heading")).to_have_count(3)
    axe(fac)
    fac.locator(f"form[action='/tyopajat/{workshop.pk}/paljasta/'] button[type=submit]").click()
    headings = phone.locator("#board .cluster-heading")
    expect(headings).to_have_count(3, timeout=LIVE_MS)
    expect(headings.nth(0)).to_contain_text("Pyöräily")
    expect(headings.nth(0)).to_contain_text("2")
    expect(headings.nth(1)).to_contain_text("Kalenterit")
    order = [made[t] for t in ("Pyöräparkki", "Yhteinen kalenteri", "Kahvi ennen palaveria")]
    expect(phone.locator("#board li.item")).to_have_count(3)
    assert [int(x) for x in phone.locator("#board li.item").evaluate_all(
        "items => items.map(li => li.dataset.id)")] == order
    expect(phone.locator(f"#item-{made['Kahvi ennen palaveria']} [data-field=rank]")) \
        .to_have_text("1")
    expect(phone.locator(f"#item-{made['Pyöräparkki']} [data-field=rank]")).to_have_text("2")
    assert phone.evaluate("() => window.notReloaded === true")
    axe(phone)
    # Hidden again: one list in the order posted, no standings.
    fac.locator(f"form[action='/tyopajat/{workshop.pk}/paljasta/'] button[type=submit]").click()
    expect(phone.locator(".cluster-heading")).to_have_count(0, timeout=LIVE_MS)
    expect(phone.locator("#board [data-field=rank-line]").first).to_be_hidden()
    assert [int(x) for x in phone.locator("#board li.item").evaluate_all(
        "items => items.map(li => li.dataset.id)")] == sorted(made.values())
    assert not open_live_page.problems, open_live_page.problems


def test_a_board_whose_token_has_expired_still_votes_through_the_form(open_live_page, world):
    from django.contrib.auth.models import AnonymousUser

    workshop = actions.create_workshop(world.org, by=world.developer, title="Vanha sivu",
                                       prompts=["Mikä sujuu?"], dots_per_participant=2,
                                       max_dots_per_item=2)
    author = actions.join(workshop, user=AnonymousUser())
    item = actions.post_item(workshop, author, text="Yhteinen kalenteri",
                             prompt_id=workshop.prompts.get().pk).pk
    actions.set_phase(workshop, "vote", by=world.developer)
    workshop.refresh_from_db()
    phone = join_on_phone(open_live_page, workshop, "Timo")
    # The page's token no longer passes, as on a board left open for more than a day.
    phone.evaluate("() => { document.getElementById('board').dataset.token = 'vanha'; }")
    with phone.expect_response(lambda r: r.url.endswith(f"/w/{workshop.code}/ideat/{item}/piste/")
                               ) as by_form:
        phone.locator(f"#item-{item} form[data-live-form=dot] button[type=submit]").tap()
    assert by_form.value.status == 200
    expect(phone.locator(f"#item-{item} [data-field=mine]")).to_have_text("1")
    expect(phone.locator("[data-dots-left]").first).to_have_text("1")
    assert Dot.objects.filter(workshop=workshop, item_id=item).count() == 1
    assert phone.evaluate("() => window.notReloaded === true")
