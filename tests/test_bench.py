"""The benchmark (benchmarks/, not part of the package): a fast smoke test.

The benchmark runs at scale S with a few requests in a subprocess, on its own
throwaway SQLite database whatever ``DATABASE_URL`` says (the full benchmark
uses PostgreSQL when asked). Timings are never asserted, only that the table
and the JSON results are produced and every endpoint answered.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.pages import bulk_create_pages
from benchmarks.scenarios import ORDER
from tests.testapp.models import HostPage
from wagtail_samverkan.core.compat import get_base_page_model

Page = get_base_page_model()

REPO_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory):
    output = tmp_path_factory.mktemp("bench") / "results.json"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--scales",
            "S",
            "--repeat",
            "3",
            "--warmup",
            "1",
            "--sqlite",
            "--output",
            str(output),
        ],
        cwd=REPO_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    return completed.stdout, json.loads(output.read_text())


def test_bench_prints_the_table(bench_run):
    stdout, _results = bench_run
    assert "Scale S: 20 IOPs" in stdout
    for column in ("Scenario", "Endpoint", "Median ms", "Ratio", "Queries", "Peak MB"):
        assert column in stdout
    assert "plain page (rich text)" in stdout
    assert "admin: organisations" in stdout
    assert "Targets" in stdout
    assert "PASS" in stdout


def test_bench_writes_the_json_results(bench_run):
    _stdout, results = bench_run
    assert set(results) >= {
        "generated_at",
        "machine",
        "options",
        "scenarios",
        "scales",
        "targets",
        "summary",
    }
    assert set(results["machine"]) >= {
        "cpus",
        "memory",
        "python",
        "database",
        "wagtail",
    }
    assert results["machine"]["database"].startswith("SQLite")
    assert results["options"]["scales"] == ["S"]
    assert list(results["scales"]) == ["S"]
    scale = results["scales"]["S"]
    assert set(scale) >= {"counts", "build_seconds", "baseline_ms", "endpoints"}
    assert scale["counts"]["organisations"] == 20
    names = {e["endpoint"] for e in scale["endpoints"]}
    assert {"plain page (rich text)", "admin: organisations"} <= names
    for endpoint in scale["endpoints"]:
        assert "error" not in endpoint, endpoint
        assert endpoint["status"] == 200
        assert endpoint["requests"] == 3
        assert set(endpoint) >= {"url", "median_ms", "ratio", "queries", "scenario"}
        assert endpoint["queries"] > 0
        if endpoint["kind"] == "export":
            assert endpoint["peak_memory_mb"] >= 0
    baseline = next(e for e in scale["endpoints"] if e["kind"] == "baseline")
    assert baseline["ratio"] == 1


def test_every_scenario_runs_or_is_skipped_as_not_installed(bench_run):
    _stdout, results = bench_run
    assert list(results["scenarios"]) == ORDER or set(results["scenarios"]) == set(
        ORDER
    )
    assert results["scenarios"]["baseline"] == "ran"
    assert results["scenarios"]["register"] == "ran"
    for name, state in results["scenarios"].items():
        assert state in ("ran", "skipped (area not installed)"), (name, state)


@pytest.mark.django_db
def test_bulk_created_pages_are_served_by_wagtail(client, root_page):
    pages = bulk_create_pages(
        root_page,
        [HostPage(title=f"Sida {i}", slug=f"sida-{i}") for i in range(3)],
    )
    assert all(page.pk for page in pages)
    more = bulk_create_pages(root_page, [HostPage(title="Sida 3", slug="sida-3")])
    root_page.refresh_from_db()
    assert root_page.numchild == 4
    assert [p.slug for p in root_page.get_children()] == [f"sida-{i}" for i in range(4)]
    assert Page.find_problems() == ([], [], [], [], [])
    for page in pages + more:
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()
    assert HostPage.objects.live().count() == 4
