"""Property-based tests: no input gives a server error or a truncated success.

Hypothesis feeds arbitrary text (quotes, operators, NUL, any unicode, very
long strings, huge and negative numbers) to every query parameter of every
public route, and to the texts that reach the iCal, CSV, JSON and JSON-LD
outputs. Every answer has a normal status and every 200 parses.

The pages are built once for the module inside a transaction that is rolled
back at the end.
"""

import csv
import datetime
import html.parser
import io
import json
import os
import re
from urllib.parse import quote_from_bytes

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from wagtail.models import Site

from tests.factories import (
    FocusAreaFactory,
    MunicipalBodyFactory,
    OrganisationFactory,
    create_calendar,
    create_event,
    make_partnership,
    make_register,
)
from wagtail_samverkan.models import (
    EventIndexPage,
    EventPage,
    Organisation,
    PartnershipPage,
)

ALLOWED = (200, 301, 302, 400, 404)

# SAMVERKAN_HYPOTHESIS_EXAMPLES=500 searches longer (e.g. before a release).
HYPOTHESIS = settings(
    max_examples=int(os.environ.get("SAMVERKAN_HYPOTHESIS_EXAMPLES", 25)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- What is fed in -------------------------------------------------------------

NUMBERS = st.integers(min_value=-(10**30), max_value=10**30).map(str)
SYNTAX = st.sampled_from(
    ['"', "'", '"a" OR NOT (b* -c', "a AND b", "*", "^", ":", "\x00", "a\x00b"]
)
LONG = st.text(min_size=1000, max_size=6000)
#: Any text a query string can carry (Hypothesis leaves out surrogates).
HOSTILE = st.one_of(st.text(), NUMBERS, SYNTAX, LONG, st.just(""))

REGISTER_PARAMETERS = (
    "q",
    "status",
    "focus",
    "organisation",
    "body",
    "year",
    "sort",
    "page",
    "view",
)
CALENDAR_PARAMETERS = ("kind", "month", "page", "q")


def parameters(names):
    """Some of ``names`` (and unknown names), each with hostile text or repeated
    with several."""
    return st.dictionaries(
        st.one_of(st.sampled_from(names), st.text(max_size=10)),
        st.one_of(HOSTILE, st.lists(HOSTILE, min_size=2, max_size=3)),
        max_size=len(names) + 1,
    )


# -- What comes out -------------------------------------------------------------


def body(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


class _StrictParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ld_json = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        self._in_ld = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_endtag(self, tag):
        self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.ld_json.append(data)


def parse_html(text):
    """The page's JSON-LD, parsed; the page must be a whole document."""
    assert text.rstrip().endswith("</html>"), text[-200:]
    parser = _StrictParser()
    parser.feed(text)
    parser.close()
    return [json.loads(data) for data in parser.ld_json]


def parse_csv(text):
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert rows and rows[0][0] == "id"
    assert all(len(row) == len(rows[0]) for row in rows), "a row is cut short"
    return rows


def parse_ical(text):
    calendar = Calendar.from_ical(text)
    assert text.rstrip().endswith("END:VCALENDAR")
    return calendar


def check(response, kind):
    """The answer's status is a normal one and a 200 parses as ``kind``."""
    assert response.status_code in ALLOWED, response.status_code
    text = body(response)
    if response.status_code != 200:
        return None
    return {
        "html": parse_html,
        "csv": parse_csv,
        "json": json.loads,
        "ical": parse_ical,
    }[kind](text)


# -- The site -----------------------------------------------------------------


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """A register with two IOPs and a calendar with two meetings."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            root = Site.objects.get(is_default_site=True).root_page
            register = make_register(root, slug="iop-fientlig")
            area = FocusAreaFactory(name="Kultur", slug="kultur")
            body_ = MunicipalBodyFactory(name="Kulturnämnden")
            partner = OrganisationFactory(name="Föreningen")
            iops = [
                make_partnership(
                    register,
                    title=f"Läxhjälp {number}",
                    partners=[partner],
                    focus_areas=[area],
                    responsible_body=body_,
                    funding=[(2024, 100000, 5000)],
                )
                for number in (1, 2)
            ]
            calendar = create_calendar(root, slug="kalender-fientlig")
            today = datetime.date.today()
            events = [
                create_event(calendar, start_date=today + datetime.timedelta(days=3)),
                create_event(calendar, start_date=today - datetime.timedelta(days=30)),
            ]
            yield {
                "register": register.url,
                "calendar": calendar.url,
                "calendar_pk": calendar.pk,
                "iop": iops[0].pk,
                "event": events[0].pk,
                "event_url": events[0].url,
                "partner": partner.pk,
            }
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def web(db, site, client):
    client.raise_request_exception = False
    return site, client


# -- 1. Query parameters -------------------------------------------------------


@HYPOTHESIS
@given(query=parameters(REGISTER_PARAMETERS))
@example(query={"q": '"'})
@example(query={"q": "a\x00b", "page": "\x00", "year": "2024\x00"})
@example(query={"year": "99999999999999999999", "page": "-1"})
@example(query={"page": "99999999999999999999"})
def test_register_and_exports_take_any_query(web, query):
    site, client = web
    register = site["register"]
    check(client.get(register, query), "html")
    check(client.get(register + "export.csv", query), "csv")
    check(client.get(register + "export.json", query), "json")


@HYPOTHESIS
@given(query=parameters(CALENDAR_PARAMETERS))
@example(query={"month": "2024-99999999999999999999"})
@example(query={"month": "99999999999999999999-01", "page": "99999999999999999999"})
@example(query={"kind": "\x00", "month": "2026-01\x00"})
def test_calendar_archive_and_feeds_take_any_query(web, query):
    site, client = web
    calendar = site["calendar"]
    check(client.get(calendar, query), "html")
    check(client.get(calendar + "arkiv/", query), "html")
    check(client.get(calendar + "calendar.ics", query), "ical")
    check(client.get(site["event_url"] + "event.ics", query), "ical")
    check(client.get(site["event_url"], query), "html")


ROUTES = {
    "register": [("", "html"), ("export.csv", "csv"), ("export.json", "json")],
    "calendar": [("", "html"), ("arkiv/", "html"), ("calendar.ics", "ical")],
    "event_url": [("", "html"), ("event.ics", "ical")],
}


@HYPOTHESIS
@given(
    name=st.sampled_from(REGISTER_PARAMETERS + CALENDAR_PARAMETERS),
    raw=st.binary(max_size=300),
    whole=st.booleans(),
)
@example(name="q", raw=b"\xff\xfe", whole=False)
@example(name="month", raw=b"\xc3=\x00&&=", whole=True)
def test_every_route_takes_any_bytes_in_the_query_string(web, name, raw, whole):
    """Not only text: bytes that are no UTF-8 at all, as one parameter's value
    or as the whole query string."""
    site, client = web
    query = quote_from_bytes(raw, "=&") if whole else f"{name}={quote_from_bytes(raw)}"
    for key, routes in ROUTES.items():
        for route, kind in routes:
            check(client.get(f"{site[key]}{route}?{query}"), kind)


# -- 2. Stored text ------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def one_line(text):
    """``text`` as a one-line output shows it: control characters and runs of
    white space become single spaces."""
    return " ".join(_CONTROL.sub(" ", text).split())


def stored_text(**kwargs):
    """Text as an editor might save it."""
    return st.one_of(
        st.text(**kwargs), st.sampled_from(['"', "</script>", "=1+1", "a\r\nb"])
    )


def storable(*texts):
    """``texts`` as the database can store them.

    PostgreSQL refuses NUL in text columns (and the admin's forms never send
    it), so stored text leaves it out on PostgreSQL; query strings keep it.
    """
    if connection.vendor == "postgresql":
        texts = [text.replace("\x00", "") for text in texts]
    return texts


# Required fields: something left once NUL is taken out (see ``storable``).
TITLE = stored_text(min_size=1, max_size=255).filter(
    lambda text: text.replace("\x00", "").strip()
)
REQUIRED_SUMMARY = stored_text(min_size=1, max_size=2000).filter(
    lambda text: text.replace("\x00", "")
)


@HYPOTHESIS
@given(
    title=TITLE,
    summary=stored_text(max_size=2000),
    venue=stored_text(max_size=200),
    calendar_title=TITLE,
)
@example(
    title="Möte\r\nX-INJECTED:1",
    summary="a\x00b",
    venue="Sal\x0b1",
    calendar_title="Kalender\r\nX-INJECTED:1",
)
@example(title="</script><!--", summary="\u2028", venue='"', calendar_title="\x7f;")
def test_event_texts_reach_ical_and_json_ld_intact(
    web, title, summary, venue, calendar_title
):
    site, client = web
    title, summary, venue, calendar_title = storable(
        title, summary, venue, calendar_title
    )
    calendar_page = EventIndexPage.objects.get(pk=site["calendar_pk"])
    calendar_page.title = calendar_title
    calendar_page.save_revision().publish()
    page = EventPage.objects.get(pk=site["event"])
    page.title, page.summary, page.venue = title, summary, venue
    page.save_revision().publish()

    event_ical = check(client.get(site["event_url"] + "event.ics"), "ical")
    feed = check(client.get(site["calendar"] + "calendar.ics"), "ical")
    assert str(feed["X-WR-CALNAME"]) == one_line(calendar_title)
    for calendar in (event_ical, feed):
        assert calendar is not None
        summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
        assert one_line(title) in summaries
        vevent = next(
            event
            for event in calendar.walk("VEVENT")
            if str(event["SUMMARY"]) == one_line(title)
        )
        if one_line(venue):
            assert one_line(venue) in str(vevent["LOCATION"])
        expected = _CONTROL.sub("", summary.replace("\r\n", "\n").replace("\r", "\n"))
        assert expected.strip() in str(vevent["DESCRIPTION"])

    data = check(client.get(site["event_url"]), "html")
    assert data is not None
    events = [item for item in data if item.get("@type") == "Event"]
    assert events and events[0]["name"].split() == title.split()


@HYPOTHESIS
@given(title=TITLE, summary=REQUIRED_SUMMARY, partner=TITLE)
@example(title='"=cmd|x"', summary="a\r\nb\x00", partner="@SUM(1)")
def test_iop_texts_reach_the_exports_intact(web, title, summary, partner):
    site, client = web
    title, summary, partner = storable(title, summary, partner)
    Organisation.objects.filter(pk=site["partner"]).update(name=partner)
    page = PartnershipPage.objects.get(pk=site["iop"])
    page.title, page.summary = title, summary
    page.save_revision().publish()

    exported = check(client.get(site["register"] + "export.json"), "json")
    item = next(item for item in exported["partnerships"] if item["title"] == title)
    assert item["summary"] == summary
    assert partner in [p["name"] for p in item["partners"]]

    rows = check(client.get(site["register"] + "export.csv"), "csv")
    columns = rows[0]
    row = next(row for row in rows[1:] if row[0] == item["id"])
    # A cell a spreadsheet would run as a formula starts with an apostrophe.
    assert row[columns.index("title")] in (title, "'" + title)
    assert row[columns.index("partners")] in (partner, "'" + partner)
    check(client.get(site["register"]), "html")


# -- 3. Exports that fail ------------------------------------------------------


def failing_after(count, monkeypatch):
    """``record`` raises from its ``count + 1``-th call on.

    The first IOP is made once before the response starts (what can fail
    on the request's filters fails there) and again in the file: one IOP
    into the file is two calls.
    """
    from wagtail_samverkan.partnerships import exports

    made = []
    real = exports.record

    def record(*args, **kwargs):
        if len(made) >= count:
            raise RuntimeError("the database went away")
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(exports, "record", record)


@pytest.mark.parametrize("export", ["export.csv", "export.json"])
def test_an_export_that_fails_before_it_starts_answers_with_an_error(
    web, monkeypatch, export
):
    site, client = web
    failing_after(0, monkeypatch)
    response = client.get(site["register"] + export)
    # An error status, not a success with an empty or cut-off file.
    assert response.status_code == 500
    assert not response.streaming


def test_a_json_export_that_fails_midway_is_not_valid_json(web, monkeypatch):
    site, client = web
    complete = body(client.get(site["register"] + "export.json"))
    assert len(json.loads(complete)["partnerships"]) == 2
    failing_after(2, monkeypatch)
    response = client.get(site["register"] + "export.json")
    assert response.status_code == 200
    text = body(response)
    assert '"partnerships": [' in text and "Läxhjälp" in text
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)


def test_a_csv_export_that_fails_midway_ends_with_a_failure_line(web, monkeypatch):
    site, client = web
    complete = body(client.get(site["register"] + "export.csv"))
    assert "EXPORT FAILED" not in complete
    failing_after(2, monkeypatch)
    response = client.get(site["register"] + "export.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(body(response)[1:], newline="")))
    assert len(rows) == 3  # the header, one IOP and the failure line
    assert rows[-1] == ["EXPORT FAILED: this file is incomplete"]
