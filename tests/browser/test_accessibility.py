"""Every public page of the demo site, checked with axe-core in Chromium.

The crawl follows links from the home page (and the sitemap), so the pages
each area adds to the demo are checked without listing them here. Feeds and
exports (anything not served as HTML) are skipped.
"""

import json
import urllib.request
from collections import deque
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from .conftest import AXE

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SKIP_PREFIXES = (
    "/admin/",
    "/documents/",
    "/media/",
    "/static/",
    "/api/",
    "/django-admin/",
)
MAX_PAGES = 250


def _content_type(url):
    request = urllib.request.Request(url, method="HEAD")
    with urllib.request.urlopen(request, timeout=20) as response:
        return response.headers.get("Content-Type", "")


def _sitemap_urls(base):
    try:
        with urllib.request.urlopen(base + "/sitemap.xml", timeout=20) as response:
            text = response.read().decode()
    except OSError:
        return []
    urls = []
    for chunk in text.split("<loc>")[1:]:
        path = urlparse(chunk.split("</loc>")[0]).path
        urls.append(base + path)
    return urls


def crawl(page, base):
    """Yield (url, page) for every same-site HTML page reachable from the home page."""
    queue = deque([base + "/"] + _sitemap_urls(base))
    seen = set()
    while queue and len(seen) < MAX_PAGES:
        url = urldefrag(queue.popleft())[0]
        parsed = urlparse(url)
        if url in seen or parsed.netloc != urlparse(base).netloc:
            continue
        if parsed.path.startswith(SKIP_PREFIXES):
            continue
        seen.add(url)
        if "text/html" not in _content_type(url):
            continue
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, (
            f"{url} gave {response.status}"
        )
        yield url
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            queue.append(urljoin(url, href))


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return result["violations"]


def test_every_demo_page_passes_axe(demo_site, browser_page):
    failures = {}
    checked = []
    for url in crawl(browser_page, demo_site):
        checked.append(url)
        violations = axe_violations(browser_page)
        if violations:
            failures[url] = [
                {
                    "rule": v["id"],
                    "impact": v["impact"],
                    "help": v["help"],
                    "targets": [node["target"] for node in v["nodes"][:5]],
                }
                for v in violations
            ]
    assert len(checked) >= 2, checked
    assert not failures, json.dumps(failures, indent=2, ensure_ascii=False)


def test_axe_finds_a_known_violation(demo_site, browser_page):
    """The harness itself works: an image without alt text is reported."""
    browser_page.goto(demo_site + "/")
    browser_page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')"
    )
    rules = {v["id"] for v in axe_violations(browser_page)}
    assert "image-alt" in rules


def test_pages_read_without_javascript(demo_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site + "/")
    assert page.locator("h1").first.inner_text().strip()
    assert page.locator("a.skip-link").get_attribute("href") == "#main"
    context.close()


def test_skip_link_moves_focus_to_main(demo_site, browser_page):
    browser_page.goto(demo_site + "/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("location.hash") == "#main"
