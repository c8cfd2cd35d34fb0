"""Routing to the children of the package's index pages.

The IOP register, the calendar and the agreement index read a child and its
own fields in one query; everything Wagtail's own routing does must still
hold: unknown and unpublished children are not found, the index's own routes
come first, and a child of another type is still served.
"""

import html
import re
from urllib.parse import quote, unquote, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from tests.agreement.helpers import make_agreement, make_index
from tests.factories import (
    create_calendar,
    create_event,
    make_partnership,
    make_register,
)
from tests.testapp.models import HostPage
from wagtail_samverkan.core.compat import get_base_page_model
from wagtail_samverkan.core.routing import FILE_ROUTE_URL_NAME


def assert_found_in_one_query(client, url, slug, table, text):
    """The page at ``url`` is served and was read joined to ``table`` in one query."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert text in response.content.decode()
    sql = [q["sql"] for q in queries.captured_queries]
    lookups = [q for q in sql if '"slug" = ' in q and f"'{slug}'" in q]
    # One query, joined to the page type's own table: no second query for .specific.
    assert len(lookups) == 1
    assert f'"{table}"' in lookups[0]
    assert not [q for q in sql if f'WHERE "{table}"."page_ptr_id" =' in q]


def test_an_iop_is_read_with_its_own_fields_in_one_query(client, root_page):
    register = make_register(root_page)
    iop = make_partnership(register, title="Läxhjälp i Norrby", slug="laxhjalp")
    assert_found_in_one_query(
        client,
        iop.url,
        "laxhjalp",
        "wagtail_samverkan_partnershippage",
        "Läxhjälp i Norrby",
    )


def test_event_pages_are_found_the_same_way(client, root_page):
    calendar = create_calendar(root_page)
    event = create_event(calendar, title="Dialogmöte om bidrag", slug="bidrag")
    assert_found_in_one_query(
        client,
        event.url,
        "bidrag",
        "wagtail_samverkan_eventpage",
        "Dialogmöte om bidrag",
    )


def test_unknown_and_unpublished_children_are_not_found(client, root_page):
    register = make_register(root_page)
    draft = make_partnership(register, slug="utkast", publish=False)
    assert not draft.live
    assert client.get(register.url + "finns-inte/").status_code == 404
    assert client.get(register.url + "utkast/").status_code == 404
    # A path below an IOP page (which has no routes of its own) is not found either.
    live = make_partnership(register, slug="levande")
    assert client.get(live.url + "mer/").status_code == 404


def test_the_index_pages_own_routes_come_first(client, root_page):
    register = make_register(root_page)
    make_partnership(register, slug="export")
    response = client.get(register.url + "export/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


def test_a_child_of_another_type_is_still_served(client, root_page):
    register = make_register(root_page)
    # Moved or imported past the admin's page-type rules.
    stray = register.add_child(
        instance=HostPage(title="En annan sorts sida", slug="annan")
    )
    stray.save_revision().publish()
    response = client.get(register.url + "annan/")
    assert response.status_code == 200
    assert isinstance(response.context["page"], HostPage)
    assert "En annan sorts sida" in response.content.decode()


def test_the_parent_is_known_without_a_query(client, root_page):
    register = make_register(root_page)
    iop = make_partnership(register, slug="foralder")
    request = client.get(register.url).wsgi_request
    result = register.route(request, ["foralder"])
    page = result.page
    assert page.pk == iop.pk
    with CaptureQueriesContext(connection) as queries:
        parent = page.get_parent()
    assert parent.pk == register.pk
    assert len(queries.captured_queries) == 0
    assert get_base_page_model().objects.get(pk=page.pk).specific_class is type(page)


# --- Unicode slugs ---------------------------------------------------------------
#
# Wagtail makes slugs such as "föreningsfrukost" by default
# (WAGTAIL_ALLOW_UNICODE_SLUGS). Page addresses are then percent-encoded
# (/f%C3%B6reningsfrukost/), while Django hands the URL patterns and Wagtail's
# routing the decoded path. Every link the pages render must be such an encoded
# address, and lead back to the page's file or route.

#: (section, index, detail) slugs: non-ASCII letters on the pages themselves,
#: and on an ancestor only.
UNICODE_SLUGS = [
    pytest.param(("kommun", "möten-och-åtaganden", "föreningsfrukost"), id="own"),
    pytest.param(("förvaltning-är-öppen", "samverkan", "frukost"), id="ancestor"),
    pytest.param(("kommun", "idéburet-ænde", "mødested-łódź-straße"), id="other"),
]


@pytest.fixture(params=UNICODE_SLUGS)
def slugs(request):
    return request.param


@pytest.fixture
def section(root_page, slugs):
    """A host page whose slug is the first of ``slugs``, under the site root."""
    section = root_page.add_child(instance=HostPage(title="Sektion", slug=slugs[0]))
    section.save_revision().publish()
    section.refresh_from_db()
    return section


def hrefs(response):
    """The links of a rendered page, as written in its HTML."""
    assert response.status_code == 200
    return [
        html.unescape(href) for href in re.findall(r'href="([^"]*)"', text(response))
    ]


def text(response):
    return (
        b"".join(response).decode() if response.streaming else response.content.decode()
    )


def link_ending(response, ending):
    """The address the page links to that ends in ``ending`` (before its query).

    Every link to it is percent-encoded, as a browser sends it, and all of them
    (a link in the text, an absolute ``<link rel="alternate">``) name one address.
    """
    found = [href for href in hrefs(response) if urlsplit(href).path.endswith(ending)]
    assert found, (ending, hrefs(response))
    assert all(href.isascii() for href in found), found
    addresses = {
        urlsplit(href)._replace(scheme="", netloc="").geturl() for href in found
    }
    assert len(addresses) == 1, found
    return addresses.pop()


def assert_serves(client, href, content_type):
    response = client.get(href)
    assert response.status_code == 200, (href, response.status_code)
    assert response["Content-Type"].startswith(content_type), href
    return response


def canonical(response):
    """The page's canonical address: for a route, the route's own (encoded) address."""
    (url,) = re.findall(r'<link rel="canonical" href="([^"]*)"', text(response))
    assert url.isascii(), url
    return html.unescape(url)


def assert_named(response, filename):
    """The file is named ``filename`` in an ASCII header (RFC 6266), as browsers read it."""
    header = response["Content-Disposition"]
    assert header.isascii(), header
    assert header.endswith(
        (f'filename="{filename}"', "filename*=utf-8''" + quote(filename))
    )


def test_unicode_slugs_are_percent_encoded_in_page_addresses(section, slugs):
    calendar = create_calendar(section, slug=slugs[1])
    assert calendar.url.isascii()
    assert unquote(calendar.url) == f"/{slugs[0]}/{slugs[1]}/"


def test_the_file_route_pattern_accepts_decoded_unicode_paths(slugs):
    path = "/" + "/".join(slugs) + "/"
    for filename in ("event.ics", "calendar.ics", "export.csv", "export.json"):
        match = resolve(path + filename)
        assert match.url_name == FILE_ROUTE_URL_NAME
        assert match.args == (path.lstrip("/"), filename)


def test_event_files_and_routes_with_unicode_slugs(client, section, slugs):
    calendar = create_calendar(section, slug=slugs[1])
    event = create_event(calendar, title="Föreningsfrukost", slug=slugs[2])
    response = client.get(calendar.url)
    feed = link_ending(response, "/calendar.ics")
    assert feed == calendar.url + "calendar.ics"
    served = assert_serves(client, feed, "text/calendar")
    assert "BEGIN:VCALENDAR" in text(served)
    assert_named(served, f"{slugs[1]}.ics")
    assert_serves(client, feed + "?kind=dialogue_meeting", "text/calendar")
    # The calendar lists the event, and links to its page and to the archive.
    assert event.url in hrefs(response)
    archive = link_ending(response, "/arkiv/")
    assert canonical(assert_serves(client, archive, "text/html")).endswith(archive)
    # The archive's former address redirects there.
    redirect = client.get(calendar.url + "archive/")
    assert redirect.status_code == 301 and redirect["Location"] == archive

    response = client.get(event.url)
    ical = link_ending(response, "/event.ics")
    assert ical == event.url + "event.ics"
    response = assert_serves(client, ical, "text/calendar")
    assert "SUMMARY:Föreningsfrukost" in text(response)
    assert_named(response, f"{slugs[2]}.ics")


def test_register_files_and_routes_with_unicode_slugs(client, section, slugs):
    register = make_register(section, slug=slugs[1])
    iop = make_partnership(register, title="Läxhjälp i Öxnered", slug=slugs[2])
    response = client.get(register.url)
    assert iop.url in hrefs(response)
    files = {
        "export.csv": "text/csv",
        "export.json": "application/json",
        "schema.json": "application/schema+json",
    }
    for filename, content_type in files.items():
        href = link_ending(response, "/" + filename)
        assert href == register.url + filename
        served = assert_serves(client, href, content_type)
        assert served.get("Content-Disposition", "").isascii()
    assert "Läxhjälp i Öxnered" in text(client.get(register.url + "export.csv"))
    # The register's other addresses of the files.
    for route, content_type in (
        ("export/csv/", "text/csv"),
        ("export/json/", "application/json"),
        ("export/schema/", "application/schema+json"),
    ):
        assert_serves(client, register.url + route, content_type)

    response = assert_serves(client, iop.url, "text/html")
    assert register.url in hrefs(response)


def test_agreement_routes_with_unicode_slugs(client, section, slugs):
    index = make_index(section, slug=slugs[1])
    agreement = make_agreement(
        index, slug=slugs[2], easy_read_body=[("paragraph", "<p>Lätt att läsa.</p>")]
    )
    response = assert_serves(client, index.url, "text/html")
    assert agreement.url in hrefs(response)
    response = assert_serves(client, agreement.url, "text/html")
    easy_read = link_ending(response, "/lattlast/")
    assert easy_read == agreement.url + "lattlast/"
    served = assert_serves(client, easy_read, "text/html")
    assert "Lätt att läsa." in text(served)
    assert canonical(served).endswith(easy_read)
    assert agreement.url in hrefs(client.get(easy_read))


def test_fallback_routes_with_unicode_slugs(client, section, slugs, settings):
    """A host without ``wagtail_samverkan.urls``: the register's other addresses."""
    settings.ROOT_URLCONF = "tests.urls_without_ical"
    register = make_register(section, slug=slugs[1])
    make_partnership(register)
    response = client.get(register.url)
    for route, content_type in (
        ("export/csv/", "text/csv"),
        ("export/json/", "application/json"),
        ("export/schema/", "application/schema+json"),
    ):
        href = link_ending(response, "/" + route)
        assert href == register.url + route
        assert_serves(client, href, content_type)
    calendar = create_calendar(section, slug=slugs[2])
    event = create_event(calendar)
    response = client.get(calendar.url)
    assert not [href for href in hrefs(response) if ".ics" in href]
    assert_serves(client, link_ending(response, "/arkiv/"), "text/html")
    assert ".ics" not in text(client.get(event.url))
