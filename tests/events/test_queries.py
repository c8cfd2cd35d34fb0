"""The indexed occurrence queries give the same answers as the rules they stand for."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import create_calendar, create_event
from wagtail_samverkan.models import EventOccurrence

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime.datetime(2030, 5, 1, 12, 0, tzinfo=STOCKHOLM)


@pytest.fixture
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def titles(queryset):
    return [occurrence.event.title for occurrence in queryset]


def test_occurrences_know_their_calendar(calendar):
    event = create_event(calendar)
    assert set(event.occurrences.values_list("calendar_id", flat=True)) == {calendar.pk}


def test_an_event_in_progress_comes_first_among_the_upcoming(
    client, calendar, frozen_now
):
    create_event(
        calendar,
        title="Pågående konferens",
        start_date=datetime.date(2030, 4, 20),
        start_time=None,
        end_time=None,
        end_date=datetime.date(2030, 5, 10),
    )
    create_event(calendar, title="Senare möte", start_date=datetime.date(2030, 5, 14))
    create_event(calendar, title="Förbi", start_date=datetime.date(2030, 4, 28))
    upcoming = EventOccurrence.objects.visible(calendar).upcoming(NOW)
    assert titles(upcoming) == ["Pågående konferens", "Senare möte"]
    assert upcoming.count() == 2
    content = client.get(calendar.url).content.decode()
    assert content.index("Pågående konferens") < content.index("Senare möte")
    assert "Förbi" not in content
    past = EventOccurrence.objects.visible(calendar).past(NOW)
    assert titles(past) == ["Förbi"]


def test_nothing_upcoming_gives_an_empty_list(calendar, frozen_now):
    create_event(calendar, title="Förbi", start_date=datetime.date(2030, 4, 28))
    assert list(EventOccurrence.objects.visible(calendar).upcoming(NOW)) == []
    assert list(EventOccurrence.objects.visible().upcoming(NOW)) == []


def test_each_calendar_shows_only_its_own_events(client, calendar, frozen_now):
    other = create_calendar(calendar.get_parent().specific, title="Annan", slug="annan")
    create_event(calendar, title="Här")
    create_event(other, title="Där")
    assert titles(EventOccurrence.objects.visible(calendar).upcoming(NOW)) == ["Här"]
    assert titles(EventOccurrence.objects.visible(other).upcoming(NOW)) == ["Där"]
    assert sorted(titles(EventOccurrence.objects.visible().upcoming(NOW))) == [
        "Där",
        "Här",
    ]


def test_an_event_moved_to_another_calendar_follows_at_once(
    client, calendar, frozen_now
):
    other = create_calendar(calendar.get_parent().specific, title="Annan", slug="annan")
    event = create_event(calendar, title="Flyttas")
    assert "Flyttas" in client.get(calendar.url).content.decode()
    event.move(other, pos="last-child")
    assert "Flyttas" not in client.get(calendar.url).content.decode()
    assert "Flyttas" in client.get(other.url).content.decode()
    assert "Flyttas" in client.get(other.url + "calendar.ics").content.decode()
    assert "Flyttas" not in client.get(calendar.url + "calendar.ics").content.decode()


def test_restrictions_hide_events_in_every_query(calendar, frozen_now):
    create_event(calendar, title="Öppet")
    private = create_event(calendar, title="Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert titles(EventOccurrence.objects.visible(calendar).upcoming(NOW)) == ["Öppet"]
    assert titles(EventOccurrence.objects.visible().upcoming(NOW)) == ["Öppet"]
    PageViewRestriction.objects.create(page=calendar, restriction_type="login")
    assert not EventOccurrence.objects.visible(calendar).exists()
    assert not EventOccurrence.objects.visible().exists()


def test_the_next_dates_of_one_event_need_no_bound(calendar, frozen_now):
    event = create_event(
        calendar,
        title="Serie",
        start_date=datetime.date(2030, 4, 16),
        repeat="weekly",
        repeat_weekdays=["TU"],
        repeat_count=8,
    )
    rows = EventOccurrence.objects.filter(event=event)
    bounded = list(rows.upcoming(NOW))
    assert list(rows.upcoming(NOW, bounded=False)) == bounded
    assert [o.local_start.date() for o in bounded][:2] == [
        datetime.date(2030, 5, 7),
        datetime.date(2030, 5, 14),
    ]
