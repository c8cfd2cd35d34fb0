"""The iCal files as real calendar apps read them.

Every file is expanded by three third-party parsers: ical.js (Thunderbird and
many web calendars; it converts times with the file's own VTIMEZONE),
node-ical (both run by ``tests/clients/expand.mjs``) and the Python
``recurring-ical-events``. Each must give exactly the dates stored in
:class:`EventOccurrence`, instance by instance, on the wall clock of the
package's time zone.

The Node parsers come from ``tests/clients/package-lock.json``, installed by
``make client-deps`` (part of ``make test``); without Node or them, those
tests are skipped with a message saying so.
"""

import datetime
import json
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.factories import create_calendar, create_event
from wagtail_samverkan import demo
from wagtail_samverkan.core.conf import samverkan_settings
from wagtail_samverkan.events import demo as events_demo
from wagtail_samverkan.events import ical
from wagtail_samverkan.models import (
    EventException,
    EventOccurrence,
    EventPage,
    EventStatus,
)
from wagtail_samverkan.register import demo as register_demo

pytestmark = [pytest.mark.django_db, pytest.mark.clients]

CLIENTS = Path(__file__).resolve().parent.parent / "clients"
NODE_PARSERS = ("ical.js", "node-ical")


def node_or_skip():
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed: ical.js and node-ical cannot run")
    for package in NODE_PARSERS:
        if not (CLIENTS / "node_modules" / package / "package.json").exists():
            pytest.skip(
                f"{package} is not installed: run `make client-deps` "
                "(npm ci --prefix tests/clients)"
            )
    return node


