"""Run the benchmark: ``python -m benchmarks.run [--scales S,M,L] [--repeat N] [--output PATH]``.

Builds synthetic content at each scale in a throwaway database (a temporary
SQLite file, or with ``DATABASE_URL`` a PostgreSQL database created for the
run and dropped afterwards), measures every endpoint of every installed area
with Django's test client in this one process, prints a table with PASS/MISS
against the targets of docs/performance.md and writes ``bench-results.json``.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

CACHE_DIR = Path(__file__).resolve().parent.parent / "var" / "bench-cache"

# Targets (docs/performance.md).
BUILD_SECONDS_AT_L = 120
EXPORT_MEMORY_GROWTH_MB = 50
#: The share of a ratio target a result should stay under (see the report).
TARGET_MARGIN = 0.8


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--scales",
        default="S,M,L",
        help="comma-separated scales to run (default S,M,L)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=30,
        help="timed requests per endpoint (default 30)",
    )
    parser.add_argument(
        "--warmup", type=int, default=3, help="untimed requests first (default 3)"
    )
    parser.add_argument(
        "--output", default="bench-results.json", help="where to write the JSON results"
    )
    parser.add_argument(
        "--scenarios",
        default="",
        help="comma-separated scenarios to run (default all; baseline always runs)",
    )
    parser.add_argument(
        "--sqlite",
        action="store_true",
        help="use a temporary SQLite database even when DATABASE_URL is set",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=60,
        help="seconds of timed requests per endpoint before stopping early, "
        "after at least 3 (default 60; 0 for no limit)",
    )
    parser.add_argument(
        "--log-queries",
        action="store_true",
        help="also write each endpoint's SQL queries to the JSON results",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="migrate a new SQLite database instead of copying the cached migrated one",
    )
    parser.add_argument(
        "--profile",
        metavar="DIR",
        default="",
        help="write a cProfile file of each endpoint's timed requests to DIR "
        "(read with python -m pstats; timings are slower while profiling)",
    )
    parser.add_argument(
        "--seed", type=int, default=2016, help="random seed of the content"
    )
    args = parser.parse_args(argv)
    from .scenarios.base import SCALES

    args.scales = [s.strip().upper() for s in args.scales.split(",") if s.strip()]
    unknown = [s for s in args.scales if s not in SCALES]
    if unknown or not args.scales:
        parser.error(f"unknown scale(s): {', '.join(unknown)}; choose from S, M, L")
    args.scales = [s for s in SCALES if s in args.scales]
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


# --- The throwaway database -------------------------------------------------------


class ThrowawayDatabase:
    """A temporary SQLite file, or a PostgreSQL database made and dropped for the run."""

    def __init__(self, force_sqlite=False):
        self.url = os.environ.get("DATABASE_URL", "")
        self.force_sqlite = force_sqlite or not self.url.startswith("postgres")
        self.tmpdir = None
        self.admin_url = None
        self.name = None
        self.sqlite_path = None

    def __enter__(self):
        if self.force_sqlite:
            self.tmpdir = tempfile.mkdtemp(prefix="samverkan-bench-")
            self.sqlite_path = Path(self.tmpdir) / "bench.sqlite3"
            return f"sqlite:///{self.sqlite_path}"
        parts = urlsplit(self.url)
        import psycopg

        self.admin_url = self.url
        self.name = f"samverkan_bench_{uuid.uuid4().hex[:10]}"
        try:
            connection = psycopg.connect(self.admin_url, autocommit=True)
        except psycopg.OperationalError:
            # The named database may not exist yet (e.g. the test suite's);
            # PostgreSQL's maintenance database always does.
            self.admin_url = urlunsplit(parts._replace(path="/postgres"))
            connection = psycopg.connect(self.admin_url, autocommit=True)
        with connection:
            connection.execute(f'CREATE DATABASE "{self.name}"')
        return urlunsplit(parts._replace(path=f"/{self.name}"))

    def __exit__(self, *exc):
        if self.tmpdir:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
        if self.name:
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(self.admin_url, autocommit=True) as connection:
                connection.execute(
                    f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'
                )
        return False


def migrated_template(database):
    """Where a migrated SQLite database for the current migrations is kept, or None.

    Migrating a new SQLite database takes longer than the S run itself; the
    migrated file is kept in ``var/bench-cache/`` under a hash of every
    installed app's migration files, so it is made again when one changes.
    """
    if database.sqlite_path is None:
        return None
    import hashlib

    from django.apps import apps

    digest = hashlib.sha256()
    for app_config in sorted(apps.get_app_configs(), key=lambda a: a.label):
        folder = Path(app_config.path) / "migrations"
        for path in sorted(folder.glob("*.py")):
            digest.update(f"{app_config.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return CACHE_DIR / f"migrated-{digest.hexdigest()[:16]}.sqlite3"


# --- Measuring -------------------------------------------------------------------


def fetch(client, url):
    """GET ``url`` and consume the whole body (also a streamed one); return (status, bytes)."""
    # The test client closes the response itself (for a streamed one, once
    # consumed); closing it again would close the database connection.
    response = client.get(url)
    if response.streaming:
        size = 0
        for chunk in response.streaming_content:
            size += len(chunk)
    else:
        size = len(response.content)
    return response.status_code, size


def measure(
    client, endpoint, repeat, warmup, log_queries=False, budget=None, profile=None
):
    """Time one endpoint; with a ``budget`` (seconds), a very slow one gets fewer requests.

    With ``profile`` (a file path), the timed requests run under cProfile and
    its statistics are written there.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = {"url": endpoint.url}
    started = time.perf_counter()
    # The endpoint's setup hook runs before every request, outside the timing.
    before = endpoint.before or (lambda: None)
    for _ in range(warmup):
        before()
        status, size = fetch(client, endpoint.url)
        if budget and time.perf_counter() - started > budget / 4:
            break
    before()
    counted = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        status, size = fetch(client, endpoint.url)
    counted = time.perf_counter() - counted
    # At least 3 timed requests, or 1 when one request alone takes a third of the budget.
    least = 1 if budget and counted > budget / 3 else 3
    result.update(status=status, bytes=size, queries=len(queries.captured_queries))
    if log_queries:
        result["sql"] = [query["sql"] for query in queries.captured_queries]
        result["sql_ms"] = [
            round(float(query["time"]) * 1000, 3) for query in queries.captured_queries
        ]
    if status != 200:
        result["error"] = f"HTTP {status}"
        return result
    times = []
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        fetch(client, endpoint.url)
        times.append(time.perf_counter() - start)
        elapsed = time.perf_counter() - started
        if budget and least <= len(times) < repeat and elapsed > budget:
            result["budget_exceeded"] = True
            break
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
        result["profile"] = str(profile)
    result.update(
        median_ms=round(statistics.median(times) * 1000, 3),
        min_ms=round(min(times) * 1000, 3),
        max_ms=round(max(times) * 1000, 3),
        requests=len(times),
    )
    if endpoint.streamed:
        tracemalloc.start()
        try:
            before()
            tracemalloc.reset_peak()
            baseline, _peak = tracemalloc.get_traced_memory()
            fetch(client, endpoint.url)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        result["peak_memory_mb"] = round((peak - baseline) / 1024 / 1024, 3)
    return result


