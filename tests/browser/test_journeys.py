"""Whole journeys through the app in headless Chromium, checked with axe-core on every page.

Selectors rely on ids, names and URLs rather than wording, so the tests do not depend on
translations.
"""

import re

import pytest
from django.utils import formats, translation
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tuuma.evaluation.models import summary
from tuuma.ideas.models import Idea
from tuuma.notifications.models import Notification
from tuuma.organizations.models import Unit

from .helpers import axe, sign_in, visit

pytestmark = pytest.mark.django_db(transaction=True)

IDEA_URL = re.compile(r"/ideat/(\d+)/(#\w*)?$")  # a redirect keeps the skip link's #main


def submit_url(world):
    return f"/o/{world.org.slug}/ideat/uusi/"


# --- 1. Submitting an idea on a phone ---------------------------------------------------------

@pytest.mark.browser
def test_employee_submits_an_idea_on_a_phone(open_page, world):
    page = open_page(phone=True)
    sign_in(page, world.employee, PASSWORD, desktop_too=True)
    axe(page, desktop_too=True)  # the home page

    page.locator(f"main a[href='{submit_url(world)}']").tap()
    expect(page).to_have_url(re.compile(re.escape(submit_url(world)) + "$"))
    expect(page.locator("h1")).to_be_visible()
    axe(page, desktop_too=True)

    page.locator("#id_title").fill("Lainattavat sateenvarjot")
    page.locator("#id_problem").fill("Asiakkaat kastuvat matkalla bussipysäkille.")
    page.locator("#id_proposal").fill("Lainataan sateenvarjoja kirjastokortilla.")
    staff = page.locator("input[name=beneficiaries][value=staff]")
    staff.tap()
    expect(staff).to_be_checked()
    unit = page.locator(f"input[name=units][value='{world.unit.pk}']")
    unit.tap()
    expect(unit).to_be_checked()
    page.locator("main form button[type=submit]").tap()

    expect(page).to_have_url(IDEA_URL)
    expect(page.locator("h1")).to_have_text("Lainattavat sateenvarjot")
    expect(page.locator("main .meta .badge.status-submitted")).to_be_visible()
    expect(page.locator(".messages .message-success")).to_be_visible()
    axe(page, desktop_too=True)

    idea = Idea.objects.get(pk=IDEA_URL.search(page.url).group(1))
    assert idea.author == world.employee
    assert idea.beneficiaries == "staff"
    assert list(idea.units.all()) == [world.unit]


# --- 2. From evaluation to a decision the author reads ----------------------------------------

def evaluate(page, idea, pick):
    """As an evaluator: open the queue, open the idea, score every criterion and submit."""
    on_phone = page.viewport_size["width"] < 600
    visit(page, "/arviointi/", desktop_too=on_phone)
    page.get_by_role("link", name=idea.title).click()
    expect(page).to_have_url(re.compile(r"/arviointi/\d+/$"))
    axe(page, desktop_too=on_phone)
    groups = page.locator("main form fieldset")
    expect(groups).to_have_count(idea.organization.criteria.filter(active=True).count())
    for i in range(groups.count()):
        radio = pick(groups.nth(i).locator("input[type=radio]"))
        radio.check()
        expect(radio).to_be_checked()
    page.locator("#id_comment").fill("Hyvä ajatus, kokeillaan.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/arviointi/$"))
    expect(page.locator(".messages .message-success")).to_be_visible()
    expect(page.get_by_role("link", name=idea.title)).to_have_attribute(
        "href", idea.get_absolute_url())  # now under "evaluated"
    axe(page)


