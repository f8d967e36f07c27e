"""axe-core on the pages the journeys do not reach, for each role that sees them.

Every `visit()` checks the HTTP status and runs axe (WCAG 2.0/2.1 A and AA) on the page.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PASSWORD, IdeaFactory
from tuuma.evaluation.actions import assign_evaluators
from tuuma.ideas.actions import add_comment, decide
from tuuma.organizations.models import Membership

from .helpers import axe, sign_in, visit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def busy(world, idea):
    """A lived-in organization: a page and a half of ideas, some overdue, one decided, an
    evaluation waiting for the employee and unread notifications."""
    long_ago = timezone.now() - timedelta(days=60)
    for n in range(27):
        made = IdeaFactory(organization=world.org, author=world.coworker,
                           title=f"Idea {n + 1}: parempi perehdytys",
                           created_at=long_ago if n < 3 else timezone.now())
        made.units.set([world.unit if n % 2 else world.other_unit])
    assign_evaluators(idea, by=world.developer, evaluators=[world.coworker, world.employee])
    other = IdeaFactory(organization=world.org, author=world.employee, title="Pyöräparkki")
    decide(other, by=world.decider, outcome="declined", reason="Tila ei riitä.")
    add_comment(idea, by=world.coworker, body="Hyvä idea!")
    return idea


@pytest.mark.browser
def test_pages_signed_out(open_page, world):
    page = open_page(phone=True)
    visit(page, "/", desktop_too=True)  # the welcome page
    visit(page, "/tili/kirjaudu/", desktop_too=True)

    # A failed sign-in: error summary, field kept.
    page.locator("#id_username").fill(world.employee.email)
    page.locator("#id_password").fill("väärä salasana")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator("#id_username")).to_have_value(world.employee.email)
    axe(page, desktop_too=True)

    visit(page, "/tili/salasana/unohtunut/", desktop_too=True)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_focused()
    axe(page)
    page.locator("#id_email").fill(world.employee.email)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/tili/salasana/lahetetty/$"))
    axe(page)
    visit(page, "/tili/salasana/uusi/eiole/vanhentunut/")  # an invalid link

    # The accessibility statement and its feedback form, rejected and then sent.
    visit(page, "/saavutettavuusseloste/", desktop_too=True)
    form = page.locator("section[aria-labelledby=a-feedback] form")
    form.locator("button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_focused()
    axe(page, desktop_too=True)
    page.locator("#id_message").fill("Kontrasti on liian heikko painikkeissa.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages .message-success")).to_be_visible()
    axe(page)

    visit(page, "/ei-tallaista-sivua/", status=404, desktop_too=True)


@pytest.mark.browser
def test_pages_of_an_employee(open_page, world, busy):
    page = open_page(phone=True)
    sign_in(page, world.employee, PASSWORD)
    axe(page, desktop_too=True)  # home: my ideas, notifications, an evaluation waiting
    expect(page.locator("main section[aria-labelledby=h-notes] button")).not_to_have_count(0)

    # The idea list, then filtered and sorted through the (collapsed) filter form.
    slug = world.org.slug
    visit(page, f"/o/{slug}/ideat/", desktop_too=True)
    expect(page.locator("nav.main-nav a[aria-current=page]")).to_have_attribute(
        "href", f"/o/{slug}/ideat/")
    expect(page.locator("nav.pagination")).to_be_visible()
    page.locator("details.filters > summary").click()
    page.locator("#id_status").select_option("submitted")
    page.locator("#id_unit").select_option(str(world.unit.pk))
    page.locator("#id_sort").select_option("old")
    page.locator("details.filters form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"status=submitted"))
    expect(page.locator("details.filters")).to_have_attribute("open", "")
    expect(page.locator("ul.idea-list > li").first).to_contain_text("parempi perehdytys")
    axe(page, desktop_too=True)
    visit(page, f"/o/{slug}/ideat/?age=bogus")  # an invalid filter shows its error

    # The navigation tells which of its pages is shown.
    for path in ("/ideat/omat/", "/arviointi/", "/ilmoitukset/", "/tili/asetukset/"):
        visit(page, path, desktop_too=True)
        current = page.locator("nav.main-nav a[aria-current=page]")
        expect(current).to_have_count(1)
        expect(current).to_have_attribute("href", path)
    page.locator("#id_full_name").fill("")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_focused()
    axe(page)
    visit(page, "/tili/sahkoposti/")
    visit(page, "/tili/salasana/")
    visit(page, f"/o/{slug}/", desktop_too=True)
    visit(page, f"/o/{world.other_org.slug}/", status=404)  # not a member


@pytest.mark.browser
def test_pages_of_a_steward_and_a_developer(open_page, world, busy):
    steward = open_page(world.steward, phone=True)
    visit(steward, f"/o/{world.org.slug}/", desktop_too=True)
    expect(steward.locator("section[aria-labelledby=h-part] table")).to_be_visible()
    visit(steward, f"/o/{world.org.slug}/odottavat/", desktop_too=True)
    expect(steward.locator("main ul.idea-list > li")).not_to_have_count(0)

    developer = open_page(world.developer)
    visit(developer, busy.get_absolute_url())  # assign, merge and evaluation panels
    visit(developer, f"/ideat/{busy.pk}/muokkaa/")
    visit(developer, "/ideat/999999/", status=404)

    # Merging a duplicate (its note has an id of its own beside the decision form's reason).
    duplicate = IdeaFactory(organization=world.org, author=world.coworker,
                            title="Kirjasto auki myös iltaisin")
    visit(developer, duplicate.get_absolute_url())
    merge = developer.locator(f"form[action='/ideat/{duplicate.pk}/yhdista/']")
    developer.locator("details.panel", has=merge).locator("summary").click()
    merge.locator("select").select_option(str(busy.pk))
    merge.locator("label[for=merge_reason]").click()
    developer.keyboard.type("Sama ehdotus kuin kirjaston aukioloajoissa.")
    merge.locator("button[type=submit]").click()
    expect(developer.locator("main .meta .badge.status-merged")).to_be_visible()
    expect(developer.locator("section.decision")).to_contain_text("Sama ehdotus")
    axe(developer)


@pytest.mark.browser
def test_pages_of_an_admin(open_page, world, busy):
    page = open_page(world.admin, phone=True)
    slug = world.org.slug
    visit(page, f"/o/{slug}/", desktop_too=True)
    visit(page, f"/o/{slug}/hallinta/ihmiset/?q=testila", desktop_too=True)
    member = Membership.objects.get(user=world.coworker, organization=world.org)
    visit(page, f"/o/{slug}/hallinta/ihmiset/{member.pk}/")
    visit(page, f"/o/{slug}/hallinta/kutsu/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_focused()
    axe(page)
    visit(page, f"/o/{slug}/hallinta/yksikot/", desktop_too=True)
    visit(page, f"/o/{slug}/hallinta/yksikot/?edit={world.unit.pk}")
    visit(page, f"/o/{slug}/hallinta/asetukset/", desktop_too=True)
    visit(page, f"/arviointi/o/{slug}/kriteerit/", desktop_too=True)
    criterion = world.org.criteria.first()
    visit(page, f"/arviointi/o/{slug}/kriteerit/?edit={criterion.pk}")

    # The CSV import: a dry run of a good file, then a file with problems.
    visit(page, f"/o/{slug}/hallinta/tuonti/", desktop_too=True)
    expect(page.locator("#id_dry_run")).to_be_checked()
    good = "name,email,unit,roles\nMaija Meikäläinen,maija@testila.fi,Kirjasto,kehittäjä\n"
    page.locator("#id_file").set_input_files(
        files=[{"name": "ihmiset.csv", "mimeType": "text/csv", "buffer": good.encode()}])
    page.locator("main form button[type=submit]").click()
    report = page.locator("section.report")
    expect(report).to_be_focused()
    expect(report.locator("table")).to_have_count(0)
    axe(page, desktop_too=True)
    bad = "name,email,unit,roles\nMaija,ei-osoite,Kuuta ei ole,\n,pekka@testila.fi,,\n"
    page.locator("#id_file").set_input_files(
        files=[{"name": "ihmiset.csv", "mimeType": "text/csv", "buffer": bad.encode()}])
    page.locator("main form button[type=submit]").click()
    expect(report.locator("table tbody tr")).not_to_have_count(0)
    expect(report).to_be_focused()
    axe(page, desktop_too=True)
    assert not Membership.objects.filter(user__email="maija@testila.fi").exists()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_pages_in_swedish_and_english(open_page, world, language):
    """The header's language form switches the language (with its button, no JavaScript
    needed) and the page stays where it was."""
    page = open_page(world.employee, phone=True)
    submit = f"/o/{world.org.slug}/ideat/uusi/"
    visit(page, submit)
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    page.locator("#lang-select").select_option(language)
    expect(page.locator("html")).to_have_attribute("lang", "fi")  # nothing happens on change
    page.locator("form.lang-switch button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page).to_have_url(re.compile(re.escape(submit) + "$"))
    expect(page.locator("#lang-select")).to_have_value(language)
    axe(page, desktop_too=True)

    page.locator("main form button[type=submit]").click()  # rejected, in that language
    expect(page.locator(".error-summary")).to_be_focused()
    axe(page)
    visit(page, "/", desktop_too=True)
    visit(page, "/saavutettavuusseloste/")
    visit(page, "/ei-tallaista-sivua/", status=404)


@pytest.mark.browser
def test_axe_helper_reports_what_it_finds(open_page):
    """The checks above mean something: a page with known faults fails them."""
    page = open_page()
    page.set_content("""<html><title>x</title><body><main><h1>Otsikko</h1><h4>Väli</h4>
        <p style="color:#aaa">Haalea</p><input id="a"><input id="a"></main></body></html>""")
    with pytest.raises(AssertionError) as failure:
        axe(page)
    for rule in ("html-has-lang", "color-contrast", "heading-order", "label"):
        assert rule in str(failure.value)
    page.set_content("<html lang='fi'><title>x</title><main><h1>Hei</h1>"
                     "<p id='a'>a</p><p id='a'>b</p></main></html>")
    with pytest.raises(AssertionError, match=r"duplicate ids .*\['a'\]"):
        axe(page)


@pytest.mark.browser
def test_scripts_work_under_the_real_content_security_policy(open_page, world):
    """The other tests bypass the CSP to inject axe; here it is enforced, as in production."""
    page = open_page(world.employee, phone=True, csp=True)
    problems = []
    submit = f"/o/{world.org.slug}/ideat/uusi/"

    def console(message):
        # The rejected form itself comes back as 400 Bad Request, which Chromium logs.
        rejected_form = "status of 400" in message.text and message.location["url"].endswith(
            submit)
        if message.type == "error" and not rejected_form:
            problems.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(submit)

    # The draft is saved as the person types, and the page says so (role=status).
    page.locator("#id_title").fill("Luonnos jää talteen")
    expect(page.locator("[data-draft-status]")).to_have_text(re.compile(r"\d"))
    page.goto(submit)
    expect(page.locator("#id_title")).to_have_value("Luonnos jää talteen")
    expect(page.locator(".messages")).to_be_visible()

    # A rejected form: the summary takes focus and its links lead into the fields.
    page.locator("#id_title").fill("")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_focused()
    page.locator(".error-summary a").first.click()
    expect(page.locator("#id_title")).to_be_focused()
    assert problems == []
