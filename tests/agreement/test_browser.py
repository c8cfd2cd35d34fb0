"""The agreement pages in a real browser, checked with axe-core (WCAG 2.1 AA).

Needs Debian's Chromium and axe-core (``make browser-deps`` installs it under
``tests/browser/node_modules``); skipped with a message when either is missing.
"""

import datetime
import os
from pathlib import Path

import pytest

from tests.agreement.helpers import make_agreement, make_document, make_index

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).parents[1] / "browser" / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM), reason="Chromium is not installed"
    ),
    pytest.mark.skipif(
        not AXE.exists(), reason="axe-core is not installed (make browser-deps)"
    ),
]


def test_agreement_pages_pass_axe(live_server, transactional_db):
    from playwright.sync_api import sync_playwright
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    index = make_index(home)
    old = make_agreement(
        index,
        slug="v2016",
        title="Överenskommelse 2016",
        valid_from=datetime.date(2016, 7, 1),
        decision_date=datetime.date(2016, 6, 16),
    )
    new = make_agreement(
        index,
        principles=3,
        milestones=3,
        supersedes=old,
        signed_document=make_document(),
        body=[("heading", "Bakgrund"), ("paragraph", "<p>Text.</p>")],
        easy_read_body=[("paragraph", "<p>Lätt text.</p>")],
    )
    paths = [index.url, new.url, new.url + "lattlast/", old.url]
    script = AXE.read_text()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox"]
        )
        try:
            for width in (1280, 360):
                page = browser.new_page(viewport={"width": width, "height": 900})
                for path in paths:
                    response = page.goto(live_server.url + path)
                    assert response.status == 200, path
                    page.add_script_tag(content=script)
                    result = page.evaluate(
                        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
                    )
                    violations = [
                        (v["id"], [n["target"] for n in v["nodes"]])
                        for v in result["violations"]
                    ]
                    assert violations == [], (width, path, violations)
                page.close()
        finally:
            browser.close()
