"""Several server processes, each with its own cache, and a change made elsewhere.

The example site runs under gunicorn with four workers and the cache a stock
site has (a ``LocMemCache`` per process, unless ``REDIS_URL`` names a shared
one). Every worker caches the register, the calendar and its feed; then a
separate process publishes changes, as ``publish_scheduled`` from cron or an
import in a shell would. Every later response, whichever worker answers,
shows them.
"""

import importlib.util
import subprocess
import sys
import urllib.request

import pytest

from tests.servers import (
    MANAGE,
    REPO,
    copy_database,
    free_port,
    site_env,
    start_server,
    stop_server,
)

pytestmark = [
    pytest.mark.processes,
    pytest.mark.skipif(
        importlib.util.find_spec("gunicorn") is None,
        reason="gunicorn is not installed: pip install -e '.[test]'",
    ),
]

WORKERS = 4
# Enough requests that every worker answers some with near certainty
# (four workers: the chance that one of them gets none of 40 is about 1e-4).
ROUNDS = 40

PUBLISH_ELSEWHERE = """
from wagtail_samverkan.models import EventPage, PartnershipPage

for model, slug, title in (
    (PartnershipPage, "naturskola", "Naturskola för alla, nu året runt"),
    (EventPage, "samverkansradet", "Samverkansrådet i nya lokaler"),
):
    page = model.objects.get(slug=slug)
    page.title = title
    page.save_revision().publish()
PartnershipPage.objects.get(slug="dans-for-alla").unpublish()
"""


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return response.read().decode()


def seen(base):
    register = fetch(base + "/iop/")
    calendar = fetch(base + "/moten-och-evenemang/")
    feed = fetch(base + "/moten-och-evenemang/calendar.ics")
    return (
        "Naturskola för alla, nu året runt" in register,
        "Dans för alla" in register,
        "Samverkansrådet i nya lokaler" in calendar,
        "Samverkansrådet i nya lokaler" in feed,
    )


@pytest.fixture
def workers(tmp_path, demo_database):
    env = site_env(copy_database(demo_database, tmp_path), DEBUG="0")
    port = free_port()
    server = start_server(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "example_site.wsgi:application",
            f"--workers={WORKERS}",
            f"--bind=127.0.0.1:{port}",
        ],
        env,
        port,
        tmp_path / "gunicorn.log",
    )
    yield f"http://127.0.0.1:{port}", env
    stop_server(server)


def test_a_change_published_by_another_process_is_seen_by_every_worker(workers):
    base, env = workers
    before = {seen(base) for _ in range(ROUNDS)}
    assert before == {(False, True, False, False)}

    subprocess.run(
        MANAGE + ["shell", "-c", PUBLISH_ELSEWHERE],
        env=env,
        cwd=REPO,
        check=True,
        capture_output=True,
    )

    after = {seen(base) for _ in range(ROUNDS)}
    assert after == {(True, False, True, True)}
