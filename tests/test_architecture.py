"""The package's shape: which part may import which (``docs/architecture.md``).

Every module's imports are read with ``ast``, those inside functions too, so
a lazy import cannot hide an arrow the rules forbid.
"""

import ast
import importlib
from pathlib import Path

import pytest
from django.apps import apps

import wagtail_samverkan

PACKAGE = "wagtail_samverkan"
PACKAGE_DIR = Path(wagtail_samverkan.__file__).resolve().parent
REPOSITORY = PACKAGE_DIR.parent

#: The areas, each a sub-package; ``editors`` and ``overview`` read the others.
CONTENT_AREAS = ("agreement", "partnerships", "events")
READING_AREAS = ("editors", "overview")
AREAS = ("register", *CONTENT_AREAS, *READING_AREAS)

#: What each part may import besides itself.
ALLOWED = {
    "core": set(),
    "register": {"core"},
    **{area: {"core", "register"} for area in CONTENT_AREAS},
    **{area: {"core", "register", *CONTENT_AREAS} for area in READING_AREAS},
}

#: The documented points where one content area names another.
NAMED_POINTS = {
    # An IOP names the principles of the agreement it builds on.
    ("partnerships", "wagtail_samverkan.agreement.models.principles"),
}

#: Earlier module paths kept for migrations and the earlier docs, and the
#: modules they stand for. Package code imports the real modules.
ALIASES = {
    "wagtail_samverkan.cache": "wagtail_samverkan.core.cache",
    "wagtail_samverkan.collation": "wagtail_samverkan.core.collation",
    "wagtail_samverkan.compat": "wagtail_samverkan.core.compat",
    "wagtail_samverkan.conf": "wagtail_samverkan.core.conf",
    "wagtail_samverkan.validators": "wagtail_samverkan.core.validators",
    "wagtail_samverkan.filters": "wagtail_samverkan.partnerships.filters",
    "wagtail_samverkan.ical": "wagtail_samverkan.events.ical",
    "wagtail_samverkan.recurrence": "wagtail_samverkan.events.recurrence",
    "wagtail_samverkan.structured_data": "wagtail_samverkan.events.structured_data",
    "wagtail_samverkan.models.base": "wagtail_samverkan.core.pages",
    "wagtail_samverkan.models.events": "wagtail_samverkan.events.models",
    "wagtail_samverkan.models.partnerships": "wagtail_samverkan.partnerships.models",
}