@pytest.mark.browser
def test_evaluation_decision_and_the_author_reads_it(open_page, world, idea):
    idea_url = idea.get_absolute_url()

    # The internal developer assigns two colleagues.
    developer = open_page(world.developer)
    visit(developer, idea_url)
    assign = developer.locator(f"form[action='/arviointi/idea/{idea.pk}/arvioijat/']")
    assign.locator("select#id_evaluators").select_option(
        [str(world.coworker.pk), str(world.steward.pk)])
    assign.locator("button[type=submit]").click()
    expect(developer.locator(".messages .message-success")).to_be_visible()
    waiting = developer.locator("section[aria-labelledby=h-eval]")
    expect(waiting).to_contain_text(world.coworker.full_name)
    expect(waiting).to_contain_text(world.steward.full_name)
    axe(developer)

    # Both evaluators score every criterion: one on a phone, one on a desktop.
    evaluate(open_page(world.coworker, phone=True), idea, lambda radios: radios.last)
    evaluate(open_page(world.steward), idea, lambda radios: radios.nth(2))

    # The decision-maker sees the weighted score and accepts the idea with a reason.
    with translation.override("fi"):
        expected_score = formats.localize(summary(idea)["score"])
    decider = open_page(world.decider)
    visit(decider, idea_url)
    expect(decider.locator(".panel .score")).to_contain_text(f"{expected_score} / 100")
    decide = decider.locator(f"form[action='/ideat/{idea.pk}/paata/']")
    decide.locator("button[type=submit]").click()  # no decision chosen yet
    errors = decide.locator(".error-summary")
    expect(errors).to_be_focused()
    axe(decider)
    errors.locator("a[href='#id_outcome']").click()  # leads to the first choice of the group
    expect(decide.locator("input[name=outcome]").first).to_be_focused()
    decide.locator("input[name=outcome][value=accepted]").check()
    reason = "Kokeilu alkaa maaliskuussa pääkirjastossa."
    decide.locator("textarea[name=reason]").fill(reason)
    decide.locator("button[type=submit]").click()
    expect(decider.locator(".messages .message-success")).to_be_visible()
    expect(decider.locator(".decision")).to_contain_text(reason)
    axe(decider)

    # The author signs in and reads the decision, its reason and the notification.
    author = open_page(phone=True)
    sign_in(author, world.employee, PASSWORD)
    axe(author, desktop_too=True)  # home, listing the new notification
    visit(author, idea_url, desktop_too=True)
    decision = author.locator("section.decision")
    expect(decision).to_contain_text(reason)
    expect(decision).to_contain_text(world.decider.full_name)
    expect(author.locator("main .meta .badge.status-accepted")).to_be_visible()

    author.locator("nav.main-nav a[href='/ilmoitukset/']").click()
    expect(author).to_have_url(re.compile(r"/ilmoitukset/$"))
    axe(author, desktop_too=True)
    expect(author.locator("ul.notifications li", has_text=idea.title).first).to_be_visible()
    assert Notification.objects.filter(user=world.employee, idea=idea, kind="status",
                                       params__status="accepted").exists()


# --- 3. The submit form with the keyboard only ------------------------------------------------

