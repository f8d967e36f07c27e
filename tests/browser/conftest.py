"""Headless Chromium (Debian's, never a downloaded one) driven by Playwright's sync API.

One browser per test session (so one per xdist worker), a new context for every persona in a
test, and the app served by pytest-django's `live_server`. See helpers.py for axe and sign-in.
"""

import os

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect, sync_playwright

from .helpers import AXE_JS, CHROMIUM, DESKTOP, LAUNCH_ARGS, PHONE, TIMEOUT_MS

# Playwright's sync API runs an asyncio loop in the test thread, and from then on (for the rest
# of the session, other tests included) Django sees a running loop and would refuse the ORM
# calls that prepare data and the database set-up itself.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def _require_tools():
    missing = [str(p) for p in (CHROMIUM, AXE_JS) if not p.exists()]
    if missing:
        message = (f"Browser tests need {' and '.join(missing)} "
                   "(apt-get install chromium; npm ci for axe-core).")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    _require_tools()
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, live_server):
    """open_page(user=None, phone=False, csp=False) -> a page in a new browser context.

    `user` is signed in with a session cookie (helpers.sign_in uses the real login form).
    The context bypasses the app's Content-Security-Policy so that axe-core can be injected
    with a script tag, unless `csp` asks for the policy to be enforced as in production.
    """
    expect.set_options(timeout=TIMEOUT_MS)
    contexts = []

    def _open(user=None, *, phone=False, csp=False):
        context = browser.new_context(base_url=live_server.url, bypass_csp=not csp,
                                      locale="fi-FI", **(PHONE if phone else DESKTOP))
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                                  "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()