# --- Scenarios and scales ----------------------------------------------------------


def load_scenarios(selected):
    from .scenarios import ORDER
    from .scenarios.base import AreaNotInstalled

    loaded, skipped = [], {}
    for name in ORDER:  # add what the selected scenarios build on
        if name in selected:
            module = importlib.import_module(f"benchmarks.scenarios.{name}")
            selected = selected | set(module.SCENARIO.needs)
    for name in ORDER:
        if selected and name not in selected and name != "baseline":
            continue
        try:
            scenario = importlib.import_module(f"benchmarks.scenarios.{name}").SCENARIO
            scenario.load()
        except (AreaNotInstalled, ImportError) as error:
            skipped[name] = "skipped (area not installed)"
            print(f"{name}: {error}", file=sys.stderr)
            continue
        loaded.append(scenario)
    return loaded, skipped


def host_block_endpoints(ctx, scenarios):
    """One host page per StreamField block; blocks no scenario gave a value get their default."""
    from django.core.serializers.json import DjangoJSONEncoder

    from tests.testapp.models import HostPage
    from wagtail_samverkan.blocks import SAMVERKAN_BLOCKS

    from .pages import create_page
    from .scenarios.base import Endpoint

    known = dict(SAMVERKAN_BLOCKS)
    wanted = []
    for scenario in scenarios:
        for block_name, value, *label in scenario.host_blocks(ctx):
            if block_name in known:
                wanted.append(
                    (scenario.name, block_name, value, (label or [block_name])[0])
                )
    covered = {block_name for _s, block_name, _v, _l in wanted}
    for block_name, block in SAMVERKAN_BLOCKS:
        if block_name not in covered:
            value = block.get_prep_value(block.get_default())
            wanted.append(
                ("blocks", block_name, value, f"{block_name} (default value)")
            )
    endpoints = []
    for i, (scenario_name, block_name, value, label) in enumerate(wanted):
        page = create_page(
            ctx.home,
            HostPage(
                title=f"Värdsida {i}",
                slug=f"bench-host-{i}",
                body=json.dumps(
                    [{"type": block_name, "value": value}], cls=DjangoJSONEncoder
                ),
            ),
        )
        endpoint = Endpoint(f"block: {label}", page.url, kind="block")
        endpoints.append((scenario_name, endpoint))
    return endpoints


