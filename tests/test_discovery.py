"""What machines find in the <head>: alternates, canonical address, description."""

from html.parser import HTMLParser

import pytest

from tests.factories import (
    create_calendar,
    create_event,
    make_partnership,
    make_register,
)
from wagtail_samverkan.core.compat import get_base_page_model

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """The <link> and <meta> elements of a page's <head>."""

    def __init__(self):
        super().__init__()
        self.links, self.metas, self.in_head = [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        elif self.in_head and tag == "link":
            self.links.append(dict(attrs))
        elif self.in_head and tag == "meta":
            self.metas.append(dict(attrs))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    head = Head()
    head.feed(response.content.decode())
    return head


def alternates(head):
    return [(x["type"], x["href"]) for x in head.links if x.get("rel") == "alternate"]


def meta(head, key, value):
    return [m["content"] for m in head.metas if m.get(key) == value]


def canonical(head):
    return [x["href"] for x in head.links if x.get("rel") == "canonical"]


def test_calendar_and_event_pages_point_to_their_ical_files(client, root_page):
    calendar = create_calendar(root_page, slug="moten")
    create_event(calendar, title="Dialogmöte", slug="dialog", summary="Vi ses.")
    head = head_of(client, calendar.url)
    assert alternates(head) == [
        ("text/calendar", "http://localhost/moten/calendar.ics"),
        ("text/turtle", "http://localhost/samverkan/dcat.ttl"),
    ]
    assert canonical(head) == ["http://localhost/moten/"]
    event = head_of(client, "/moten/dialog/")
    assert alternates(event) == [
        ("text/calendar", "http://localhost/moten/dialog/event.ics")
    ]
    # No search description: the summary describes the page.
    assert meta(event, "name", "description") == ["Vi ses."]
    assert meta(event, "property", "og:description") == ["Vi ses."]
    assert meta(event, "property", "og:title") == ["Dialogmöte"]
    assert meta(event, "property", "og:url") == ["http://localhost/moten/dialog/"]
    # A route of the page is its own address.
    archive = head_of(client, "/moten/arkiv/")
    assert canonical(archive) == ["http://localhost/moten/arkiv/"]


def test_the_register_points_to_its_open_data(client, root_page):
    register = make_register(root_page, slug="iop")
    make_partnership(register, title="Läxhjälp")
    head = head_of(client, register.url + "?status=active")
    assert alternates(head) == [
        ("text/csv", "http://localhost/iop/export.csv"),
        ("application/json", "http://localhost/iop/export.json"),
        ("text/turtle", "http://localhost/samverkan/dcat.ttl"),
    ]
    # The filters are no part of the page's address.
    assert canonical(head) == ["http://localhost/iop/"]


def test_the_agreement_index_points_to_its_open_data(client, root_page):
    from tests.agreement.helpers import make_index

    index = make_index(root_page, slug="overenskommelsen")
    assert alternates(head_of(client, index.url)) == [
        ("application/json", "http://localhost/overenskommelsen/agreements.json"),
        ("text/turtle", "http://localhost/samverkan/dcat.ttl"),
    ]


def test_without_the_package_urls_no_catalogue_is_linked(client, root_page, settings):
    settings.ROOT_URLCONF = "tests.urls_without_ical"
    register = make_register(root_page, slug="iop")
    assert alternates(head_of(client, register.url)) == [
        ("text/csv", "http://localhost/iop/export/csv/"),
        ("application/json", "http://localhost/iop/export/json/"),
    ]


def test_a_search_description_is_left_to_the_host_template(client, root_page):
    fields = {field.name for field in get_base_page_model()._meta.get_fields()}
    if "search_description" not in fields:
        pytest.skip("The base page model has no search description.")
    calendar = create_calendar(root_page, slug="moten")
    event = create_event(
        calendar, slug="dialog", summary="Sammanfattning", search_description="Egen"
    )
    head = head_of(client, event.url)
    # The host's base template writes its own description; none is added.
    assert meta(head, "name", "description") == []
    assert meta(head, "property", "og:description") == ["Egen"]
