"""What a scenario is: content built at a given scale, and endpoints to measure."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class AreaNotInstalled(Exception):  # noqa: N818 - reported as a state, not an error
    """The models of a scenario's area cannot be imported."""


@dataclass(frozen=True)
class Scale:
    """How much content a scale holds (the numbers of issue 6)."""

    name: str
    iops: int
    organisations: int
    municipal_bodies: int
    focus_areas: int
    events: int
    series: int

    def describe(self):
        return (
            f"{self.iops:,} IOPs, {self.organisations:,} organisations, "
            f"{self.events:,} events ({self.series:,} weekly series)"
        )


SCALES = {
    "S": Scale("S", iops=20, organisations=20, municipal_bodies=10, focus_areas=8,
               events=50, series=5),
    "M": Scale("M", iops=1_000, organisations=500, municipal_bodies=40, focus_areas=12,
               events=1_000, series=50),
    "L": Scale("L", iops=10_000, organisations=3_000, municipal_bodies=100,
               focus_areas=12, events=5_000, series=200),
}  # fmt: skip


@dataclass
class Endpoint:
    """One address to measure, and the target it is held to."""

    name: str
    url: str
    kind: str = "page"  # page | route | export | feed | block | admin | baseline
    max_ratio: float | None = None  # the median at L over the plain page's median
    streamed: bool = False  # measure the peak memory while consuming it
    admin: bool = False  # requested by a logged-in superuser
    # Called before every request to this endpoint, untimed: e.g. to empty a
    # cache so that each request measures the cold case.
    before: Callable[[], Any] | None = None


@dataclass
class Context:
    """What the scenarios of one scale share while building."""

    scale: Scale
    home: Any  # the site's root page, under which every scenario builds
    locale: Any
    superuser: Any
    rng: random.Random
    register: dict = field(
        default_factory=dict
    )  # ids of organisations, bodies, focus areas
    pages: dict = field(default_factory=dict)  # pages other scenarios may refer to
    counts: dict = field(default_factory=dict)  # what was created, for the report


class Scenario:
    """Subclass, set ``name`` and ``title``, and implement the hooks."""

    name = ""
    title = ""
    needs = ()  # scenarios whose content this one builds on

    def load(self):
        """Import the area's models; raise :class:`AreaNotInstalled` when they are absent."""

    def build(self, ctx: Context) -> None:
        """Create the content of ``ctx.scale`` (bulk creation where Wagtail allows)."""
        raise NotImplementedError

    def endpoints(self, ctx: Context) -> list[Endpoint]:
        """The addresses to measure, once :meth:`build` has run."""
        return []

    def host_blocks(self, ctx: Context) -> list[tuple[str, Any]]:
        """(block name in ``SAMVERKAN_BLOCKS``, raw value) pairs to render on host pages."""
        return []


def require(module, *names):
    """Import ``names`` from ``module`` or raise :class:`AreaNotInstalled`."""
    import importlib

    try:
        imported = importlib.import_module(module)
        return [getattr(imported, name) for name in names]
    except (ImportError, AttributeError) as error:
        raise AreaNotInstalled(str(error)) from None


def admin_url(model, view="list"):
    """The address of a snippet viewset's view."""
    from django.urls import reverse

    meta = model._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:{view}")


def admin_explorer_url(page):
    from django.urls import reverse

    return reverse("wagtailadmin_explore", args=[page.pk])


def rich_text(rng, paragraphs=4, words=60):
    return "".join(f"<p>{sentence(rng, words)}</p>" for _ in range(paragraphs))


WORDS = [
    "samverkan",
    "förening",
    "kommun",
    "dialog",
    "partnerskap",
    "integration",
    "barn",
    "unga",
    "äldre",
    "kultur",
    "idrott",
    "hälsa",
    "mötesplats",
    "läxhjälp",
    "språkcafé",
    "stöd",
    "ensamhet",
    "trygghet",
    "nämnd",
    "förvaltning",
    "insats",
    "uppföljning",
    "mål",
    "målgrupp",
    "verksamhet",
    "volontär",
    "långsiktighet",
    "öppenhet",
    "mångfald",
    "kvalitet",
    "självständighet",
    "lokal",
    "stadsdel",
]


def sentence(rng, words=12):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def route_url(page, *routes):
    """The first of ``routes`` (route names of ``page``, or literal suffixes) that resolves.

    Falls back to the first candidate, which then shows up in the report as
    an error rather than silently measuring something else.
    """
    from django.urls import NoReverseMatch, Resolver404, resolve

    candidates = []
    for route in routes:
        try:
            candidates.append(page.url + page.reverse_subpage(route).lstrip("/"))
        except NoReverseMatch:
            if "." in route or "/" in route:
                candidates.append(page.url + route)
    for url in candidates:
        try:
            resolve(url.split("?")[0])
        except Resolver404:
            continue
        return url
    return candidates[0] if candidates else page.url + routes[0]
