"""The calendar's cached output follows every change at once."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from tests.factories import create_event
from wagtail_samverkan.core import cache
from wagtail_samverkan.models import EventPage

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def feed(client, calendar, **params):
    response = client.get(calendar.url + "calendar.ics", params)
    assert response.status_code == 200
    return response.content.decode()


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_feed_is_served_from_the_cache_until_something_changes(
    client, calendar, frozen_now, django_assert_num_queries, warm_site_root_paths
):
    create_event(calendar, title="Cachat möte")
    create_event(calendar, title="Tas bort bakom ryggen", slug="bort")
    first = feed(client, calendar)
    assert "Cachat möte" in first and "Tas bort bakom ryggen" in first
    # A change the signals do not see (a raw update) is not shown: the cached bytes are.
    EventPage.objects.filter(slug="bort").update(live=False)
    with django_assert_num_queries(FEED_QUERIES_CACHED):
        assert feed(client, calendar) == first
    cache.invalidate()
    content = feed(client, calendar)
    assert "Cachat möte" in content and "Tas bort bakom ryggen" not in content


def test_samverkan_rebuild_events_renews_the_stored_ical_text(
    client, calendar, frozen_now
):
    """The feed joins the VEVENT text stored on publish; the command makes it again."""
    from django.core.management import call_command

    create_event(calendar, title="Lagrad titel")
    EventPage.objects.update(title="Ändrat bakom ryggen")
    cache.invalidate()
    assert "Lagrad titel" in feed(client, calendar)
    call_command("samverkan_rebuild_events", stdout=io.StringIO())
    content = feed(client, calendar)
    assert "Ändrat bakom ryggen" in content and "Lagrad titel" not in content


FEED_QUERIES_CACHED = 7


def test_a_published_edit_shows_at_once_in_the_feed_and_calendar(
    client, calendar, frozen_now
):
    event = create_event(calendar, title="Före ändringen")
    assert "Före ändringen" in feed(client, calendar)
    assert "Före ändringen" in page_text(client, calendar.url)
    event.title = "Efter ändringen"
    event.start_time = datetime.time(9, 0)
    event.end_time = datetime.time(10, 0)
    event.save_revision().publish()
    content = feed(client, calendar)
    assert "Efter ändringen" in content and "Före ändringen" not in content
    assert "DTSTART;TZID=Europe/Stockholm:20300514T090000" in content
    assert "SEQUENCE:1" in content
    calendar_page = page_text(client, calendar.url)
    assert "Efter ändringen" in calendar_page and "09.00–10.00" in calendar_page


def test_a_draft_edit_never_reaches_the_cached_feed(client, calendar, frozen_now):
    event = create_event(calendar, title="Publicerad titel")
    feed(client, calendar)
    event.title = "Utkasttitel"
    event.save_revision()  # not published
    content = feed(client, calendar)
    assert "Publicerad titel" in content and "Utkasttitel" not in content
    assert "Utkasttitel" not in page_text(client, calendar.url)


def test_an_unpublished_or_deleted_event_disappears_at_once(
    client, calendar, frozen_now
):
    first = create_event(calendar, title="Avpubliceras")
    second = create_event(calendar, title="Raderas")
    content = feed(client, calendar)
    assert "Avpubliceras" in content and "Raderas" in content
    first.unpublish()
    content = feed(client, calendar)
    assert "Avpubliceras" not in content and "Raderas" in content
    assert "Avpubliceras" not in page_text(client, calendar.url)
    second.delete()
    assert "Raderas" not in feed(client, calendar)
    assert "Raderas" not in page_text(client, calendar.url)


def test_a_new_view_restriction_hides_the_event_from_the_cached_feed(
    client, calendar, frozen_now
):
    event = create_event(calendar, title="Blir privat")
    assert "Blir privat" in feed(client, calendar)
    restriction = PageViewRestriction.objects.create(
        page=event, restriction_type="password", password="x"
    )
    assert "Blir privat" not in feed(client, calendar)
    restriction.delete()
    assert "Blir privat" in feed(client, calendar)


def test_renaming_the_calendar_changes_the_feed(client, calendar, frozen_now):
    create_event(calendar, title="Mötet")
    assert "X-WR-CALNAME:Kalender" in feed(client, calendar)
    calendar.title = "Möten i Borås"
    calendar.slug = "moten"
    calendar.save_revision().publish()
    calendar.refresh_from_db()
    content = feed(client, calendar)
    assert "X-WR-CALNAME:Möten i Borås" in content
    assert "/moten/mote-" in content


def test_the_kind_filter_and_the_language_have_their_own_cached_feeds(
    client, calendar, frozen_now
):
    create_event(calendar, title="Rådsmöte", kind="joint_council")
    create_event(calendar, title="Dialog", kind="dialogue_meeting")
    everything = feed(client, calendar)
    council = feed(client, calendar, kind="joint_council")
    assert "Rådsmöte" in everything and "Dialog" in everything
    assert "Rådsmöte" in council and "Dialog" not in council
    assert "Dialog" not in feed(client, calendar, kind="joint_council")
    with translation.override("en"):
        english = cache.make_key("feed", calendar.pk)
    with translation.override("sv"):
        swedish = cache.make_key("feed", calendar.pk)
    assert english != swedish


def test_calendar_list_and_event_page_fragments_are_cached_until_a_change(
    client, calendar, frozen_now, django_assert_num_queries, warm_site_root_paths
):
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory(name="Föreningen Förr")
    event = create_event(
        calendar, title="Fragmentmötet", organiser_organisation=organisation
    )
    assert "Fragmentmötet" in page_text(client, calendar.url)
    first = page_text(client, event.url)
    assert "Föreningen Förr" in first
    # A raw update is not seen by the signals: the cached fragments are shown.
    EventPage.objects.update(title="Bakom ryggen")
    assert "Fragmentmötet" in page_text(client, calendar.url)
    with django_assert_num_queries(EVENT_QUERIES_CACHED):
        assert "Fragmentmötet" in page_text(client, event.url)
    # Editing the organiser in the register shows at once.
    organisation.name = "Föreningen Nu"
    organisation.save()
    content = page_text(client, event.url)
    assert "Föreningen Nu" in content and "Föreningen Förr" not in content
    assert "Bakom ryggen" in page_text(client, calendar.url)


EVENT_QUERIES_CACHED = 9


def test_a_preview_is_never_cached(frozen_now, admin_client, calendar):
    from django.urls import reverse

    event = create_event(calendar, title="Publicerat")
    assert "Publicerat" in page_text(admin_client, event.url)
    event.title = "Förhandsvisat utkast"
    event.save_revision()
    preview = admin_client.get(
        reverse("wagtailadmin_pages:view_draft", args=(event.pk,))
    )
    assert "Förhandsvisat utkast" in preview.content.decode()
    content = page_text(admin_client, event.url)
    assert "Publicerat" in content and "Förhandsvisat utkast" not in content


def test_a_related_page_unpublished_disappears_from_the_event_page(
    client, calendar, frozen_now
):
    from wagtail_samverkan.core.compat import get_base_page_model

    Page = get_base_page_model()

    agreement = calendar.get_parent().add_child(
        instance=Page(title="Överenskommelsen", slug="overenskommelsen")
    )
    event = create_event(calendar, title="Länkat möte", related=[agreement])
    assert "Överenskommelsen" in page_text(client, event.url)
    agreement.unpublish()
    assert "Överenskommelsen" not in page_text(client, event.url)


# --- Which occurrences a page of the calendar lists -----------------------------------


class Clock:
    """A ``timezone.now`` that the test moves on."""

    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment


def test_the_calendar_list_follows_the_clock_without_a_publish(
    client, calendar, monkeypatch, django_assert_num_queries, warm_site_root_paths
):
    clock = Clock(datetime.datetime(2030, 5, 14, 12, 0, tzinfo=STOCKHOLM))
    monkeypatch.setattr(timezone, "now", clock)
    create_event(
        calendar,
        title="Förmiddagsmöte",
        start_time=datetime.time(9, 0),
        end_time=datetime.time(13, 0),
    )
    create_event(calendar, title="Kvällsmöte")  # 18:00–20:00 the same day
    archive = calendar.url + "arkiv/"
    upcoming = page_text(client, calendar.url)
    assert "Förmiddagsmöte" in upcoming and "Kvällsmöte" in upcoming
    assert "Förmiddagsmöte" not in page_text(client, archive)
    # Until the first listed meeting ends the list comes from the cache.
    clock.moment = datetime.datetime(2030, 5, 14, 12, 59, tzinfo=STOCKHOLM)
    with django_assert_num_queries(CALENDAR_QUERIES_CACHED):
        assert "Förmiddagsmöte" in page_text(client, calendar.url)
    # Once it has ended it leaves the calendar and joins the archive, with no
    # publish in between.
    clock.moment = datetime.datetime(2030, 5, 14, 13, 1, tzinfo=STOCKHOLM)
    upcoming = page_text(client, calendar.url)
    assert "Förmiddagsmöte" not in upcoming and "Kvällsmöte" in upcoming
    assert "Förmiddagsmöte" in page_text(client, archive)
    clock.moment = datetime.datetime(2030, 5, 14, 21, 0, tzinfo=STOCKHOLM)
    assert "Kvällsmöte" not in page_text(client, calendar.url)
    past = page_text(client, archive)
    assert "Förmiddagsmöte" in past and "Kvällsmöte" in past


def test_the_calendar_pages_count_follows_publishing(
    client, calendar, frozen_now, settings, warm_site_root_paths
):
    settings.WAGTAIL_SAMVERKAN = {
        **getattr(settings, "WAGTAIL_SAMVERKAN", {}),
        "PAGE_SIZE": 2,
    }
    for day in (14, 15, 16):
        create_event(
            calendar, title=f"Möte den {day}", start_date=datetime.date(2030, 5, day)
        )
    first = page_text(client, calendar.url)
    assert "Sida 1 av 2" in first or "Page 1 of 2" in first
    second = page_text(client, calendar.url + "?page=2")
    assert "Möte den 16" in second and "Möte den 14" not in second
    # A number past the last page is not found, now and after a change.
    assert client.get(calendar.url + "?page=3").status_code == 404
    create_event(calendar, title="Möte den 17", start_date=datetime.date(2030, 5, 17))
    second = page_text(client, calendar.url + "?page=2")
    assert "Möte den 16" in second and "Möte den 17" in second
    assert client.get(calendar.url + "?page=3").status_code == 404
    create_event(calendar, title="Möte den 18", start_date=datetime.date(2030, 5, 18))
    third = page_text(client, calendar.url + "?page=3")
    assert "Möte den 18" in third
    assert "Sida 3 av 3" in third or "Page 3 of 3" in third


def test_a_new_view_restriction_empties_the_cached_calendar_list(
    client, calendar, frozen_now, warm_site_root_paths
):
    event = create_event(calendar, title="Snart privat")
    assert "Snart privat" in page_text(client, calendar.url)
    PageViewRestriction.objects.create(page=event, restriction_type="login")
    assert "Snart privat" not in page_text(client, calendar.url)


CALENDAR_QUERIES_CACHED = 7
