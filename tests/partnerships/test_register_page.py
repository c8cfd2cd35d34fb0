"""The public IOP register: key figures, filters, counts, sorting, pagination."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from tests.factories import (
    FocusAreaFactory,
    MunicipalBodyFactory,
    OrganisationFactory,
    make_many_partnerships,
    make_partnership,
    make_register,
)
from wagtail_samverkan.core import cache as samverkan_cache
from wagtail_samverkan.partnerships.caching import AREA as PARTNERSHIPS

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = datetime.datetime(2025, 6, 15, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: TODAY)


@pytest.fixture
def register(root_page):
    return make_register(root_page)


@pytest.fixture
def world(register):
    """Four IOPs, one of each status, over two focus areas, bodies and organisations."""
    integration = FocusAreaFactory(name="Integration", slug="integration")
    culture = FocusAreaFactory(name="Kultur", slug="kultur")
    social = MunicipalBodyFactory(name="Socialnämnden")
    culture_committee = MunicipalBodyFactory(name="Kulturnämnden")
    red = OrganisationFactory(name="Röda föreningen")
    blue = OrganisationFactory(name="Blå föreningen")
    pages = {
        "active": make_partnership(
            register,
            title="Alfa läxhjälp",
            partners=[red, blue],
            focus_areas=[integration],
            responsible_body=social,
            start_date=D(2023, 1, 1),
            end_date=D(2026, 12, 31),
            funding=[(2025, 300_000, 0), (2024, 250_000, 0)],
        ),
        "ended": make_partnership(
            register,
            title="Beta språkcafé",
            partners=[red],
            focus_areas=[integration],
            responsible_body=social,
            start_date=D(2018, 1, 1),
            end_date=D(2021, 12, 31),
            funding=[(2019, 100_000, 0)],
        ),
        "planned": make_partnership(
            register,
            title="Gamma teaterverkstad",
            partners=[blue],
            focus_areas=[culture],
            responsible_body=culture_committee,
            start_date=D(2026, 1, 1),
            funding=[(2026, 80_000, 0)],
        ),
        "terminated": make_partnership(
            register,
            title="Delta kulturhus",
            partners=[blue],
            focus_areas=[culture],
            responsible_body=culture_committee,
            start_date=D(2020, 1, 1),
            end_date=D(2027, 12, 31),
            terminated_on=D(2022, 5, 31),
            funding=[(2025, 5_000, 0)],
        ),
    }
    return {
        "pages": pages,
        "areas": (integration, culture),
        "bodies": (social, culture_committee),
        "organisations": (red, blue),
    }


def titles(response):
    """The IOP titles of the result cards, in order."""
    return re.findall(
        r'<h3 class="sv-card-title"><a href="[^"]+">([^<]+)</a>',
        response.content.decode(),
    )


def option(response, name, value):
    """The text of the option ``value`` of the select ``name``."""
    content = response.content.decode()
    select = re.search(
        rf'<select id="sv-filter-{name}" name="{name}">(.*?)</select>', content, re.S
    )
    found = re.search(
        rf'<option value="{re.escape(str(value))}"[^>]*>([^<]*)</option>',
        select.group(1),
    )
    return found.group(1) if found else None


def test_key_figures(client, register, world):
    content = client.get(register.url).content.decode()
    figures = re.findall(r"<dd[^>]*>([^<]+)</dd>", content)[:4]
    # Active now: "Alfa" only (Delta was terminated). Ever: four. Organisations: two.
    # Funding 2025: 300 000 + 5 000.
    assert figures == ["1", "4", "2", "305\u00a0000 kr"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Ongoing first, then planned, then ended or terminated; each by title.
        (
            {},
            [
                "Alfa läxhjälp",
                "Gamma teaterverkstad",
                "Beta språkcafé",
                "Delta kulturhus",
            ],
        ),
        ({"status": "active"}, ["Alfa läxhjälp"]),
        ({"status": "ended"}, ["Beta språkcafé"]),
        ({"status": "planned"}, ["Gamma teaterverkstad"]),
        ({"status": "terminated"}, ["Delta kulturhus"]),
        ({"focus": "kultur"}, ["Gamma teaterverkstad", "Delta kulturhus"]),
        ({"year": "2019"}, ["Beta språkcafé"]),
        ({"year": "2020"}, ["Beta språkcafé", "Delta kulturhus"]),
        ({"year": "2022"}, ["Delta kulturhus"]),  # Delta ran until May
        ({"year": "2023"}, ["Alfa läxhjälp"]),
        ({"year": "2030"}, ["Gamma teaterverkstad"]),  # open-ended
        ({"year": "2017"}, []),
        ({"q": "språkcafé"}, ["Beta språkcafé"]),
        ({"focus": "integration", "status": "ended"}, ["Beta språkcafé"]),
        ({"focus": "kultur", "year": "2026"}, ["Gamma teaterverkstad"]),
        ({"q": "kulturhus", "status": "active"}, []),
        # Quotes and search operators are punctuation to visitors.
        ({"q": '"språkcafé'}, ["Beta språkcafé"]),
        ({"q": "SPRÅKCAFÉ OR (läxhjälp*"}, []),
        ({"q": "(läxhjälp*) ^alfa:"}, ["Alfa läxhjälp"]),
        ({"q": '"'}, []),
    ],
)
def test_filters_alone_and_combined(client, register, world, query, expected):
    response = client.get(register.url, query)
    assert response.status_code == 200
    assert titles(response) == expected


def test_filter_by_organisation_and_body(client, register, world):
    red, blue = world["organisations"]
    social, culture_committee = world["bodies"]
    assert titles(client.get(register.url, {"organisation": red.pk})) == [
        "Alfa läxhjälp",
        "Beta språkcafé",
    ]
    assert titles(client.get(register.url, {"body": culture_committee.pk})) == [
        "Gamma teaterverkstad",
        "Delta kulturhus",
    ]
    combined = client.get(register.url, {"organisation": blue.pk, "body": social.pk})
    assert titles(combined) == ["Alfa läxhjälp"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (
            "title",
            [
                "Alfa läxhjälp",
                "Beta språkcafé",
                "Delta kulturhus",
                "Gamma teaterverkstad",
            ],
        ),
        (
            "-start",
            [
                "Gamma teaterverkstad",
                "Alfa läxhjälp",
                "Delta kulturhus",
                "Beta språkcafé",
            ],
        ),
        (
            "start",
            [
                "Beta språkcafé",
                "Delta kulturhus",
                "Alfa läxhjälp",
                "Gamma teaterverkstad",
            ],
        ),
        # Ending soonest among those that have not ended: Alfa 2026, Gamma
        # open-ended; then the ended ones, the most recent first: Delta
        # (terminated 2022), Beta (2021).
        (
            "end",
            [
                "Alfa läxhjälp",
                "Gamma teaterverkstad",
                "Delta kulturhus",
                "Beta språkcafé",
            ],
        ),
        # This year's (2025) amount, largest first; no row for this year last.
        (
            "-amount",
            [
                "Alfa läxhjälp",
                "Delta kulturhus",
                "Beta språkcafé",
                "Gamma teaterverkstad",
            ],
        ),
    ],
)
def test_sorting(client, register, world, sort, expected):
    assert titles(client.get(register.url, {"sort": sort})) == expected


def test_sorting_combined_with_a_filter(client, register, world):
    response = client.get(register.url, {"focus": "kultur", "sort": "-start"})
    assert titles(response) == ["Gamma teaterverkstad", "Delta kulturhus"]


def test_swedish_alphabetical_order(client, register):
    for title in ["Örnen", "Zebra", "Ängen", "Åsen", "Alfa"]:
        make_partnership(register, title=title)
    assert titles(client.get(register.url)) == [
        "Alfa",
        "Zebra",
        "Åsen",
        "Ängen",
        "Örnen",
    ]


def test_counts_per_option_follow_the_other_filters(client, register, world):
    red, blue = world["organisations"]
    everything = client.get(register.url)
    assert option(everything, "status", "active").endswith("(1)")
    assert option(everything, "status", "terminated").endswith("(1)")
    assert option(everything, "focus", "integration") == "Integration (2)"
    assert option(everything, "focus", "kultur") == "Kultur (2)"
    assert option(everything, "organisation", blue.pk) == "Blå föreningen (3)"
    assert option(everything, "year", 2020) == "2020 (2)"
    assert option(everything, "year", 2022) == "2022 (1)"
    # With a focus area chosen, the other filters count within it, while the
    # focus-area options still count as if it were not chosen.
    culture = client.get(register.url, {"focus": "kultur"})
    assert option(culture, "status", "active").endswith("(0)")
    assert option(culture, "status", "planned").endswith("(1)")
    assert option(culture, "organisation", red.pk) == "Röda föreningen (0)"
    assert option(culture, "focus", "integration") == "Integration (2)"
    assert 'value="kultur" selected' in culture.content.decode()


def test_the_form_works_without_javascript(client, register, world):
    content = client.get(register.url).content.decode()
    form = re.search(r'<form class="sv-filter" method="get" action="([^"]+)"', content)
    assert form.group(1) == register.url + "#resultat"
    for name in ("q", "status", "focus", "organisation", "body", "year", "sort"):
        assert f'<label for="sv-filter-{name}">' in content
        assert f'id="sv-filter-{name}" name="{name}"' in content
    assert '<button type="submit">' in content
    # Only data for machines: no script runs.
    assert re.findall(r"<script[^>]*>", content) == [
        '<script type="application/ld+json">'
    ]


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"year": "abc"}, "abc"),
        ({"year": "99999"}, "99999"),
        ({"status": "halvklar"}, "halvklar"),
        ({"focus": "<script>alert(1)</script>"}, "&lt;script&gt;alert(1)&lt;/"),
        ({"organisation": "x' OR 1=1"}, "x&#x27; OR 1=1"),
        ({"body": "-1"}, "-1"),
        ({"sort": "password"}, "password"),
        ({"q": "x" * 5000}, "xxxxxxxxxx"),
    ],
)
def test_garbage_is_ignored_and_reported(client, register, world, query, named):
    response = client.get(register.url, query)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<div class="sv-notice" role="status">' in content
    notice = content.split('<div class="sv-notice" role="status">')[1].split("</div>")[
        0
    ]
    assert named in notice
    assert "<script>alert" not in content
    # The value is ignored: every IOP is still listed.
    assert len(titles(response)) == 4


def test_a_bad_value_does_not_drop_the_good_ones(client, register, world):
    response = client.get(register.url, {"year": "abc", "status": "ended"})
    assert titles(response) == ["Beta språkcafé"]


@pytest.mark.parametrize(
    "query",
    [
        {"page": "999"},
        {"page": "abc"},
        {"page": "-1"},
        {"unknown": "value"},
        {"year": ["2020", "abc"]},
        {"focus": "\x00"},
        {"q": "\x00"},
        {"organisation": "99999999999999999999999999"},
        {"body": "1e400"},
        {"year": "1" * 400},
    ],
)
def test_odd_parameters_never_give_500(client, register, world, query):
    assert client.get(register.url, query).status_code in (200, 404)


def test_focus_slug_shared_with_another_language(client, register, world):
    from wagtail.models import Locale

    english = Locale.objects.create(language_code="en")
    FocusAreaFactory(name="Culture", slug="kultur", locale=english)
    response = client.get(register.url, {"focus": "kultur"})
    assert response.status_code == 200
    assert titles(response) == ["Gamma teaterverkstad", "Delta kulturhus"]


@override_settings(
    WAGTAIL_SAMVERKAN={"BASE_TEMPLATE": "host_base.html", "PAGE_SIZE": 2}
)
def test_pagination_keeps_the_filters(client, register, world):
    first = client.get(register.url, {"sort": "title"})
    assert titles(first) == ["Alfa läxhjälp", "Beta språkcafé"]
    content = first.content.decode()
    assert 'href="?sort=title&amp;page=2"' in content
    second = client.get(register.url, {"sort": "title", "page": "2"})
    assert titles(second) == ["Delta kulturhus", "Gamma teaterverkstad"]
    # Past the last page: no such page. Not a number: the first page.
    assert client.get(register.url, {"page": "3"}).status_code == 404
    assert client.get(register.url, {"page": "999"}).status_code == 404
    assert titles(client.get(register.url, {"sort": "title", "page": "x"})) == titles(
        first
    )


def test_result_card_shows_partners_body_period_status_and_amount(
    client, register, world
):
    content = client.get(register.url, {"q": "läxhjälp"}).content.decode()
    card = content.split('<article class="sv-card">')[1].split("</article>")[0]
    assert "Röda föreningen, Blå föreningen" in card
    assert "Socialnämnden" in card
    assert (
        '<time datetime="2023-01-01">' in card
        and '<time datetime="2026-12-31">' in card
    )
    assert "sv-status-active" in card
    assert "300\u00a0000 kr" in card


def test_export_links_carry_the_filters(client, register, world):
    content = client.get(
        register.url, {"focus": "kultur", "year": "abc"}
    ).content.decode()
    assert f'href="{register.url}export.csv?focus=kultur"' in content
    assert f'href="{register.url}export.json?focus=kultur"' in content


FILTERED = {
    "focus": "omrade-filter",
    "sort": "-amount",
    "status": "active",
    "year": "2024",
}


def test_register_query_count_is_constant(client, register, django_assert_num_queries):
    def measure(query, expected):
        cache.clear()
        client.get(register.url, query)  # warm the site cache
        samverkan_cache.invalidate(PARTNERSHIPS)  # key figures and counts not cached
        with django_assert_num_queries(expected):
            response = client.get(register.url, query)
        assert response.status_code == 200
        # Once the key figures and option counts are cached:
        with django_assert_num_queries(expected - SUMMARY_QUERIES):
            cached = client.get(register.url, query)
        assert cached.content == response.content
        return response

    pages = make_many_partnerships(register, 1)
    area = pages[0].focus_area_links.first().focus_area
    area.slug = "omrade-filter"
    area.save()
    assert len(titles(measure({}, REGISTER_QUERIES))) == 1
    measure(FILTERED, REGISTER_QUERIES_FILTERED)
    measure({"q": "Massprov"}, REGISTER_QUERIES_SEARCH)
    assert len(list_titles(measure({"view": "list"}, REGISTER_QUERIES))) == 1
    make_many_partnerships(register, 199)
    assert len(titles(measure({}, REGISTER_QUERIES))) == 20
    measure(FILTERED, REGISTER_QUERIES_FILTERED)
    measure({"q": "Massprov"}, REGISTER_QUERIES_SEARCH)
    assert len(list_titles(measure({"view": "list"}, REGISTER_QUERIES))) == 20
    measure({**FILTERED, "view": "list", "sort": "end"}, REGISTER_QUERIES_FILTERED)


REGISTER_QUERIES = 20
# Key figures (3), option counts (6), the number of results (1) and the
# result cards (the IOPs and their partners: 2), cached until an IOP changes.
SUMMARY_QUERIES = 12
REGISTER_QUERIES_FILTERED = 21
REGISTER_QUERIES_SEARCH = 20


def test_the_sort_key_follows_renames_and_is_filled_for_existing_iops(client, register):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    from wagtail_samverkan.core.collation import sort_text
    from wagtail_samverkan.models import PartnershipPage

    alpha = make_partnership(register, title="Alfa")
    make_partnership(register, title="Beta")
    alpha.title = "Östra"
    alpha.save_revision().publish()
    assert titles(client.get(register.url)) == ["Beta", "Östra"]
    # Rows from before the sort key existed get it from the migration.
    PartnershipPage.objects.update(title_sort="")
    migration = importlib.import_module(
        "wagtail_samverkan.migrations.0007_partnership_title_sort"
    )
    migration.fill_title_sort(apps, SimpleNamespace(connection=connection))
    assert sorted(PartnershipPage.objects.values_list("title_sort", flat=True)) == [
        sort_text("Beta"),
        sort_text("Östra"),
    ]


def list_titles(response):
    """The IOP titles of the list view's rows, in order."""
    return re.findall(
        r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', response.content.decode()
    )


