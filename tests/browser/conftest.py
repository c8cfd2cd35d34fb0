"""A running demo site and a Chromium driven by Playwright, for browser tests.

The demo site is the example site with its demo content, served by
``runserver`` from a throwaway copy of the session's demo database, exactly
as ``make demo`` does.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.servers import (
    MANAGE,
    copy_database,
    free_port,
    site_env,
    start_server,
    stop_server,
)

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("SAMVERKAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing_browser_tools():
    if not Path(CHROMIUM).exists():
        return (
            f"Chromium not found at {CHROMIUM}: install Debian's package "
            "(apt-get install chromium) or set SAMVERKAN_CHROMIUM"
        )
    if not AXE.exists():
        return "axe-core not installed: run `npm ci --prefix tests/browser`"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed: pip install -e '.[test]'"
    return None


def pytest_collection_modifyitems(config, items):
    reason = missing_browser_tools()
    if reason:
        skip = pytest.mark.skip(reason=f"browser tests skipped: {reason}")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory, demo_database):
    """Base URL of a freshly built demo site."""
    workdir = tmp_path_factory.mktemp("demo")
    env = site_env(copy_database(demo_database, workdir))
    port = free_port()
    server = start_server(
        MANAGE + ["runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        env,
        port,
        workdir / "server.log",
    )
    yield f"http://127.0.0.1:{port}"
    stop_server(server)
    shutil.rmtree(workdir / "media", ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()
