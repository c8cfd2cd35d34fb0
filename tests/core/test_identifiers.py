"""Ids and UIDs that survive a move to a new domain; addresses from the Site."""

import json

import pytest
from django.conf import settings
from django.core import checks
from django.test import override_settings
from icalendar import Calendar
from wagtail.models import Site

from tests.factories import (
    create_calendar,
    create_event,
    make_partnership,
    make_register,
)
from wagtail_samverkan.core import identifiers

pytestmark = pytest.mark.django_db


def with_samverkan(**values):
    return override_settings(WAGTAIL_SAMVERKAN={**settings.WAGTAIL_SAMVERKAN, **values})


def export_ids(client, register):
    data = json.loads(
        b"".join(client.get(register.url + "export.json").streaming_content)
    )
    return data, {item["title"]: item["id"] for item in data["partnerships"]}


def uids(client, calendar):
    parsed = Calendar.from_ical(client.get(calendar.url + "calendar.ics").content)
    return {str(e["SUMMARY"]): str(e["UID"]) for e in parsed.walk("VEVENT")}


def move_site(hostname, port=443):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = hostname, port
    site.save()
    return site


def test_moving_the_site_to_its_real_domain_changes_no_id_and_no_uid(client, home_page):
    register = make_register(home_page)
    make_partnership(register, title="Läxhjälp")
    calendar = create_calendar(home_page)
    create_event(calendar, title="Dialogmöte")
    _data, before_ids = export_ids(client, register)
    before_uids = uids(client, calendar)
    assert before_ids["Läxhjälp"].startswith("SE-ON-2120009903:iop:")
    assert before_uids["Dialogmöte"].endswith("@se-on-2120009903")

    move_site("www.kommun.example.se")
    client = client.__class__(HTTP_HOST="www.kommun.example.se", secure=True)
    data, after_ids = export_ids(client, register)
    assert after_ids == before_ids
    assert uids(client, calendar) == before_uids
    # Addresses follow the site: the new domain, in every part of the file.
    assert data["schema"].startswith("https://www.kommun.example.se/")
    assert data["register_url"].startswith("https://www.kommun.example.se/")


def test_a_renamed_and_moved_iop_keeps_its_id(client, home_page):
    register = make_register(home_page)
    other = make_register(home_page, title="Gamla registret", slug="gamla")
    iop = make_partnership(other, title="Läxhjälp")
    _data, before = export_ids(client, other)
    iop.title = "Läxhjälp och språkcafé"
    iop.slug = "laxhjalp-och-sprakcafe"
    iop.save_revision().publish()
    iop.move(register, pos="last-child")
    _data, after = export_ids(client, register)
    assert after["Läxhjälp och språkcafé"] == before["Läxhjälp"]


def test_the_schema_address_uses_the_site_not_the_request_host(client, home_page):
    register = make_register(home_page)
    move_site("www.kommun.example.se")
    # A request that reaches the site on another name (the default site
    # answers for any host).
    response = client.get(register.url + "export.json", HTTP_HOST="10.0.0.5")
    data = json.loads(b"".join(response.streaming_content))
    assert data["schema"] == "https://www.kommun.example.se/iop/schema.json"


def test_ids_without_a_publisher_id_still_ignore_the_host(client, home_page):
    register = make_register(home_page)
    iop = make_partnership(register, title="Läxhjälp")
    with with_samverkan(PUBLISHER_ID=""):
        _data, ids = export_ids(client, register)
        assert identifiers.uid_domain() == "wagtail-samverkan"
    assert ids["Läxhjälp"] == f"wagtail-samverkan:iop:{iop.translation_key}"


def run_checks(**kwargs):
    return {
        message.id: str(message.msg) + " " + str(message.hint)
        for message in checks.run_checks(**kwargs)
        if message.id and message.id.startswith("wagtail_samverkan.")
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", "wagtail_samverkan.W002"),
        ("2120009903", "wagtail_samverkan.E002"),
        ("SE-ON 2120009903", "wagtail_samverkan.E002"),
        ("SE-BLV-2120009903", "wagtail_samverkan.W003"),
    ],
)
def test_the_publisher_id_is_checked(value, expected):
    with with_samverkan(PUBLISHER_ID=value):
        found = run_checks()
    assert expected in found
    if expected == "wagtail_samverkan.W003":
        assert "SE-ON" in found[expected]


def test_a_good_publisher_id_passes_the_check():
    found = run_checks()
    assert not {"wagtail_samverkan.W002", "wagtail_samverkan.E002"} & set(found)


def test_a_site_left_on_localhost_is_named_by_the_deploy_check(home_page):
    move_site("localhost", 80)
    with override_settings(DEBUG=False):
        found = run_checks(include_deployment_checks=True)
    assert "localhost" in found["wagtail_samverkan.W004"]
    move_site("www.kommun.example.se")
    with override_settings(DEBUG=False):
        assert "wagtail_samverkan.W004" not in run_checks(
            include_deployment_checks=True
        )