def module_name(path):
    parts = list(path.relative_to(REPOSITORY).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_modules():
    """``{module name: path}`` of every module of the package but its migrations."""
    return {
        module_name(path): path
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        if "migrations" not in path.relative_to(PACKAGE_DIR).parts
    }


def imported_modules(source, module, is_package, known):
    """``[(line, module)]``: the package's modules that ``source`` imports."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = module.split(".") if is_package else module.split(".")[:-1]
                here = here[: len(here) - node.level + 1]
                base = ".".join([*here, base] if base else here)
            # ``from package import module`` imports the module.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        else:
            continue
        found += [
            (node.lineno, target)
            for target in targets
            if target == PACKAGE or target.startswith(PACKAGE + ".")
        ]
    return found


def import_graph():
    """``{module: [(line, imported module)]}`` for the whole package."""
    modules = package_modules()
    return {
        name: imported_modules(
            path.read_text(), name, path.name == "__init__.py", set(modules)
        )
        for name, path in modules.items()
    }


def part_of(module):
    """``core``, an area's name, ``init`` (the package's ``__init__``) or ``root``."""
    if module == PACKAGE:
        return "init"
    first = module.split(".")[1]
    if first == "core" or first in AREAS:
        return first
    return "root"


def violations(graph):
    """Every import that breaks a rule, as readable sentences."""
    found = []
    for importer, targets in graph.items():
        source = part_of(importer)
        for line, target in targets:
            where = f"{importer}:{line} imports {target}"
            if target in ALIASES and importer != target:
                if not (importer in ALIASES and ALIASES[importer] == target):
                    found.append(f"{where}: an alias; import {ALIASES[target]}")
                continue
            if source in ("root", "init"):
                continue
            imported = part_of(target)
            if imported in ("init", source) or imported in ALLOWED[source]:
                continue
            if (source, target) in NAMED_POINTS:
                continue
            if imported == "root":
                found.append(f"{where}: only the package root composes the areas")
            else:
                found.append(f"{where}: {source} may not depend on {imported}")
    return found


def part_cycles(graph):
    """Groups of two or more parts that import each other in a circle."""
    edges = {}
    for importer, targets in graph.items():
        for _line, target in targets:
            source, imported = part_of(importer), part_of(target)
            if source != imported and "root" not in (source, imported):
                edges.setdefault(source, set()).add(imported)

    def reachable(start):
        seen, todo = set(), [start]
        while todo:
            for nxt in edges.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    return sorted(
        {
            tuple(sorted({part} | {o for o in reachable(part) if part in reachable(o)}))
            for part in edges
            if part in reachable(part)
        }
    )


def test_every_import_follows_the_dependency_rules():
    assert violations(import_graph()) == []


def test_no_import_circle_spans_parts_of_the_package():
    assert part_cycles(import_graph()) == []


@pytest.mark.parametrize(
    ("importer", "target", "reason"),
    [
        ("wagtail_samverkan.core.cache", "wagtail_samverkan.events.models", "core"),
        (
            "wagtail_samverkan.register.models",
            "wagtail_samverkan.agreement.models",
            "register may not depend on agreement",
        ),
        (
            "wagtail_samverkan.events.blocks",
            "wagtail_samverkan.partnerships.filters",
            "events may not depend on partnerships",
        ),
        (
            "wagtail_samverkan.agreement.models.principles",
            "wagtail_samverkan.partnerships.models",
            "agreement may not depend on partnerships",
        ),
        (
            "wagtail_samverkan.partnerships.exports",
            "wagtail_samverkan.agreement.models.pages",
            "partnerships may not depend on agreement",
        ),
        (
            "wagtail_samverkan.events.ical",
            "wagtail_samverkan.models",
            "only the package root composes the areas",
        ),
        (
            "wagtail_samverkan.partnerships.filters",
            "wagtail_samverkan.editors.reports",
            "partnerships may not depend on editors",
        ),
        ("wagtail_samverkan.blocks", "wagtail_samverkan.cache", "an alias"),
    ],
)
def test_the_rules_catch_a_forbidden_import(importer, target, reason):
    graph = {importer: [(1, target)]}
    found = violations(graph)
    assert len(found) == 1
    assert reason in found[0]


def test_the_rules_allow_the_named_points_and_the_readers():
    graph = {
        "wagtail_samverkan.partnerships.models.inlines": [
            (1, "wagtail_samverkan.agreement.models.principles"),
            (2, "wagtail_samverkan.register.models"),
            (3, "wagtail_samverkan.core.cache"),
            (4, PACKAGE),
        ],
        "wagtail_samverkan.editors.reports": [
            (1, "wagtail_samverkan.partnerships.models"),
            (2, "wagtail_samverkan.events.models"),
        ],
        "wagtail_samverkan.wagtail_hooks": [(1, "wagtail_samverkan.editors.reports")],
    }
    assert violations(graph) == []


def test_a_circle_between_areas_is_found():
    graph = {
        "wagtail_samverkan.events.ical": [(1, "wagtail_samverkan.partnerships.models")],
        "wagtail_samverkan.partnerships.exports": [
            (1, "wagtail_samverkan.events.ical")
        ],
        "wagtail_samverkan.core.cache": [(1, "wagtail_samverkan.core.conf")],
    }
    assert part_cycles(graph) == [("events", "partnerships")]


def test_lazy_and_relative_imports_are_read():
    source = (
        "from . import cache\n"
        "from ..events.models import EventPage\n"
        "def f():\n"
        "    from wagtail_samverkan.partnerships import filters\n"
    )
    known = {
        "wagtail_samverkan.core.cache",
        "wagtail_samverkan.events.models",
        "wagtail_samverkan.partnerships.filters",
    }
    found = imported_modules(source, "wagtail_samverkan.core.pages", False, known)
    assert [target for _line, target in found] == [
        "wagtail_samverkan.core.cache",
        "wagtail_samverkan.events.models",
        "wagtail_samverkan.partnerships.filters",
    ]


@pytest.mark.parametrize(("alias", "module"), sorted(ALIASES.items()))
def test_earlier_module_paths_are_the_same_modules(alias, module):
    assert importlib.import_module(alias) is importlib.import_module(module)


def test_names_that_migrations_and_docs_import_stay_importable():
    from wagtail_samverkan.core.collation import SwedishCollate, sort_text
    from wagtail_samverkan.core.pages import SamverkanPageMixin
    from wagtail_samverkan.events.models.choices import WeekdaysField
    from wagtail_samverkan.partnerships.status import status_q

    assert importlib.import_module("wagtail_samverkan.models.base").SamverkanPageMixin
    assert (
        importlib.import_module("wagtail_samverkan.models.base").SamverkanPageMixin
        is SamverkanPageMixin
    )
    assert (
        importlib.import_module("wagtail_samverkan.models.events").WeekdaysField
        is WeekdaysField
    )
    assert importlib.import_module("wagtail_samverkan.collation").sort_text is sort_text
    assert (
        importlib.import_module("wagtail_samverkan.collation").SwedishCollate
        is SwedishCollate
    )
    assert (
        importlib.import_module("wagtail_samverkan.models.partnerships").status_q
        is status_q
    )
    assert callable(importlib.import_module("wagtail_samverkan.cache").invalidate)
    assert callable(importlib.import_module("wagtail_samverkan.cache").fragment_key)


def test_what_host_sites_migrations_name_stays_importable():
    """A host page with ``SAMVERKAN_BLOCKS`` has migrations that name these."""
    from django.utils.module_loading import import_string

    from wagtail_samverkan.events.blocks import _kind_choices

    assert import_string("wagtail_samverkan.blocks._kind_choices") is _kind_choices
    from wagtail_samverkan.events.models import EventKind

    assert [value for value, _label in _kind_choices()] == ["", *EventKind.values]


def test_every_model_is_exported_from_wagtail_samverkan_models():
    exported = importlib.import_module("wagtail_samverkan.models")
    models = apps.get_app_config("wagtail_samverkan").get_models()
    missing = [
        m.__name__ for m in models if getattr(exported, m.__name__, None) is not m
    ]
    assert missing == []
    for model in apps.get_app_config("wagtail_samverkan").get_models():
        # Each model lives in its area (or, for what every area uses, in the
        # core's one models module), under the one app label.
        if part_of(model.__module__) == "core":
            assert model.__module__ == "wagtail_samverkan.core.models"
        else:
            assert part_of(model.__module__) in AREAS
        assert model._meta.app_label == "wagtail_samverkan"


def test_each_area_registers_its_own_cache_area():
    from wagtail_samverkan.core import cache

    assert cache.AREAS == ("agreement", "events", "partnerships")
    for area in CONTENT_AREAS:
        caching = importlib.import_module(f"wagtail_samverkan.{area}.caching")
        assert area == caching.AREA


def test_one_word_per_area_everywhere():
    """An area's word names its sub-package, its tests and its doc page."""
    present = [a for a in AREAS if (PACKAGE_DIR / a / "__init__.py").exists()]
    assert set(present) >= {"register", *CONTENT_AREAS, "editors"}
    templates = PACKAGE_DIR / "templates" / PACKAGE
    for area in present:
        assert (REPOSITORY / "docs" / f"{area}.md").exists(), area
        assert (REPOSITORY / "tests" / area / "__init__.py").exists(), area
    for area in CONTENT_AREAS:
        assert (templates / area).is_dir(), area
