"""A running demo site and a Chromium driven by Playwright, for browser tests.

The demo site is the example site with its demo content, served by
``runserver`` from a throwaway SQLite database, exactly as ``make demo`` does.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
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


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """Base URL of a freshly built demo site."""
    workdir = tmp_path_factory.mktemp("demo")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'demo.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "example_site.settings",
        "DEBUG": "1",
        "PYTHONUNBUFFERED": "1",
    }
    manage = [sys.executable, str(REPO / "example_site" / "manage.py")]
    for command in (
        ["migrate", "--noinput", "-v", "0"],
        ["samverkan_demo", "--beside-pages"],
    ):
        subprocess.run(
            manage + command, env=env, check=True, cwd=REPO, capture_output=True
        )
    port = _free_port()
    log = open(workdir / "server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        env=env,
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail("The demo server did not start in 30 s")
    if server.poll() is not None:
        pytest.fail("The demo server stopped: " + (workdir / "server.log").read_text())
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)
    log.close()
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
