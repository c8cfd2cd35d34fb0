"""Meetings and events: the model, the occurrence table, the pages visitors see."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import (
    MunicipalBodyFactory,
    OrganisationFactory,
    create_calendar,
    create_event,
)
from wagtail_samverkan.core import cache as samverkan_cache
from wagtail_samverkan.core.compat import get_base_page_model
from wagtail_samverkan.events.caching import AREA as EVENTS
from wagtail_samverkan.events.recurrence import MAX_OCCURRENCES
from wagtail_samverkan.models import EventOccurrence, EventPage, EventStatus

Page = get_base_page_model()

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def text(response):
    return response.content.decode()


# --- The occurrence table ---------------------------------------------------


def test_single_event_has_one_occurrence_with_aware_times(calendar):
    event = create_event(calendar, start_date=datetime.date(2030, 3, 30))
    (occurrence,) = event.occurrences.all()
    assert occurrence.start == datetime.datetime(2030, 3, 30, 18, 0, tzinfo=STOCKHOLM)
    assert occurrence.end == datetime.datetime(2030, 3, 30, 20, 0, tzinfo=STOCKHOLM)
    assert occurrence.kind == event.kind


def test_series_across_both_daylight_saving_changes_keeps_local_time(calendar):
    # Every Sunday from mid-March to mid-November 2030: crosses 31 March and 27 October.
    event = create_event(
        calendar,
        start_date=datetime.date(2030, 3, 24),
        repeat="weekly",
        repeat_weekdays=["SU"],
        repeat_until=datetime.date(2030, 11, 10),
    )
    occurrences = list(event.occurrences.order_by("start"))
    assert len(occurrences) == 34
    assert {o.local_start.time() for o in occurrences} == {datetime.time(18, 0)}
    assert {o.local_end.time() for o in occurrences} == {datetime.time(20, 0)}
    utc_hours = [o.start.astimezone(datetime.UTC).hour for o in occurrences]
    assert utc_hours[0] == 17 and utc_hours[1] == 16 and utc_hours[-1] == 17


def test_occurrences_rebuild_on_publish_edit_unpublish_and_delete(calendar):
    event = create_event(
        calendar, repeat="weekly", repeat_weekdays=["TU"], repeat_count=4
    )
    assert EventOccurrence.objects.filter(event=event).count() == 4

    event.repeat_count = 6
    event.save_revision().publish()
    assert EventOccurrence.objects.filter(event=event).count() == 6

    # A draft does not change the published dates.
    event.repeat_count = 2
    event.save_revision()
    assert EventOccurrence.objects.filter(event=event).count() == 6

    event.refresh_from_db()
    event.unpublish()
    assert not EventOccurrence.objects.filter(event=event).exists()

    event.save_revision().publish()
    assert EventOccurrence.objects.filter(event=event).count() == 6
    pk = event.pk
    Page.objects.get(pk=pk).delete()
    assert not EventOccurrence.objects.filter(event_id=pk).exists()


def test_unpublished_draft_has_no_occurrences(calendar):
    event = create_event(calendar, publish=False)
    assert not event.occurrences.exists()


def test_cancelled_and_moved_dates_of_a_series(calendar):
    event = create_event(
        calendar,
        repeat="weekly",
        repeat_weekdays=["TU"],
        repeat_count=4,
        exceptions=[
            {"original_date": datetime.date(2030, 5, 21), "action": "cancelled"},
            {
                "original_date": datetime.date(2030, 5, 28),
                "action": "moved",
                "new_date": datetime.date(2030, 5, 29),
                "new_start_time": datetime.time(17, 0),
                "note": "Flyttat en dag",
            },
        ],
    )
    rows = {o.original_start.date(): o for o in event.occurrences.all()}
    assert rows[datetime.date(2030, 5, 21)].status == EventStatus.CANCELLED
    moved = rows[datetime.date(2030, 5, 28)]
    assert moved.is_moved and moved.note == "Flyttat en dag"
    assert moved.local_start == datetime.datetime(2030, 5, 29, 17, 0, tzinfo=STOCKHOLM)
    # The length of the meeting is kept when only the start is moved.
    assert moved.local_end == datetime.datetime(2030, 5, 29, 19, 0, tzinfo=STOCKHOLM)
    assert rows[datetime.date(2030, 5, 14)].status == EventStatus.SCHEDULED


def test_all_day_and_multi_day_event(calendar):
    event = create_event(
        calendar,
        start_date=datetime.date(2030, 6, 1),
        start_time=None,
        end_time=None,
        end_date=datetime.date(2030, 6, 2),
    )
    (occurrence,) = event.occurrences.all()
    assert occurrence.all_day and occurrence.is_multi_day
    assert occurrence.last_day == datetime.date(2030, 6, 2)
    assert occurrence.local_end == datetime.datetime(2030, 6, 3, 0, 0, tzinfo=STOCKHOLM)


def test_cancelled_event_keeps_its_dates_marked_cancelled(calendar):
    event = create_event(calendar, status=EventStatus.CANCELLED)
    assert [o.status for o in event.occurrences.all()] == [EventStatus.CANCELLED]


# --- Validation --------------------------------------------------------------


def build(**fields):
    values = {
        "title": "Möte",
        "slug": "mote",
        "start_date": datetime.date(2030, 5, 14),
        "start_time": datetime.time(18, 0),
        "end_time": datetime.time(20, 0),
    }
    values.update(fields)
    return EventPage(**values)


def errors_of(page):
    with pytest.raises(ValidationError) as raised:
        page.clean()
    return raised.value.message_dict


def test_end_before_start_is_refused():
    assert "end_time" in errors_of(build(end_time=datetime.time(17, 0)))
    assert "end_date" in errors_of(build(end_date=datetime.date(2030, 5, 13)))


def test_recurrence_without_days_is_refused():
    assert "repeat_weekdays" in errors_of(build(repeat="weekly", repeat_count=3))


def test_interval_of_zero_is_refused():
    errors = errors_of(
        build(
            repeat="weekly", repeat_weekdays=["TU"], repeat_interval=0, repeat_count=3
        )
    )
    assert "repeat_interval" in errors


def test_count_over_the_cap_is_refused():
    errors = errors_of(
        build(repeat="weekly", repeat_weekdays=["TU"], repeat_count=MAX_OCCURRENCES + 1)
    )
    assert "repeat_count" in errors
    build(repeat="weekly", repeat_weekdays=["TU"], repeat_count=MAX_OCCURRENCES).clean()


def test_end_date_too_far_for_the_cap_is_refused():
    errors = errors_of(
        build(
            repeat="weekly",
            repeat_weekdays=["TU"],
            repeat_until=datetime.date(2040, 1, 1),
        )
    )
    assert "repeat_until" in errors


def test_series_needs_an_end_and_a_monthly_position():
    assert "repeat_until" in errors_of(build(repeat="weekly", repeat_weekdays=["TU"]))
    errors = errors_of(build(repeat="monthly", repeat_weekdays=["TU"], repeat_count=3))
    assert "repeat_position" in errors


def test_series_must_start_on_one_of_its_dates():
    # 14 May 2030 is a Tuesday, not a Wednesday.
    errors = errors_of(build(repeat="weekly", repeat_weekdays=["WE"], repeat_count=3))
    assert "start_date" in errors


def test_organiser_is_an_organisation_or_a_body_not_both():
    page = build(
        organiser_organisation=OrganisationFactory(),
        organiser_body=MunicipalBodyFactory(),
    )
    assert "organiser_body" in errors_of(page)


# --- Admin -------------------------------------------------------------------


def admin_post_data(**overrides):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        streamfield,
    )

    data = {
        "title": "Dialogmöte i admin",
        "slug": "dialogmote-i-admin",
        "summary": "",
        "kind": "dialogue_meeting",
        "status": "scheduled",
        "body": streamfield([]),
        "start_date": "2030-05-14",
        "start_time": "18:00",
        "end_date": "",
        "end_time": "20:00",
        "repeat": "",
        "repeat_interval": "1",
        "repeat_position": "",
        "repeat_until": "",
        "repeat_count": "",
        "exceptions": inline_formset([]),
        "related_links": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_admin_shows_validation_errors(admin_client, calendar):
    from django.urls import reverse

    url = reverse(
        "wagtailadmin_pages:add", args=("wagtail_samverkan", "eventpage", calendar.pk)
    )
    response = admin_client.post(
        url,
        admin_post_data(
            repeat="weekly", repeat_interval="0", repeat_count=str(MAX_OCCURRENCES + 5)
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "repeat_weekdays" in errors
    assert "repeat_interval" in errors
    assert "repeat_count" in errors
    assert not EventPage.objects.exists()


def test_admin_publishes_a_series_with_a_cancelled_date(admin_client, calendar):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset

    url = reverse(
        "wagtailadmin_pages:add", args=("wagtail_samverkan", "eventpage", calendar.pk)
    )
    data = admin_post_data(
        repeat="weekly",
        repeat_count="3",
        exceptions=inline_formset(
            [
                {
                    "original_date": "2030-05-21",
                    "action": "cancelled",
                    "new_date": "",
                    "new_start_time": "",
                    "new_end_time": "",
                    "note": "Inställt",
                }
            ]
        ),
    )
    data["repeat_weekdays"] = ["TU"]
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="dialogmote-i-admin")
    assert event.live
    assert [o.status for o in event.occurrences.order_by("start")] == [
        "scheduled",
        "cancelled",
        "scheduled",
    ]
    # The edit form shows the chosen weekday ticked.
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,)))
    assert re.search(r'value="TU"[^>]*checked|checked[^>]*value="TU"', text(edit))


# --- The calendar page -------------------------------------------------------


def test_calendar_lists_upcoming_grouped_by_month(client, calendar, frozen_now):
    create_event(calendar, title="Majmötet", start_date=datetime.date(2030, 5, 14))
    create_event(calendar, title="Junimötet", start_date=datetime.date(2030, 6, 11))
    create_event(
        calendar, title="Förra årets möte", start_date=datetime.date(2029, 5, 14)
    )
    response = client.get(calendar.url)
    assert response.status_code == 200
    content = text(response)
    assert "Majmötet" in content and "Junimötet" in content
    assert "Förra årets möte" not in content
    assert (
        content.index("Maj 2030")
        < content.index("Majmötet")
        < content.index("Juni 2030")
    )
    assert (
        '<time datetime="2030-05-14T18:00:00+02:00">tisdag 14 maj 2030</time>'
        in content
    )
    assert "18.00–20.00" in content


def test_archive_lists_past_events_newest_first(client, calendar, frozen_now):
    create_event(calendar, title="Majmötet", start_date=datetime.date(2030, 5, 14))
    create_event(calendar, title="Gammalt möte", start_date=datetime.date(2029, 5, 14))
    create_event(calendar, title="Äldre möte", start_date=datetime.date(2028, 5, 14))
    content = text(client.get(calendar.url + "arkiv/"))
    assert "Majmötet" not in content
    assert content.index("Gammalt möte") < content.index("Äldre möte")


def test_upcoming_and_past_at_the_boundary(client, calendar, monkeypatch):
    create_event(calendar, title="Gränsmötet", start_date=datetime.date(2030, 5, 14))
    end = datetime.datetime(2030, 5, 14, 20, 0, tzinfo=STOCKHOLM)
    monkeypatch.setattr(timezone, "now", lambda: end - datetime.timedelta(seconds=1))
    assert "Gränsmötet" in text(client.get(calendar.url))
    assert "Gränsmötet" not in text(client.get(calendar.url + "arkiv/"))
    monkeypatch.setattr(timezone, "now", lambda: end)
    assert "Gränsmötet" not in text(client.get(calendar.url))
    assert "Gränsmötet" in text(client.get(calendar.url + "arkiv/"))


def test_calendar_filters_by_kind_and_month_without_javascript(
    client, calendar, frozen_now
):
    create_event(
        calendar,
        title="Rådsmöte",
        kind="joint_council",
        start_date=datetime.date(2030, 5, 14),
    )
    create_event(calendar, title="Dialog i juni", start_date=datetime.date(2030, 6, 11))
    create_event(calendar, title="Dialog i maj", start_date=datetime.date(2030, 5, 15))
    content = text(client.get(calendar.url, {"kind": "joint_council"}))
    assert "Rådsmöte" in content and "Dialog i" not in content
    assert '<option value="joint_council" selected>' in content
    # The form submits to the page it is on (an empty action is invalid HTML).
    assert re.search(r'<form method="get" class="sv-filter', content)
    assert 'action=""' not in content
    content = text(client.get(calendar.url, {"month": "2030-06"}))
    assert (
        "Dialog i juni" in content
        and "Rådsmöte" not in content
        and "Dialog i maj" not in content
    )
    content = text(
        client.get(calendar.url, {"month": "2030-05", "kind": "dialogue_meeting"})
    )
    assert (
        "Dialog i maj" in content
        and "Rådsmöte" not in content
        and "Dialog i juni" not in content
    )
    # The filter is an ordinary form with labelled controls and a submit button.
    assert '<form method="get"' in content and '<label for="sv-filter-kind">' in content
    assert '<button type="submit">' in content


def test_calendar_shows_cancelled_label_and_online(client, calendar, frozen_now):
    create_event(calendar, title="Inställt möte", status=EventStatus.CANCELLED)
    create_event(
        calendar,
        title="Nätmöte",
        venue="",
        town="",
        online_url="https://meet.example.org/x",
    )
    content = text(client.get(calendar.url))
    assert re.search(r"Inställt möte.*sv-badge--cancelled", content, re.S)
    assert re.search(r"Nätmöte.*sv-event__place\">Digitalt<", content, re.S)


def test_calendar_paginates(client, calendar, frozen_now, settings):
    settings.WAGTAIL_SAMVERKAN = {**settings.WAGTAIL_SAMVERKAN, "PAGE_SIZE": 2}
    for day in (13, 14, 15):
        create_event(
            calendar, title=f"Möte den {day}", start_date=datetime.date(2030, 5, day)
        )
    first = text(client.get(calendar.url))
    assert "Möte den 13" in first and "Möte den 15" not in first
    assert 'rel="next"' in first
    second = text(client.get(calendar.url, {"page": "2"}))
    assert "Möte den 15" in second and "Möte den 13" not in second


def test_the_former_english_archive_address_redirects_permanently(
    client, calendar, frozen_now
):
    create_event(
        calendar, title="Förra månadens möte", start_date=datetime.date(2030, 4, 2)
    )
    response = client.get(
        calendar.url + "archive/", {"kind": "dialogue_meeting", "page": "1"}
    )
    assert response.status_code == 301
    assert response["Location"] == calendar.url + "arkiv/?kind=dialogue_meeting&page=1"
    response = client.get(calendar.url + "archive/")
    assert (
        response.status_code == 301 and response["Location"] == calendar.url + "arkiv/"
    )
    content = text(client.get(calendar.url + "arkiv/"))
    assert "Förra månadens möte" in content
    assert f'href="{calendar.url}arkiv/"' in text(client.get(calendar.url))


@pytest.mark.parametrize(
    "query",
    [
        {"month": "13"},
        {"month": "2030-13"},
        {"month": "x"},
        {"kind": "nope"},
        {"page": "-1"},
        {"page": "0"},
        {"page": "999"},
        {"page": "abc"},
        {"month": "99999-01"},
        {"month": "2024-99999999999999999999"},
        {"month": "99999999999999999999-01"},
        {"month": "2030-0"},
        {"kind": ["a", "b"], "page": "1.5"},
    ],
)
def test_bad_parameters_never_give_500(client, calendar, frozen_now, query):
    create_event(calendar, title="Ett möte")
    for url in (calendar.url, calendar.url + "arkiv/", calendar.url + "calendar.ics"):
        response = client.get(url, query)
        if url.endswith(".ics") and "kind" in query:
            # The feed refuses an unknown kind with a reason.
            assert response.status_code == 400, url
        else:
            assert response.status_code in (200, 404), url
    if "month" in query:
        # A month that is no month is no filter: the meeting is still listed.
        assert "Ett möte" in text(client.get(calendar.url, query))


# --- Visibility: drafts and private events ------------------------------------


def test_drafts_and_private_events_are_hidden_everywhere(client, calendar, frozen_now):
    create_event(calendar, title="Synligt möte")
    create_event(calendar, title="Utkastmötet", publish=False)
    private = create_event(calendar, title="Hemligt möte")
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="x"
    )
    closed = create_calendar(
        calendar.get_parent().specific, title="Stängd", slug="stangd"
    )
    PageViewRestriction.objects.create(page=closed, restriction_type="login")
    create_event(closed, title="Internt möte")

    for url in (calendar.url, calendar.url + "calendar.ics"):
        content = text(client.get(url))
        assert "Synligt möte" in content
        assert "Utkastmötet" not in content and "Hemligt möte" not in content
    # A password-protected page shows Wagtail's password form instead.
    assert "Hemligt möte" not in text(client.get(private.url))
    assert "BEGIN:VCALENDAR" not in text(client.get(private.url + "event.ics"))
    assert client.get(closed.url + "calendar.ics").status_code == 302  # to login

    api = client.get(
        "/api/v2/pages/", {"type": "wagtail_samverkan.EventPage", "fields": "kind"}
    )
    titles = [item["title"] for item in api.json()["items"]]
    assert titles == ["Synligt möte"]
    results = EventPage.objects.live().public().search("möte")
    assert [page.title for page in results] == ["Synligt möte"]
    sitemap = text(client.get("/sitemap.xml"))
    assert "hemligt" not in sitemap.lower() and "/mote-" in sitemap


# --- The event page ------------------------------------------------------------


def test_event_page_shows_series_place_accessibility_registration_organiser(
    client, calendar, frozen_now
):
    body = MunicipalBodyFactory(name="Beredningen för medborgarinflytande")
    agreement = calendar.get_parent().add_child(
        instance=Page(title="Överenskommelsen", slug="overenskommelsen")
    )
    event = create_event(
        calendar,
        title="Dialogmöte om överenskommelsen",
        start_date=datetime.date(2030, 5, 14),
        repeat="weekly",
        repeat_interval=2,
        repeat_weekdays=["TU"],
        repeat_until=datetime.date(2030, 6, 30),
        venue="Stadshuset",
        room="Sessionssalen",
        street_address="Kungsgatan 55",
        postal_code="503 35",
        step_free_access=True,
        hearing_loop=True,
        registration_required=True,
        registration_url="https://example.org/anmalan",
        registration_deadline=datetime.date(2030, 5, 10),
        organiser_body=body,
        related=[agreement],
        exceptions=[
            {"original_date": datetime.date(2030, 5, 28), "action": "cancelled"}
        ],
    )
    content = text(client.get(event.url))
    assert "varannan tisdag kl. 18.00 till och med 30 juni 2030" in content
    assert "Kungsgatan 55" in content and "Sessionssalen" in content
    assert "Stegfri entré" in content
    assert "Hörslinga" in content
    assert 'id="sv-register"' in content and "10 maj 2030" in content
    assert "Beredningen för medborgarinflytande" in content
    assert 'href="/overenskommelsen/"' in content
    assert 'href="/kalender/' + event.slug + '/event.ics"' in content
    next_dates = re.findall(r'<li><time datetime="(2030-[^"]+)"', content)
    assert next_dates == [
        "2030-05-14T18:00:00+02:00",
        "2030-05-28T18:00:00+02:00",
        "2030-06-11T18:00:00+02:00",
        "2030-06-25T18:00:00+02:00",
    ]
    assert "sv-badge--cancelled" in content


def test_event_page_online_meeting(client, calendar, frozen_now):
    event = create_event(
        calendar, venue="", town="", online_url="https://meet.example.org/dialog"
    )
    content = text(client.get(event.url))
    assert 'href="https://meet.example.org/dialog"' in content
    assert event.attendance_mode == "online"


# --- JSON-LD -------------------------------------------------------------------


def json_ld(content):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', content, re.S
    )
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def test_json_ld_describes_the_event(client, calendar, frozen_now):
    organisation = OrganisationFactory(
        name="Föreningen Gemensam Grund", website="https://gg.example.org"
    )
    event = create_event(
        calendar,
        title="Hybridmöte",
        street_address="Kungsgatan 55",
        postal_code="503 35",
        online_url="https://meet.example.org/h",
        organiser_organisation=organisation,
    )
    data = json_ld(text(client.get(event.url)))
    assert data["@type"] == "Event" and data["name"] == "Hybridmöte"
    assert data["startDate"] == "2030-05-14T18:00:00+02:00"
    assert data["endDate"] == "2030-05-14T20:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["@type"] == "Place" and place["address"]["@type"] == "PostalAddress"
    assert place["address"]["streetAddress"] == "Kungsgatan 55"
    assert virtual == {"@type": "VirtualLocation", "url": "https://meet.example.org/h"}
    assert data["organizer"]["name"] == "Föreningen Gemensam Grund"


def test_json_ld_escapes_markup_in_titles(client, calendar, frozen_now):
    title = 'Möte </script><script>alert("x")</script> & <!-- mer'
    event = create_event(calendar, title=title, status=EventStatus.MOVED_ONLINE)
    content = text(client.get(event.url))
    assert "<script>alert" not in content
    assert "<!-- mer" not in content
    data = json_ld(content)
    assert data["name"] == title
    assert data["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


# --- The "next meetings" block ---------------------------------------------------


def test_next_events_block_on_a_host_page(client, calendar, root_page, frozen_now):
    from tests.testapp.models import HostPage

    for day in (13, 14, 15, 16):
        create_event(
            calendar, title=f"Möte {day} maj", start_date=datetime.date(2030, 5, day)
        )
    create_event(
        calendar,
        title="Rådet",
        kind="joint_council",
        start_date=datetime.date(2030, 5, 20),
    )
    create_event(calendar, title="Förbi", start_date=datetime.date(2030, 4, 1))
    host = root_page.add_child(
        instance=HostPage(
            title="Startsida",
            slug="start",
            body=[
                (
                    "next_events",
                    {
                        "heading": "Nästa möten",
                        "count": 3,
                        "kind": "",
                        "calendar": calendar,
                    },
                ),
                (
                    "next_events",
                    {
                        "heading": "Rådet",
                        "count": 5,
                        "kind": "joint_council",
                        "calendar": None,
                    },
                ),
            ],
        )
    )
    content = text(client.get(host.url))
    first, second = content.split("<h2>Rådet</h2>")
    assert (
        "Möte 13 maj" in first and "Möte 15 maj" in first and "Möte 16 maj" not in first
    )
    assert "Förbi" not in content
    assert "Rådet" in second and "Möte 13 maj" not in second


# --- Query counts ---------------------------------------------------------------


def many_events(calendar, count, series):
    """``count`` published events, ``series`` of them weekly series of ten dates."""
    for number in range(count):
        fields = {
            "title": f"Massmöte {number}",
            "slug": f"massmote-{number}",
            "start_date": datetime.date(2030, 5, 14)
            + datetime.timedelta(days=7 * (number % 20)),
            "start_time": datetime.time(18, 0),
            "end_time": datetime.time(20, 0),
            "venue": "Stadshuset",
            "kind": "dialogue_meeting" if number % 2 else "joint_council",
            "live": True,
        }
        if number < series:
            fields.update(repeat="weekly", repeat_weekdays=["TU"], repeat_count=10)
        page = calendar.add_child(instance=EventPage(**fields))
        page.rebuild_occurrences()


def test_query_counts_do_not_grow_with_the_number_of_events(
    client, calendar, frozen_now, django_assert_num_queries, warm_site_root_paths
):
    organisation = OrganisationFactory()
    event = create_event(calendar, organiser_organisation=organisation)

    def measure():
        # As publishing an event does: nothing cached is read.
        samverkan_cache.invalidate(EVENTS)
        with django_assert_num_queries(CALENDAR_QUERIES_EXPECTED):
            assert (
                client.get(calendar.url, {"kind": "dialogue_meeting"}).status_code
                == 200
            )
        with django_assert_num_queries(CALENDAR_QUERIES_CACHED):
            assert (
                client.get(calendar.url, {"kind": "dialogue_meeting"}).status_code
                == 200
            )
        with django_assert_num_queries(FEED_QUERIES_EXPECTED):
            assert client.get(calendar.url + "calendar.ics").status_code == 200
        with django_assert_num_queries(EVENT_QUERIES_EXPECTED):
            assert client.get(event.url).status_code == 200

    measure()
    many_events(calendar, 499, series=50)
    assert EventPage.objects.count() == 500
    assert EventOccurrence.objects.count() == 450 + 50 * 10
    measure()


# Routing and the host's template (6), the cache generations, view
# restrictions, the count and the first end, the months that hold meetings
# (for the month filter), the page's occurrences, then those occurrences with
# their events.
CALENDAR_QUERIES_EXPECTED = 12
# Which occurrences, how many and the rendered list all come from the cache.
CALENDAR_QUERIES_CACHED = 7
FEED_QUERIES_EXPECTED = 9
EVENT_QUERIES_EXPECTED = 11


def test_admin_refuses_a_cancelled_date_outside_the_series(admin_client, calendar):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset

    url = reverse(
        "wagtailadmin_pages:add", args=("wagtail_samverkan", "eventpage", calendar.pk)
    )
    assert admin_client.get(url).status_code == 200
    data = admin_post_data(
        repeat="weekly",
        repeat_count="3",
        exceptions=inline_formset(
            [
                {
                    "original_date": "2030-05-22",  # a Wednesday
                    "action": "cancelled",
                    "new_date": "",
                    "new_start_time": "",
                    "new_end_time": "",
                    "note": "",
                }
            ]
        ),
    )
    data["repeat_weekdays"] = ["TU"]
    response = admin_client.post(url, data)
    assert response.status_code == 200
    formset = response.context["form"].formsets["exceptions"]
    assert "original_date" in formset.forms[0].errors
    assert not EventPage.objects.exists()


def test_times_are_shown_in_the_package_time_zone_whatever_the_host_uses(
    client, calendar, frozen_now, settings
):
    event = create_event(calendar, title="Tidszonsmötet")
    settings.TIME_ZONE = "America/New_York"
    for url in (calendar.url, event.url):
        content = text(client.get(url))
        assert "18.00–20.00" in content
        assert 'datetime="2030-05-14T18:00:00+02:00"' in content


def test_demo_calendar_is_idempotent(root_page):
    from wagtail_samverkan.demo import load_demo, remove_demo
    from wagtail_samverkan.events import demo as demo_events

    load_demo(parent=root_page)
    counts = (EventPage.objects.count(), EventOccurrence.objects.count())
    council = EventPage.objects.get(slug="samverkansradet")
    load_demo(parent=root_page)
    assert (EventPage.objects.count(), EventOccurrence.objects.count()) == counts
    assert EventPage.objects.get(slug="samverkansradet").pk == council.pk
    now = timezone.now()
    assert council.occurrences.count() == 4
    assert council.occurrences.filter(status=EventStatus.CANCELLED).count() == 1
    assert EventOccurrence.objects.upcoming(now).count() >= 7
    assert EventOccurrence.objects.past(now).count() >= 3
    online = EventPage.objects.get(slug="dialogmote-digitalt")
    assert online.attendance_mode == "online"
    assert EventPage.objects.filter(kind="information_meeting").exists()
    assert EventPage.objects.filter(kind="general_meeting").count() == 2
    for page in EventPage.objects.all():
        page.full_clean()
    remove_demo()
    assert not EventPage.objects.exists()
    assert not Page.objects.filter(slug=demo_events.CALENDAR_SLUG).exists()


def test_next_events_block_query_count_does_not_grow(
    client,
    calendar,
    root_page,
    frozen_now,
    django_assert_num_queries,
    warm_site_root_paths,
):
    from tests.testapp.models import HostPage

    create_event(calendar)
    host = root_page.add_child(
        instance=HostPage(
            title="Startsida",
            slug="start",
            body=[
                (
                    "next_events",
                    {"heading": "Nästa", "count": 5, "kind": "", "calendar": calendar},
                ),
            ],
        )
    )
    with django_assert_num_queries(BLOCK_PAGE_QUERIES):
        assert client.get(host.url).status_code == 200
    many_events(calendar, 60, series=10)
    with django_assert_num_queries(BLOCK_PAGE_QUERIES):
        content = text(client.get(host.url))
    assert content.count('<li class="sv-event') == 5


BLOCK_PAGE_QUERIES = 9


def test_admin_preview_of_a_new_series_shows_its_dates(
    frozen_now, admin_client, calendar
):
    # "now" is frozen first, so that the login session is not already expired.
    from django.urls import reverse

    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=("wagtail_samverkan", "eventpage", calendar.pk),
    )
    data = admin_post_data(repeat="weekly", repeat_count="3")
    data["repeat_weekdays"] = ["TU"]
    assert admin_client.post(url, data).json()["is_valid"]
    content = text(admin_client.get(url))
    assert "Dialogmöte i admin" in content
    assert "28 maj 2030" in content
    assert "event.ics" not in content


def test_api_lists_every_event_field(client, calendar):
    create_event(calendar, repeat="weekly", repeat_weekdays=["TU"], repeat_count=2)
    response = client.get(
        "/api/v2/pages/", {"type": "wagtail_samverkan.EventPage", "fields": "*"}
    )
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["repeat_weekdays"] == ["TU"]
    assert item["attendance_mode"] == "in_person"
    assert item["start_time"] == "18:00:00"


def test_month_far_ahead_can_be_chosen_and_stays_selected(client, calendar, frozen_now):
    create_event(calendar, title="Nästa års möte", start_date=datetime.date(2031, 9, 9))
    content = text(client.get(calendar.url, {"month": "2031-09"}))
    assert "Nästa års möte" in content
    assert '<option value="2031-09" selected>september 2031</option>' in content


def test_admin_without_a_start_date_gives_a_form_error(admin_client, calendar):
    from django.urls import reverse

    url = reverse(
        "wagtailadmin_pages:add", args=("wagtail_samverkan", "eventpage", calendar.pk)
    )
    data = admin_post_data(
        start_date="", repeat="weekly", repeat_until="2030-12-31", repeat_count=""
    )
    data["repeat_weekdays"] = ["TU"]
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "start_date" in response.context["form"].errors


def test_copied_event_gets_its_own_dates_and_uid(client, calendar):
    event = create_event(
        calendar, repeat="weekly", repeat_weekdays=["TU"], repeat_count=3
    )
    copy = event.copy(update_attrs={"slug": "kopia", "title": "Kopia"}, keep_live=True)
    assert copy.occurrences.count() == 3 and event.occurrences.count() == 3
    one = client.get(event.url + "event.ics").content.decode()
    two = client.get(copy.url + "event.ics").content.decode()
    uid = [line for line in one.splitlines() if line.startswith("UID:")]
    assert uid and uid[0] not in two


def test_deleting_an_organiser_in_use_is_refused(calendar):
    from django.db.models import ProtectedError

    organisation = OrganisationFactory()
    body = MunicipalBodyFactory()
    create_event(calendar, organiser_organisation=organisation)
    create_event(calendar, organiser_body=body)
    with pytest.raises(ProtectedError):
        organisation.delete()
    with pytest.raises(ProtectedError):
        body.delete()


def test_rebuild_command_restores_the_occurrence_table(calendar):
    import io

    from django.core.management import call_command

    event = create_event(
        calendar, repeat="weekly", repeat_weekdays=["TU"], repeat_count=3
    )
    draft = create_event(calendar, publish=False)
    EventOccurrence.objects.all().delete()
    EventOccurrence.objects.create(
        event=draft,
        start=event.start,
        end=event.end,
        original_start=event.start,
        kind=draft.kind,
        status=draft.status,
    )
    out = io.StringIO()
    call_command("samverkan_rebuild_events", stdout=out)
    assert "1" in out.getvalue()
    assert event.occurrences.count() == 3
    assert not draft.occurrences.exists()


def month_options(content):
    select = re.search(
        r'<select id="sv-filter-month" name="month">(.*?)</select>', content, re.S
    )
    return re.findall(r'<option value="(\d{4}-\d{2})"', select.group(1))


def test_the_month_filter_offers_only_months_with_meetings(
    client, calendar, frozen_now
):
    create_event(calendar, title="Majmöte", start_date=datetime.date(2030, 5, 14))
    create_event(calendar, title="Augustimöte", start_date=datetime.date(2030, 8, 20))
    create_event(
        calendar,
        title="Rådet i oktober",
        kind="joint_council",
        start_date=datetime.date(2030, 10, 2),
    )
    content = text(client.get(calendar.url))
    assert month_options(content) == ["2030-05", "2030-08", "2030-10"]
    # With a kind chosen, the months of that kind; a chosen month stays offered.
    content = text(client.get(calendar.url, {"kind": "joint_council"}))
    assert month_options(content) == ["2030-10"]
    content = text(client.get(calendar.url, {"month": "2030-06"}))
    assert month_options(content) == ["2030-05", "2030-06", "2030-08", "2030-10"]


def test_the_calendar_shows_and_titles_its_count(client, calendar, frozen_now):
    create_event(calendar, title="Majmöte", start_date=datetime.date(2030, 5, 14))
    create_event(calendar, title="Junimöte", start_date=datetime.date(2030, 6, 11))
    content = text(client.get(calendar.url))
    assert (
        '<p id="resultat" class="sv-result-count" tabindex="-1">2 möten</p>' in content
    )
    assert re.search(r'<form [^>]*action="#resultat"', content)
    content = text(client.get(calendar.url, {"month": "2030-06"}))
    title = re.search(r"<title>(.*?)</title>", content, re.S).group(1)
    assert title.startswith("juni 2030, 1 möte – ")
    assert ">1 möte</p>" in content


def test_each_calendar_item_starts_with_its_heading(client, calendar, frozen_now):
    create_event(calendar, title="Majmöte", start_date=datetime.date(2030, 5, 14))
    content = text(client.get(calendar.url))
    item = content.split('<li class="sv-event">')[1]
    assert item.index('<h3 class="sv-event__title">') < item.index("<time")
    # The time of day keeps together: "kl. 18.00–20.00" cannot break.
    assert '<span class="sv-nowrap">kl.&nbsp;18.00–20.00</span>' in item


# --- A meeting that has taken place ------------------------------------------


def test_a_past_meeting_says_so_and_offers_no_calendar_file(
    client, calendar, monkeypatch
):
    event = create_event(
        calendar,
        start_date=datetime.date(2030, 5, 1),
        start_time=datetime.time(14, 0),
        end_time=datetime.time(16, 0),
        registration_url="https://example.org/anmalan",
    )
    before = datetime.datetime(2030, 5, 1, 12, 0, tzinfo=STOCKHOLM)
    monkeypatch.setattr(timezone, "now", lambda: before)
    content = text(client.get(event.url))
    assert ">Lägg till i kalendern<" in content
    assert 'id="sv-register"' in content
    assert "har ägt rum" not in content
    # Later the same day: the cached body of the morning must not be served.
    after = datetime.datetime(2030, 5, 1, 16, 30, tzinfo=STOCKHOLM)
    monkeypatch.setattr(timezone, "now", lambda: after)
    content = text(client.get(event.url))
    assert "Mötet har ägt rum." in content
    assert ">Lägg till i kalendern<" not in content
    assert 'id="sv-register"' not in content


def test_a_series_says_when_its_last_meeting_has_taken_place(
    client, calendar, monkeypatch
):
    event = create_event(
        calendar,
        start_date=datetime.date(2030, 5, 6),
        repeat="weekly",
        repeat_weekdays=["MO"],
        repeat_count=3,
    )
    monkeypatch.setattr(
        timezone,
        "now",
        lambda: datetime.datetime(2030, 5, 14, 12, 0, tzinfo=STOCKHOLM),
    )
    content = text(client.get(event.url))
    assert ">Lägg till i kalendern<" in content
    assert "har ägt rum" not in content
    monkeypatch.setattr(
        timezone,
        "now",
        lambda: datetime.datetime(2030, 5, 21, 12, 0, tzinfo=STOCKHOLM),
    )
    content = text(client.get(event.url))
    assert "Det sista mötet i serien har ägt rum." in content
    assert ">Lägg till i kalendern<" not in content


def test_a_cancelled_past_meeting_does_not_say_it_took_place(
    client, calendar, frozen_now
):
    event = create_event(
        calendar,
        start_date=datetime.date(2030, 4, 1),
        status=EventStatus.CANCELLED,
    )
    content = text(client.get(event.url))
    assert "har ägt rum" not in content
    assert ">Lägg till i kalendern<" not in content


# --- The recurrence fields in the admin ------------------------------------------


def test_interval_is_not_required_for_a_meeting_that_does_not_repeat(
    admin_client, calendar
):
    from django.urls import reverse

    url = reverse(
        "wagtailadmin_pages:add", args=("wagtail_samverkan", "eventpage", calendar.pk)
    )
    form = admin_client.get(url).context["form"]
    assert not form.fields["repeat_interval"].required
    assert form.fields["repeat_interval"].label == (
        "Antal veckor eller månader mellan gångerna"
    )
    response = admin_client.post(url, admin_post_data(repeat_interval=""))
    assert response.status_code == 302, response.context["form"].errors
    assert EventPage.objects.get(slug="dialogmote-i-admin").repeat_interval == 1


def test_interval_is_asked_for_when_the_meeting_repeats(admin_client, calendar):
    from django.urls import reverse

    url = reverse(
        "wagtailadmin_pages:add", args=("wagtail_samverkan", "eventpage", calendar.pk)
    )
    data = admin_post_data(repeat="weekly", repeat_interval="", repeat_count="3")
    data["repeat_weekdays"] = ["TU"]
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["repeat_interval"] == [
        "Ange hur många veckor eller månader det är mellan gångerna."
    ]
    assert not EventPage.objects.exists()