def expand_with_node(files: dict[str, bytes], tmp_path) -> dict[str, dict]:
    """``{name: {parser: instances}}`` from ical.js and node-ical."""
    node = node_or_skip()
    paths = {}
    for name, body in files.items():
        path = tmp_path / f"{len(paths)}.ics"
        path.write_bytes(body)
        paths[str(path)] = name
    zone = samverkan_settings.TIME_ZONE
    result = subprocess.run(
        [node, str(CLIENTS / "expand.mjs"), zone, *paths],
        cwd=CLIENTS,
        # The reader's own clock is in the zone, as for a user in Sweden.
        env={"PATH": str(Path(node).parent), "TZ": zone},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return {paths[path]: parsed for path, parsed in json.loads(result.stdout).items()}


def local_text(value: datetime.datetime | datetime.date, all_day: bool) -> str:
    if all_day:
        if isinstance(value, datetime.datetime):
            value = value.astimezone(ZoneInfo(samverkan_settings.TIME_ZONE)).date()
        return value.isoformat()
    zone = ZoneInfo(samverkan_settings.TIME_ZONE)
    return value.astimezone(zone).replace(tzinfo=None).isoformat(timespec="seconds")


def expand_with_python(body: bytes) -> list[dict]:
    """The instances as ``recurring-ical-events`` expands them."""
    recurring_ical_events = pytest.importorskip("recurring_ical_events")
    instances = []
    for vevent in recurring_ical_events.of(Calendar.from_ical(body)).all():
        start, end = vevent["DTSTART"].dt, vevent["DTEND"].dt
        all_day = not isinstance(start, datetime.datetime)
        instances.append(
            {
                "uid": str(vevent["UID"]),
                "start": local_text(start, all_day),
                "end": local_text(end, all_day),
            }
        )
    return sorted(instances, key=lambda i: (i["uid"], i["start"]))


def stored_instances(body: bytes) -> list[dict]:
    """The stored occurrences of the events in a file, as a client should see them.

    A date cancelled in a series is an EXDATE, so it is no instance; an event
    cancelled as a whole keeps its dates, with STATUS:CANCELLED.
    """
    uids = {str(v["UID"]) for v in Calendar.from_ical(body).walk("VEVENT")}
    domain = ical.uid_domain()
    instances = []
    for page in EventPage.objects.live():
        uid = ical.event_uid(page, domain)
        if uid not in uids:
            continue
        for row in EventOccurrence.objects.filter(event=page).order_by("start"):
            cancelled_date = row.status == EventStatus.CANCELLED
            if cancelled_date and page.status != EventStatus.CANCELLED:
                continue
            instances.append(
                {
                    "uid": uid,
                    "start": local_text(row.start, row.all_day),
                    "end": local_text(row.end, row.all_day),
                }
            )
    assert {i["uid"] for i in instances} == uids
    return sorted(instances, key=lambda i: (i["uid"], i["start"]))


def differences(expected: list[dict], got: list[dict]) -> str:
    as_set = {tuple(i.values()) for i in expected}
    got_set = {tuple(i.values()) for i in got}
    missing = sorted(as_set - got_set)[:5]
    extra = sorted(got_set - as_set)[:5]
    return f"missing {missing}, unexpected {extra}"


def assert_clients_agree(files: dict[str, bytes], tmp_path):
    """Every parser gives the stored dates of every file, instance by instance."""
    expected = {name: stored_instances(body) for name, body in files.items()}
    for name, body in files.items():
        got = expand_with_python(body)
        assert got == expected[name], (
            f"recurring-ical-events, {name}: {differences(expected[name], got)}"
        )
    for name, parsed in expand_with_node(files, tmp_path).items():
        for parser in NODE_PARSERS:
            got = parsed[parser]
            assert got == expected[name], (
                f"{parser}, {name}: {differences(expected[name], got)}"
            )


def get(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content


@pytest.fixture
def before_the_cases(monkeypatch):
    """Today is before every hard case, so the feed keeps them all."""
    from django.utils import timezone

    moment = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def hard_cases(calendar):
    return [
        # Weekly at 18:00 across both changes of 2027 (28 March, 31 October).
        create_event(
            calendar,
            title="Varje tisdag 2027",
            start_date=datetime.date(2027, 1, 5),
            repeat="weekly",
            repeat_weekdays=["TU"],
            repeat_until=datetime.date(2027, 12, 14),
        ),
        # Monthly by position: the second Tuesday, two years.
        create_event(
            calendar,
            title="Andra tisdagen",
            kind="joint_council",
            start_date=datetime.date(2027, 1, 12),
            start_time=datetime.time(9, 0),
            end_time=datetime.time(11, 30),
            repeat="monthly",
            repeat_weekdays=["TU"],
            repeat_position=2,
            repeat_count=24,
        ),
        # All day over three days, across the change to summer time.
        create_event(
            calendar,
            title="Konferens",
            start_date=datetime.date(2027, 3, 27),
            end_date=datetime.date(2027, 3, 29),
            start_time=None,
            end_time=None,
        ),
        # Yearly by count: twelve summer dates 2027-2038, with no end date.
        create_event(
            calendar,
            title="Stämma varje juni",
            kind="general_meeting",
            start_date=datetime.date(2027, 6, 10),
            start_time=datetime.time(17, 0),
            end_time=datetime.time(21, 0),
            repeat="monthly",
            repeat_interval=12,
            repeat_weekdays=["TH"],
            repeat_position=2,
            repeat_count=12,
        ),
        # A cancelled date and a date moved across the change to winter time.
        create_event(
            calendar,
            title="Onsdagar i höst",
            start_date=datetime.date(2027, 9, 1),
            start_time=datetime.time(18, 30),
            end_time=datetime.time(20, 0),
            repeat="weekly",
            repeat_weekdays=["WE"],
            repeat_count=14,
            exceptions=[
                {
                    "original_date": datetime.date(2027, 10, 13),
                    "action": EventException.Action.CANCELLED,
                },
                {
                    "original_date": datetime.date(2027, 10, 27),
                    "action": EventException.Action.MOVED,
                    "new_date": datetime.date(2027, 11, 2),
                    "new_start_time": datetime.time(9, 0),
                    "new_end_time": datetime.time(12, 0),
                },
            ],
        ),
        # One summer evening long after the others, cancelled as a whole.
        create_event(
            calendar,
            title="Inställt sommarmöte",
            start_date=datetime.date(2040, 7, 3),
            status=EventStatus.CANCELLED,
        ),
    ]


def test_the_hard_cases_read_the_same_in_every_client(
    client, root_page, before_the_cases, tmp_path
):
    calendar = create_calendar(root_page)
    events = hard_cases(calendar)
    stored = EventOccurrence.objects.count()
    assert stored > 100
    files = {"calendar.ics": get(client, calendar.url + "calendar.ics")}
    files["calendar.ics?kind=joint_council"] = get(
        client, calendar.url + "calendar.ics?kind=joint_council"
    )
    for event in events:
        files[f"{event.slug}/event.ics"] = get(client, event.url + "event.ics")
    assert_clients_agree(files, tmp_path)
    # The wall clock every client must show: 18:00 on both sides of both changes.
    feed = expand_with_python(files["calendar.ics"])
    tuesdays = [i["start"] for i in feed if i["start"].endswith("T18:00:00")]
    assert {"2027-03-23T18:00:00", "2027-03-30T18:00:00"} <= set(tuesdays)
    assert {"2027-10-26T18:00:00", "2027-11-02T18:00:00"} <= set(tuesdays)
    assert "2038-06-10T17:00:00" in {i["start"] for i in feed}


def test_the_demo_feed_reads_the_same_in_every_client(client, root_page, tmp_path):
    # The example site's calendar: the demo's register and events steps, as
    # ``samverkan_demo`` loads them (the other areas do not touch the feed).
    context = {"locale": demo.get_locale(), "parent": root_page}
    context["register"] = register_demo.load(context)
    calendar = events_demo.load(context)["calendar"]
    files = {"demo calendar.ics": get(client, calendar.url + "calendar.ics")}
    assert len(stored_instances(files["demo calendar.ics"])) > 10
    assert_clients_agree(files, tmp_path)