def test_the_list_view_keeps_the_filters_and_the_order(client, register, world):
    cards = client.get(register.url, {"focus": "kultur", "sort": "-start"})
    content = cards.content.decode()
    assert '<a href="?focus=kultur&amp;sort=-start&amp;view=list#resultat">' in content
    listed = client.get(
        register.url, {"focus": "kultur", "sort": "-start", "view": "list"}
    )
    assert titles(listed) == []
    assert list_titles(listed) == ["Gamma teaterverkstad", "Delta kulturhus"]
    content = listed.content.decode()
    # The way back to the cards keeps the filters too, and the list is the current view.
    assert '<a href="?focus=kultur&amp;sort=-start#resultat">' in content
    assert 'aria-current="page">Lista</a>' in content
    # Submitting the form again keeps the view.
    assert '<input type="hidden" name="view" value="list">' in content
    assert (
        "300\u00a0000 kr" in client.get(register.url, {"view": "list"}).content.decode()
    )


@pytest.mark.parametrize("view", ["bogus", "", "<script>", "list\x00"])
def test_an_unknown_view_shows_the_cards(client, register, world, view):
    response = client.get(register.url, {"view": view})
    assert response.status_code == 200
    assert len(titles(response)) == 4


@override_settings(
    WAGTAIL_SAMVERKAN={"BASE_TEMPLATE": "host_base.html", "PAGE_SIZE": 2}
)
def test_pages_of_the_list_view_stay_in_the_list(client, register, world):
    content = client.get(register.url, {"view": "list"}).content.decode()
    assert 'href="?view=list&amp;page=2"' in content


