"""The API key page on a phone: create a key (shown once), revoke it; axe on every state."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import axe, visit


@pytest.mark.browser
def test_api_key_page(open_page, world):
    page = open_page(world.developer, phone=True)
    visit(page, "/tili/api-avaimet/", desktop_too=True)
    page.locator("main form button[type=submit]").click()  # an empty name
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)
    page.locator("#id_name").fill("Intranetin uutisnosto")
    page.locator("main form.stack button[type=submit]").click()
    key = page.locator("#new-key")
    expect(key).to_have_value(re.compile(r"^tuuma_"))
    axe(page, desktop_too=True)
    page.get_by_role("button", name="Intranetin uutisnosto").click()
    expect(page.locator(".messages")).to_contain_text("Intranetin uutisnosto")
    expect(page.locator("#new-key")).to_have_count(0)
    axe(page, desktop_too=True)