FOCUSED = """() => {
  const e = document.activeElement;
  const r = e.getBoundingClientRect();
  const s = getComputedStyle(e);
  const key = e.id || (e.tagName === 'BUTTON' && e.form
      ? 'button:' + new URL(e.form.action).pathname : null)
    || (e.tagName === 'A' ? 'a:' + e.getAttribute('href') : e.tagName.toLowerCase());
  return {
    key, tag: e.tagName.toLowerCase(), value: e.value, checked: !!e.checked,
    top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left + scrollX,
    width: r.width, height: r.height,
    inViewport: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
      && r.right > 0 && r.left < innerWidth,
    indicator: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
      || s.boxShadow !== 'none',
  };
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def tab(page, shift=False):
    """Press Tab (or Shift+Tab) and check the newly focused control can be seen."""
    page.keyboard.press("Shift+Tab" if shift else "Tab")
    stop = focused(page)
    assert stop["inViewport"], f"focused {stop['key']} is not on screen"
    assert stop["indicator"], f"focused {stop['key']} has no visible focus indicator"
    return stop


def assert_reading_order(stops):
    """Each stop is on the same line to the right of the previous one, or below it."""
    for before, after in zip(stops, stops[1:], strict=False):
        same_line = after["top"] < before["bottom"] and before["top"] < after["bottom"]
        if same_line:
            assert after["left"] >= before["left"], f"{after['key']} is left of {before['key']}"
        else:
            assert after["top"] >= before["bottom"] - 1, (
                f"{after['key']} comes after {before['key']} but is above it")


@pytest.mark.browser
def test_submit_form_with_the_keyboard_only(open_page, world):
    page = open_page(world.employee)
    visit(page, submit_url(world))
    slug = world.org.slug

    # Skip link first, then the header in visual order, then the first field.
    header = ["a:#main", "a:/", "lang-select", "button:/kieli/", "a:/",
              f"a:/o/{slug}/ideat/", f"a:/o/{slug}/teot/", f"a:/o/{slug}/tyopajat/",
              "a:/katalogi/", "a:/haku/",
              "a:/ideat/omat/", "a:/arviointi/", "a:/ilmoitukset/",
              "a:/tili/asetukset/", "button:/tili/ulos/"]
    stops = []
    for _ in range(len(header) + 1):
        stops.append(tab(page))
    assert [s["key"] for s in stops] == [*header, "id_title"]
    assert_reading_order(stops)

    # Shift+Tab walks back the same way.
    back = [tab(page, shift=True)["key"] for _ in header]
    assert back == list(reversed(header))

    # The skip link moves focus to main; the next Tab lands on the first field.
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    stops = [tab(page)]
    assert stops[-1]["key"] == "id_title"
    page.keyboard.type("Näppäimistöllä lähetetty idea")
    stops.append(tab(page))
    assert stops[-1]["key"] == "id_problem"
    page.keyboard.type("Lomakkeet ovat hankalia ilman hiirtä.")
    stops.append(tab(page))
    assert stops[-1]["key"] == "id_proposal"
    page.keyboard.type("Testataan jokainen lomake näppäimistöllä.")

    # A radio group is one stop (on the checked choice); arrows choose, Space confirms.
    stops.append(tab(page))
    assert (stops[-1]["key"], stops[-1]["value"]) == ("id_beneficiaries_2", "both")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    radio = focused(page)
    assert (radio["value"], radio["checked"]) == ("staff", True)

    # Every unit checkbox is a stop of its own; Space checks the library.
    units = Unit.objects.filter(organization=world.org).count()
    for i in range(units):
        stops.append(tab(page))
        assert stops[-1]["key"] == f"id_units_{i}"
        if stops[-1]["value"] == str(world.unit.pk):
            page.keyboard.press("Space")
            assert focused(page)["checked"]

    stops.append(tab(page))
    assert stops[-1]["key"] == "id_coauthors"
    page.keyboard.type(world.coworker.email)
    stops.append(tab(page))
    assert stops[-1]["key"] == "id_hide_author"
    page.keyboard.press("Space")
    assert focused(page)["checked"]
    stops.append(tab(page))
    assert stops[-1]["key"] == "id_attachments"
    stops.append(tab(page))
    assert stops[-1]["key"] == f"button:{submit_url(world)}"
    assert_reading_order(stops)
    assert tab(page, shift=True)["key"] == "id_attachments"
    assert tab(page)["key"] == f"button:{submit_url(world)}"

    page.keyboard.press("Enter")
    expect(page).to_have_url(IDEA_URL)
    expect(page.locator("h1")).to_have_text("Näppäimistöllä lähetetty idea")
    axe(page)
    idea = Idea.objects.get(pk=IDEA_URL.search(page.url).group(1))
    assert idea.beneficiaries == "staff" and idea.hide_author
    assert list(idea.units.all()) == [world.unit]
    assert list(idea.coauthors.all()) == [world.coworker]


# --- 4. A rejected form keeps what was typed and leads to the error ---------------------------

@pytest.mark.browser
def test_rejected_form_error_summary(open_page, world):
    page = open_page(world.employee, phone=True)
    visit(page, submit_url(world))
    page.locator("#id_problem").fill("Tulostin jumittaa joka aamu.")
    page.locator("#id_proposal").fill("Vaihdetaan tulostin uudempaan.")
    page.locator("input[name=beneficiaries][value=staff]").check()
    page.locator(f"input[name=units][value='{world.unit.pk}']").check()
    page.locator("#id_coauthors").fill(world.coworker.email)
    page.locator("main form button[type=submit]").click()

    summary_box = page.locator(".error-summary")
    expect(summary_box).to_be_visible()
    expect(summary_box).to_be_focused()
    label = page.locator("label[for=id_title]").inner_text().replace("*", "").strip()
    link = summary_box.locator("a[href='#id_title']")
    expect(link).to_contain_text(label)
    title = page.locator("#id_title")
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_have_attribute("aria-describedby", re.compile(r"\bid_title_error\b"))
    axe(page, desktop_too=True)

    # What was typed is still there.
    expect(title).to_have_value("")
    expect(page.locator("#id_problem")).to_have_value("Tulostin jumittaa joka aamu.")
    expect(page.locator("#id_proposal")).to_have_value("Vaihdetaan tulostin uudempaan.")
    expect(page.locator("input[name=beneficiaries][value=staff]")).to_be_checked()
    expect(page.locator(f"input[name=units][value='{world.unit.pk}']")).to_be_checked()
    expect(page.locator("#id_coauthors")).to_have_value(world.coworker.email)

    # The summary's link (followed with the keyboard) puts focus in the field.
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(title).to_be_focused()
    page.keyboard.type("Uusi tulostin")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(IDEA_URL)
    expect(page.locator("h1")).to_have_text("Uusi tulostin")
    axe(page)