def test_no_downloads_for_an_empty_result(client, register, world):
    empty = client.get(register.url, {"q": "finnsinte"}).content.decode()
    assert "0 partnerskap" in empty
    assert "export.csv" not in empty.split('<section class="sv-results"')[1]
    assert "export.json" not in empty.split('<section class="sv-results"')[1]
    found = client.get(register.url, {"q": "läxhjälp"}).content.decode()
    assert "export.csv?q=" in found


def test_the_title_names_the_filters_and_the_count(client, register, world):
    def title(query):
        content = client.get(register.url, query).content.decode()
        return re.search(r"<title>(.*?)</title>", content, re.S).group(1)

    assert title({}).startswith(f"{register.title} | ")
    assert title({"focus": "kultur"}).startswith(
        f"{register.title}: Kultur, 2 partnerskap"
    )
    assert title({"focus": "kultur", "status": "planned"}).startswith(
        f"{register.title}: Planerat, Kultur, 1 partnerskap"
    )
    assert title({"sort": "title"}).startswith(f"{register.title}: 4 partnerskap")


def test_the_result_count_is_the_form_target(client, register, world):
    content = client.get(register.url).content.decode()
    assert 'action="' + register.url + '#resultat"' in content
    count = content.index('id="resultat"')
    assert (
        '<span id="resultat" class="sv-result-count" tabindex="-1">4 partnerskap</span>'
        in content
    )
    # The count comes before the results.
    assert count < content.index('<h3 class="sv-card-title">')


UNREACHABLE_SEARCH = {
    "default": {"BACKEND": "tests.testapp.search.UnreachableSearchBackend"}
}


def test_a_search_server_that_is_down_finds_nothing_and_says_so(client, register):
    make_partnership(register, title="Läxhjälp i Norrby")
    with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE_SEARCH):
        response = client.get(register.url + "?q=läxhjälp")
        assert response.status_code == 200
        content = response.content.decode()
        assert "kunde inte genomföras" in content
        assert "Läxhjälp i Norrby" not in content
        # The export answers with an error, not a file that looks complete.
        export = client.get(register.url + "export.csv?q=läxhjälp")
        assert export.status_code == 503
        assert export["Retry-After"] == "60"
        assert "kunde inte genomföras" in export.content.decode()
    # The failure was not cached: once the search works, the IOP is found.
    content = client.get(register.url + "?q=läxhjälp").content.decode()
    assert "kunde inte genomföras" not in content
    assert "Läxhjälp i Norrby" in content
    # Without search text the register never asks the search server.
    with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE_SEARCH):
        assert "Läxhjälp i Norrby" in client.get(register.url).content.decode()