def analyse_tables():
    """Refresh the planner's statistics, as autovacuum would after a real import."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def profile_path(args, scale, scenario_name, endpoint):
    if not args.profile:
        return None
    slug = "".join(c if c.isalnum() else "-" for c in endpoint.name.lower()).strip("-")
    folder = Path(args.profile)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{scale.name}-{scenario_name}-{slug}.prof"


def run_scale(scale, scenarios, args, failed):
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import transaction
    from django.test import Client
    from django.utils import translation
    from wagtail.models import Locale, Site

    from .scenarios.base import Context

    report = {"scale": scale.name, "description": scale.describe(), "endpoints": []}
    with transaction.atomic():
        cache.clear()
        translation.activate("sv")
        site = Site.objects.get(is_default_site=True)
        superuser = get_user_model().objects.create_superuser(
            "bench-admin", "bench@example.org", "bench"
        )
        ctx = Context(
            scale=scale,
            home=site.root_page.specific,
            locale=Locale.get_default(),
            superuser=superuser,
            rng=random.Random(args.seed),
        )
        build_times = {}
        started = time.perf_counter()
        built = []
        for scenario in scenarios:
            t0 = time.perf_counter()
            try:
                with transaction.atomic():
                    scenario.build(ctx)
            except Exception as error:  # noqa: BLE001 - reported, the others go on
                if scenario.name == "baseline":
                    raise
                failed[scenario.name] = f"build failed: {type(error).__name__}: {error}"
                print(f"{scenario.name}: {failed[scenario.name]}", file=sys.stderr)
                continue
            build_times[scenario.name] = round(time.perf_counter() - t0, 2)
            built.append(scenario)
        t0 = time.perf_counter()
        endpoints = []
        for scenario in built:
            try:
                endpoints += [(scenario.name, e) for e in scenario.endpoints(ctx)]
            except Exception as error:  # noqa: BLE001
                failed[scenario.name] = (
                    f"endpoints failed: {type(error).__name__}: {error}"
                )
        endpoints += host_block_endpoints(ctx, built)
        analyse_tables()
        build_times["host pages and ANALYZE"] = round(time.perf_counter() - t0, 2)
        report["build_seconds"] = round(time.perf_counter() - started, 2)
        report["build_seconds_by_scenario"] = build_times
        report["counts"] = dict(ctx.counts)
        print(
            f"[{scale.name}] content built in {report['build_seconds']:.1f} s: "
            f"{build_times}",
            file=sys.stderr,
            flush=True,
        )
        translation.deactivate()

        public, admin = Client(), Client()
        admin.force_login(superuser)
        # Warm the process up (templates, URL resolvers, caches) before timing anything.
        for _scenario_name, endpoint in endpoints:
            if endpoint.kind == "baseline":
                for _ in range(max(10, args.warmup)):
                    fetch(public, endpoint.url)
        baseline_ms = None
        for scenario_name, endpoint in endpoints:
            client = admin if endpoint.admin else public
            try:
                result = measure(
                    client,
                    endpoint,
                    args.repeat,
                    args.warmup,
                    log_queries=args.log_queries,
                    budget=args.budget,
                    profile=profile_path(args, scale, scenario_name, endpoint),
                )
            except Exception as error:  # noqa: BLE001 - reported, the run goes on
                result = {
                    "url": endpoint.url,
                    "error": f"{type(error).__name__}: {error}",
                }
            if endpoint.kind == "baseline" and "median_ms" in result:
                baseline_ms = result["median_ms"]
            result.update(
                scenario=scenario_name,
                endpoint=endpoint.name,
                kind=endpoint.kind,
                max_ratio=endpoint.max_ratio,
            )
            report["endpoints"].append(result)
            print(
                f"  [{scale.name}] {scenario_name:<12} {endpoint.name:<45} "
                + (
                    f"{result['median_ms']:>9.2f} ms {result['queries']:>4} queries"
                    if "median_ms" in result
                    else result.get("error", "")
                ),
                file=sys.stderr,
                flush=True,
            )
        report["baseline_ms"] = baseline_ms
        for result in report["endpoints"]:
            if baseline_ms and "median_ms" in result:
                result["ratio"] = round(result["median_ms"] / baseline_ms, 3)
        transaction.set_rollback(True)
    return report


# --- Targets ------------------------------------------------------------------------


def evaluate(scales_run, reports):
    """PASS/MISS for every target of docs/performance.md that this run can judge."""
    targets = []
    by_endpoint = {}
    for scale_name in scales_run:
        for result in reports[scale_name]["endpoints"]:
            key = (result["scenario"], result["endpoint"])
            by_endpoint.setdefault(key, {})[scale_name] = result
    largest = scales_run[-1]
    for (scenario, name), results in by_endpoint.items():
        counts = {s: r.get("queries") for s, r in results.items()}
        errors = {s: r["error"] for s, r in results.items() if "error" in r}
        if errors:
            targets.append(
                {
                    "target": "responds with 200",
                    "scenario": scenario,
                    "endpoint": name,
                    "value": "; ".join(f"{s}: {e}" for s, e in errors.items()),
                    "result": "MISS",
                }
            )
            continue
        if len(results) > 1:
            same = len(set(counts.values())) == 1
            targets.append(
                {
                    "target": "same query count at " + ", ".join(results),
                    "scenario": scenario,
                    "endpoint": name,
                    "value": ", ".join(str(c) for c in counts.values()),
                    "result": "PASS" if same else "MISS",
                }
            )
        result = results.get(largest)
        if result and result.get("max_ratio") is not None and "ratio" in result:
            ok = result["ratio"] <= result["max_ratio"]
            targets.append(
                {
                    "target": f"ratio to plain page ≤ {result['max_ratio']:g} at L"
                    + ("" if largest == "L" else f" (judged at {largest})"),
                    "scenario": scenario,
                    "endpoint": name,
                    # How much of the target is used: a noisy machine should
                    # not flip a verdict, so the aim is at most TARGET_MARGIN.
                    "value": f"{result['ratio']:.2f} "
                    f"({100 * result['ratio'] / result['max_ratio']:.0f} % of it"
                    + (
                        ""
                        if result["ratio"] <= TARGET_MARGIN * result["max_ratio"]
                        else ", no margin"
                    )
                    + ")",
                    "result": "PASS" if ok else "MISS",
                }
            )
        if (
            result
            and result.get("kind") == "export"
            and "peak_memory_mb" in result
            and "S" in results
            and largest != "S"
        ):
            growth = result["peak_memory_mb"] - results["S"].get("peak_memory_mb", 0)
            targets.append(
                {
                    "target": f"peak memory growth over S < {EXPORT_MEMORY_GROWTH_MB} MB "
                    + ("at L" if largest == "L" else f"(judged at {largest})"),
                    "scenario": scenario,
                    "endpoint": name,
                    "value": f"{growth:.1f} MB",
                    "result": "PASS" if growth < EXPORT_MEMORY_GROWTH_MB else "MISS",
                }
            )
    if "L" in reports:
        seconds = reports["L"]["build_seconds"]
        targets.append(
            {
                "target": f"creating the L content set < {BUILD_SECONDS_AT_L} s",
                "scenario": "all",
                "endpoint": "",
                "value": f"{seconds:.1f} s",
                "result": "PASS" if seconds < BUILD_SECONDS_AT_L else "MISS",
            }
        )
    return targets


# --- Output -----------------------------------------------------------------------


def machine_info():
    import wagtail
    from django import get_version
    from django.db import connection

    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            kb = int(meminfo.readline().split()[1])
            memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    elif connection.vendor == "sqlite":
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    else:
        database = connection.vendor
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "django": get_version(),
        "wagtail": wagtail.__version__,
        "database": database,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


COLUMNS = [
    ("Scenario", 12, "<"),
    ("Endpoint", 44, "<"),
    ("Median ms", 10, ">"),
    ("Ratio", 6, ">"),
    ("Queries", 7, ">"),
    ("Peak MB", 8, ">"),
    ("Target", 8, "<"),
    ("Result", 6, "<"),
]


def _row(values):
    return "  ".join(
        f"{str(value)[:width]:{align}{width}}"
        for value, (_n, width, align) in zip(values, COLUMNS, strict=True)
    ).rstrip()


def format_table(results):
    lines = []
    machine = results["machine"]
    lines.append(
        f"wagtail_samverkan benchmark, {results['generated_at']}: {machine['database']}, "
        f"Python {machine['python']}, Django {machine['django']}, Wagtail {machine['wagtail']}, "
        f"{machine['cpus']} CPUs, {machine['memory']} RAM, load average {machine['load_average'][0]}; "
        f"median of {results['options']['repeat']} requests"
    )
    for name, reason in results["skipped"].items():
        lines.append(f"{name}: {reason}")
    largest = results["options"]["scales"][-1]
    for scale_name, report in results["scales"].items():
        lines.append("")
        lines.append(
            f"Scale {scale_name}: {report['description']}; content built in "
            f"{report['build_seconds']:.1f} s"
        )
        lines.append(_row([c[0] for c in COLUMNS]))
        lines.append(_row(["-" * c[1] for c in COLUMNS]))
        for r in report["endpoints"]:
            target, verdict = "", ""
            if r.get("max_ratio") is not None:
                target = f"≤ {r['max_ratio']:g}"
                if "ratio" in r:
                    verdict = "PASS" if r["ratio"] <= r["max_ratio"] else "MISS"
                if scale_name != largest:
                    verdict = (
                        verdict.lower()
                    )  # informative; judged at the largest scale
            if "error" in r:
                verdict = "ERROR"
            lines.append(
                _row(
                    [
                        r["scenario"],
                        r["endpoint"],
                        (
                            f"{r['median_ms']:.2f}"
                            + ("*" if r.get("budget_exceeded") else "")
                        )
                        if "median_ms" in r
                        else r.get("error", ""),
                        f"{r['ratio']:.2f}" if "ratio" in r else "",
                        r.get("queries", ""),
                        f"{r['peak_memory_mb']:.1f}" if "peak_memory_mb" in r else "",
                        target,
                        verdict,
                    ]
                )
            )
    if any(
        r.get("budget_exceeded")
        for report in results["scales"].values()
        for r in report["endpoints"]
    ):
        lines.append("")
        lines.append(
            "* slower than the time budget (--budget): median of fewer requests"
        )
    lines.append("")
    lines.append("Targets")
    if not results["targets"]:
        lines.append("(query counts are compared across scales: run at least two)")
    width = max([len(t["target"]) for t in results["targets"]] + [10])
    for t in results["targets"]:
        subject = (
            f"{t['scenario']}: {t['endpoint']}" if t["endpoint"] else t["scenario"]
        )
        lines.append(
            f"{t['result']:<5} {t['target']:<{width}}  {subject:<58} {t['value']}"
        )
    summary = results["summary"]
    lines.append("")
    lines.append(f"{summary['pass']} PASS, {summary['miss']} MISS")
    return "\n".join(lines)


# --- Main -----------------------------------------------------------------------------


def main(argv=None):
    args = parse_args(argv)
    database = ThrowawayDatabase(force_sqlite=args.sqlite)
    with database as url:
        os.environ["SAMVERKAN_BENCH_DATABASE"] = url
        os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
        import django

        django.setup()
        from django.core.management import call_command

        from .scenarios.base import SCALES

        started = time.perf_counter()
        template = None if args.no_cache else migrated_template(database)
        if template is not None and template.exists():
            shutil.copyfile(template, database.sqlite_path)
        call_command("migrate", interactive=False, verbosity=0)
        if template is not None and not template.exists():
            from django.db import connections

            connections.close_all()
            template.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(database.sqlite_path, template)
        print(f"migrated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        selected = {s.strip() for s in args.scenarios.split(",") if s.strip()}
        scenarios, skipped = load_scenarios(selected)
        for name, reason in skipped.items():
            print(f"{name}: {reason}", file=sys.stderr)
        reports, failed = {}, {}
        for scale_name in args.scales:
            reports[scale_name] = run_scale(SCALES[scale_name], scenarios, args, failed)
        targets = evaluate(args.scales, reports)
        results = {
            "generated_at": datetime.datetime.now(datetime.UTC).strftime(
                "%Y-%m-%d %H:%M UTC"
            ),
            "machine": machine_info(),
            "options": {
                "scales": args.scales,
                "repeat": args.repeat,
                "warmup": args.warmup,
                "seed": args.seed,
            },
            "scenarios": {s.name: failed.get(s.name, "ran") for s in scenarios}
            | skipped,
            "skipped": skipped | failed,
            "scales": reports,
            "targets": targets,
            "summary": {
                "pass": sum(t["result"] == "PASS" for t in targets),
                "miss": sum(t["result"] == "MISS" for t in targets),
            },
        }
        table = format_table(results)
    print(table)
    output = Path(args.output)
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nResults written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
