"""The list of every date of a series, at ``<event>alla-datum/``."""

import datetime

import pytest

from tests.factories import create_event
from wagtail_samverkan.core import cache as samverkan_cache
from wagtail_samverkan.events.caching import AREA as EVENTS

pytestmark = pytest.mark.django_db


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def weekly(calendar, count, **fields):
    """A weekly series on Tuesdays from 9 April 2030 (partly past on 1 May 2030)."""
    fields.setdefault("start_date", datetime.date(2030, 4, 9))
    return create_event(
        calendar,
        repeat="weekly",
        repeat_weekdays=["TU"],
        repeat_count=count,
        **fields,
    )


def test_event_page_links_to_every_date_when_it_shows_only_some(
    client, calendar, frozen_now
):
    event = weekly(calendar, 12, title="Samrådsträffar")
    page = text(client.get(event.url))
    # Four dates are past; five of the eight still to come are listed.
    assert page.count("<li><time") == 5
    assert f'href="{event.url}alla-datum/"' in page
    assert "Se alla 12 datum i serien" in page

    listing = text(client.get(event.url + "alla-datum/"))
    assert "<title>Alla datum – Samrådsträffar" in listing
    assert "<h1>Alla datum – Samrådsträffar</h1>" in listing
    assert listing.count("<time ") == 12
    assert listing.count("Har varit</span>") == 4
    assert "12 datum totalt, 4 av dem har varit" in listing
    # Soonest first: the past dates before the ones still to come.
    assert listing.index("tisdag 9 april 2030") < listing.index("tisdag 30 april 2030")
    assert listing.index("tisdag 30 april 2030") < listing.index("tisdag 25 juni 2030")
    assert f'<link rel="canonical" href="http://localhost{event.url}alla-datum/">' in (
        listing
    )


def test_cancelled_and_moved_dates_say_so(client, calendar, frozen_now):
    event = weekly(
        calendar,
        10,
        exceptions=[
            {"original_date": datetime.date(2030, 5, 21), "action": "cancelled"},
            {
                "original_date": datetime.date(2030, 6, 4),
                "action": "moved",
                "new_date": datetime.date(2030, 6, 5),
                "note": "Lokalen är upptagen",
            },
        ],
    )
    listing = text(client.get(event.url + "alla-datum/"))
    cancelled = listing.index("tisdag 21 maj 2030")
    assert listing.index("Inställt", cancelled) < listing.index(
        "tisdag 28 maj", cancelled
    )
    moved = listing.index("onsdag 5 juni 2030")
    assert listing.index("Flyttat från 4 juni", moved) < listing.index(
        "Lokalen är upptagen", moved
    )
    assert "tisdag 4 juni" not in listing


def test_no_link_when_every_date_is_shown(client, calendar, frozen_now):
    event = weekly(calendar, 3, start_date=datetime.date(2030, 5, 7))
    page = text(client.get(event.url))
    assert "alla-datum/" not in page
    # The list still answers, for a bookmark made when the series was longer.
    assert text(client.get(event.url + "alla-datum/")).count("<time ") == 3


def test_a_single_event_has_no_list_of_dates(client, calendar, frozen_now):
    event = create_event(calendar)
    assert "alla-datum/" not in text(client.get(event.url))
    assert client.get(event.url + "alla-datum/").status_code == 404


def test_drafts_and_private_series_do_not_leak(client, calendar, frozen_now):
    from wagtail.models import PageViewRestriction

    draft = weekly(calendar, 8, publish=False, title="Hemligt utkast")
    assert client.get(draft.url + "alla-datum/").status_code == 404
    private = weekly(calendar, 8, title="Slutet möte")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response = client.get(private.url + "alla-datum/")
    assert "Slutet möte" not in response.content.decode()


def test_the_list_is_in_the_sitemap_and_purged_with_the_event(calendar, frozen_now):
    series = weekly(calendar, 8)
    single = create_event(calendar)
    locations = [url["location"] for url in series.get_sitemap_urls()]
    assert locations == [series.full_url, series.full_url + "alla-datum/"]
    assert len(single.get_sitemap_urls()) == 1
    assert "alla-datum/" in series.get_cached_paths()


@pytest.mark.parametrize("count", [1, 200])
def test_query_count_does_not_grow_with_the_dates(
    client, calendar, frozen_now, count, django_assert_num_queries, warm_site_root_paths
):
    event = weekly(calendar, count)
    samverkan_cache.invalidate(EVENTS)
    with django_assert_num_queries(ALL_DATES_QUERIES):
        assert text(client.get(event.url + "alla-datum/")).count("<time ") == count
    with django_assert_num_queries(EVENT_QUERIES):
        text(client.get(event.url))


# Routing and the host's template, the cache generations, the next dates the
# event page's context reads, then every date.
ALL_DATES_QUERIES = 10
# As EVENT_QUERIES_EXPECTED in test_pages: the link adds no query.
EVENT_QUERIES = 11
