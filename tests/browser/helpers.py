"""What the browser tests share: the tools' paths, viewports, axe-core and signing in."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Best-practice rules checked as well: headings, landmarks and the skip link.
AXE_EXTRA_RULES = ["heading-order", "page-has-heading-one", "empty-heading", "empty-table-header",
                   "landmark-one-main", "landmark-unique", "landmark-no-duplicate-banner",
                   "landmark-no-duplicate-contentinfo", "landmark-banner-is-top-level",
                   "landmark-contentinfo-is-top-level", "landmark-main-is-top-level", "region",
                   "skip-link"]
# WCAG 1.4.10 Reflow: the page itself never scrolls sideways (wide tables scroll in a box).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return null;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 1)
    .filter(e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return false; } return true; });
  // Text spilling out of its box (a long compound word) does not widen the box itself.
  const texts = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode()) && texts.length < 5;) {
    const range = document.createRange(); range.selectNodeContents(n);
    if (range.getBoundingClientRect().right > width + 1)
      texts.push(n.textContent.trim().slice(0, 60));
  }
  return {width, scrollWidth: document.documentElement.scrollWidth, texts,
          elements: wide.slice(0, 5).map(e => e.tagName.toLowerCase()
            + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))};
}"""
# axe no longer reports duplicate ids unless ARIA refers to them, but a label's `for` and the
# error summary's links do too.
DUPLICATE_IDS = """() => {
  const seen = {};
  document.querySelectorAll('[id]').forEach(e => { seen[e.id] = (seen[e.id] || 0) + 1; });
  return Object.keys(seen).filter(id => seen[id] > 1);
}"""

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
TIMEOUT_MS = 15_000


def _describe(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:8]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def axe(page: Page, *, desktop_too: bool = False) -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules and a few best practices) on the page and
    fail on any violation, on sideways scrolling of the page, or on a duplicate id.

    With desktop_too the check runs again at a desktop width (for pages first shown on a phone).
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    first = page.viewport_size
    sizes = [first] + ([DESKTOP["viewport"]] if desktop_too else [])
    for size in sizes:
        if size != page.viewport_size:
            page.set_viewport_size(size)
        result = page.evaluate(
            """([tags, extra]) => axe.run(document, {
                 runOnly: {type: 'tag', values: tags},
                 rules: Object.fromEntries(extra.map(id => [id, {enabled: true}])),
                 resultTypes: ['violations']})""", [AXE_TAGS, AXE_EXTRA_RULES])
        violations = result["violations"]
        assert not violations, (
            f"axe found {len(violations)} accessibility violation(s) on {page.url} "
            f"at {size['width']}×{size['height']}:\n{_describe(violations)}")
        overflow = page.evaluate(OVERFLOW)
        assert not overflow, f"{page.url} scrolls sideways at {size['width']} px: {overflow}"
    duplicates = page.evaluate(DUPLICATE_IDS)
    assert not duplicates, f"duplicate ids on {page.url}: {duplicates}"
    if page.viewport_size != first:
        page.set_viewport_size(first)


def visit(page: Page, path: str, *, status: int = 200, desktop_too: bool = False):
    """Go to a path, check the HTTP status, and run axe on what is shown."""
    response = page.goto(path)
    assert response is not None, path
    assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"
    axe(page, desktop_too=desktop_too)
    return response


def sign_in(page: Page, user, password: str, *, desktop_too: bool = False) -> None:
    """Sign in through the real login form (checked with axe on the way)."""
    visit(page, "/tili/kirjaudu/", desktop_too=desktop_too)
    email = page.locator("#id_username")
    expect(email).to_be_focused()  # autofocus on the only thing to do here
    email.fill(user.email)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("nav.main-nav")).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"/tili/kirjaudu/"))
