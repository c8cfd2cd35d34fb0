"""Every demo page, and every page type empty, checked by the W3C Nu HTML Checker.

The checker is ``vnu-jar`` from npm (locked in ``tests/clients``), run with
Java. The pages come from the example site with its demo content, served by
``runserver`` as ``make demo`` serves them; the crawl follows links from the
home page and the sitemap, and adds each listing's empty state (a search that
finds nothing, a month without meetings). Without Java or ``vnu.jar`` the test
is skipped with a message saying so; CI installs both.
"""

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from tests.servers import (
    MANAGE,
    copy_database,
    free_port,
    site_env,
    start_server,
    stop_server,
)

pytestmark = pytest.mark.html

VNU = (
    Path(__file__).resolve().parent / "clients/node_modules/vnu-jar/build/dist/vnu.jar"
)
SKIP_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/", "/api/")
MAX_PAGES = 250
#: The empty state of each listing, on every register and calendar found.
EMPTY_STATES = ("?q=zzyzx-finns-inte", "?month=1990-01", "?page=1&status=planned")


def missing_checker():
    if shutil.which("java") is None:
        return "Java not found: apt-get install default-jre-headless"
    if not VNU.exists():
        return "vnu-jar not installed: run `make client-deps`"
    return None


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


def fetch(url):
    """(status, content type, text) of ``url``; errors are answers too."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            kind = response.headers.get("Content-Type", "")
            return response.status, kind, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), ""


def sitemap_urls(base):
    status, _, text = fetch(base + "/sitemap.xml")
    if status != 200:
        return []
    return [
        base + urlparse(chunk.split("</loc>")[0]).path
        for chunk in text.split("<loc>")[1:]
    ]


def crawl(base):
    """{url: html} for every same-site HTML page reachable from the home page."""
    queue = deque([base + "/"] + sitemap_urls(base))
    seen, pages, listings = set(), {}, set()
    while queue and len(seen) < MAX_PAGES:
        url = urldefrag(queue.popleft())[0]
        parsed = urlparse(url)
        if url in seen or parsed.netloc != urlparse(base).netloc:
            continue
        if parsed.path.startswith(SKIP_PREFIXES):
            continue
        seen.add(url)
        status, kind, text = fetch(url)
        if "text/html" not in kind:
            continue
        assert status == 200, f"{url} gave {status}"
        pages[url] = text
        if 'class="sv-filter"' in text and not parsed.query:
            listings.add(url)
        links = Links()
        links.feed(text)
        queue.extend(urljoin(url, href) for href in links.hrefs)
    for url in sorted(listings):
        for query in EMPTY_STATES:
            status, kind, text = fetch(url + query)
            if status == 200 and "text/html" in kind:
                pages[url + query] = text
    return pages


@pytest.fixture(scope="module")
def demo_pages(tmp_path_factory, demo_database):
    reason = missing_checker()
    if reason:
        pytest.skip(f"HTML validation skipped: {reason}")
    workdir = tmp_path_factory.mktemp("vnu")
    env = site_env(copy_database(demo_database, workdir))
    port = free_port()
    server = start_server(
        MANAGE + ["runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        env,
        port,
        workdir / "server.log",
    )
    try:
        yield crawl(f"http://127.0.0.1:{port}"), workdir
    finally:
        stop_server(server)
        shutil.rmtree(workdir / "media", ignore_errors=True)


def test_every_demo_page_is_valid_html(demo_pages):
    pages, workdir = demo_pages
    # Each kind of page is there, each listing with its empty state.
    paths = {urlparse(url).path for url in pages}
    assert len(pages) >= 20, sorted(pages)
    assert any("?q=zzyzx" in url for url in pages), "no empty register found"
    assert any("?month=1990-01" in url for url in pages), "no empty calendar found"
    assert any(path.endswith("/lattlast/") for path in paths), "no easy-read page"
    files = {}
    for number, (url, html) in enumerate(sorted(pages.items())):
        path = workdir / f"page-{number:03}.html"
        path.write_text(html, encoding="utf-8")
        files[path.as_uri()] = url
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url'), m.get('url'))} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    assert errors == [], "\n".join(errors)
