"""The package's one cache: its alias, its areas and its second invalidation."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.utils import timezone

from tests.agreement.helpers import make_agreement, make_index
from tests.factories import (
    create_calendar,
    create_event,
    make_partnership,
    make_register,
)
from wagtail_samverkan.agreement.caching import AREA as AGREEMENT
from wagtail_samverkan.core import cache
from wagtail_samverkan.events.caching import AREA as EVENTS
from wagtail_samverkan.models import (
    AgreementPage,
    EventICalState,
    EventPage,
    PartnershipPage,
)

pytestmark = pytest.mark.cache

TWO_CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "samverkan-test-default",
    },
    "samverkan": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "samverkan-test-own",
    },
}


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@override_settings(
    CACHES=TWO_CACHES,
    WAGTAIL_SAMVERKAN={**settings.WAGTAIL_SAMVERKAN, "CACHE_ALIAS": "samverkan"},
)
def test_every_cache_uses_the_configured_alias(client, home_page, monkeypatch):
    moment = datetime.datetime(2030, 5, 1, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    agreement = make_agreement(make_index(home_page), intro="Den första inledningen.")
    calendar = create_calendar(home_page)
    create_event(calendar, title="Det första mötet")
    register = make_register(home_page)
    make_partnership(register, title="Första IOP")

    def seen():
        figures = text(client, register.url)
        figures = figures[figures.index("sv-key-figures") :]
        return (
            "Den första inledningen." in text(client, agreement.url),
            "Det första mötet" in text(client, calendar.url + "calendar.ics"),
            "Det första mötet" in text(client, calendar.url),
            ">1<" in figures.replace(" ", "").replace("\n", ""),
        )

    assert seen() == (True, True, True, True)
    # Raw updates reach no signal: what is cached is shown.
    AgreementPage.objects.update(intro="<p>Bakom ryggen.</p>")
    EventPage.objects.update(title="Bakom ryggen")
    # The feed's stored event text no longer matches, so it is built anew.
    EventICalState.objects.update(vevents_key="")
    PartnershipPage.objects.update(live=False)
    caches["default"].clear()
    assert seen() == (True, True, True, True)
    caches["samverkan"].clear()
    assert seen() == (False, False, False, False)


@override_settings(
    WAGTAIL_SAMVERKAN={**settings.WAGTAIL_SAMVERKAN, "CACHE_ALIAS": "no-such-cache"}
)
def test_an_unknown_alias_is_refused_with_a_clear_error():
    with pytest.raises(ImproperlyConfigured, match="CACHE_ALIAS.*no-such-cache"):
        cache.get_cache()


@pytest.mark.django_db
def test_an_area_is_made_stale_on_its_own():
    agreement = cache.make_key("x", areas=(AGREEMENT,))
    events = cache.make_key("x", areas=(EVENTS,))
    everything = cache.make_key("x")
    cache._replace_generations((EVENTS,))
    assert cache.make_key("x", areas=(AGREEMENT,)) == agreement
    assert cache.make_key("x", areas=(EVENTS,)) != events
    # A key that names no area depends on every area.
    assert cache.make_key("x") != everything


def test_an_unknown_area_is_refused():
    with pytest.raises(ValueError, match="nothing"):
        cache.make_key("x", areas=("nothing",))


@pytest.mark.django_db
def test_the_generations_live_in_the_database_not_in_the_cache():
    from wagtail_samverkan.core.models import CacheGeneration

    before = cache.generation()
    # A cache that loses everything (a restart, another process's own
    # LocMemCache) still agrees on the generations.
    caches["default"].clear()
    assert cache.generation() == before
    cache.invalidate(EVENTS)
    after = cache.generation()
    assert after != before
    stored = dict(CacheGeneration.objects.values_list("area", "token"))
    assert set(stored) == set(cache.AREAS)
    assert f"{EVENTS}={stored[EVENTS]}" in after


@pytest.mark.django_db
def test_a_request_reads_the_generations_once(client, django_assert_num_queries):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    # As Django's test client does: the signals must not close the test's
    # connection (PostgreSQL would lose the test's transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        cache.generation(EVENTS)
        with django_assert_num_queries(0):
            before = cache.generation(AGREEMENT)
            cache.generation()
        # Its own change is seen at once.
        cache.invalidate(AGREEMENT)
        with django_assert_num_queries(1):
            changed = cache.generation(AGREEMENT)
        assert changed != before
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    # Outside a request nothing is kept: a shell may run for hours.
    with django_assert_num_queries(2):
        cache.generation()
        cache.generation()


@pytest.mark.django_db
def test_keys_use_the_date_in_the_package_time_zone(monkeypatch):
    from wagtail_samverkan.core.conf import local_today

    # 23:30 in UTC is already the next day in Stockholm (the default zone).
    late = datetime.datetime(2030, 5, 1, 23, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: late)
    assert local_today() == datetime.date(2030, 5, 2)
    before = cache.make_key("x", areas=(AGREEMENT,))
    monkeypatch.setattr(timezone, "now", lambda: late - datetime.timedelta(hours=2))
    assert local_today() == datetime.date(2030, 5, 1)
    assert cache.make_key("x", areas=(AGREEMENT,)) != before
