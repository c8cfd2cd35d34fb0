"""What machines find in the <head>: alternates, canonical address, description."""

from html.parser import HTMLParser
from xml.etree import ElementTree

import extruct
import pytest
from django.test import override_settings

from tests.factories import (
    create_calendar,
    create_event,
    make_partnership,
    make_register,
)
from wagtail_samverkan.core.compat import get_base_page_model

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


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
        ("application/json", "http://localhost/iop/export.360giving.json"),
        ("text/turtle", "http://localhost/samverkan/dcat.ttl"),
    ]
    # The filters are no part of the page's address.
    assert canonical(head) == ["http://localhost/iop/"]
    # Without a publisher there is no 360Giving file, and no link to one.
    with override_settings(WAGTAIL_SAMVERKAN={"BASE_TEMPLATE": "host_base.html"}):
        head = head_of(client, register.url)
    assert [href for _, href in alternates(head)] == [
        "http://localhost/iop/export.csv",
        "http://localhost/iop/export.json",
        "http://localhost/samverkan/dcat.ttl",
    ]


def test_dataset_search_engines_find_the_register_and_its_files(client, root_page):
    register = make_register(root_page, slug="iop", title="IOP-registret")
    make_partnership(register, title="Läxhjälp")
    response = client.get(register.url + "?q=inget+alls")
    items = extruct.extract(response.content.decode(), syntaxes=["json-ld"])
    datasets = [x for x in items["json-ld"] if x.get("@type") == "Dataset"]
    # Also on a filtered view: the dataset is the whole register.
    assert len(datasets) == 1
    dataset = datasets[0]
    assert dataset["name"] == "IOP-registret"
    assert dataset["url"] == "http://localhost/iop/"
    assert len(dataset["description"]) >= 50
    assert dataset["isAccessibleForFree"] is True
    assert dataset["license"] == "http://creativecommons.org/publicdomain/zero/1.0/"
    assert dataset["publisher"] == {
        "@type": "GovernmentOrganization",
        "name": "Testkommunen",
        "identifier": "SE-ON-2120009903",
    }
    assert dataset["spatialCoverage"] == {"@type": "Place", "name": "Testkommunen"}
    downloads = {x["contentUrl"]: x["encodingFormat"] for x in dataset["distribution"]}
    assert downloads == {
        "http://localhost/iop/export.csv": "text/csv",
        "http://localhost/iop/export.json": "application/json",
        "http://localhost/iop/export.360giving.json": "application/json",
    }
    assert {x["@type"] for x in dataset["distribution"]} == {"DataDownload"}
    # Every download it names answers.
    for address in downloads:
        assert client.get(address.removeprefix("http://localhost")).status_code == 200


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
        ("application/json", "http://localhost/iop/export/360giving/"),
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


@override_settings(ROOT_URLCONF="tests.urls_i18n")
def test_the_sitemap_names_each_translation_of_a_page(client, root_page):
    from wagtail.models import Locale

    calendar = create_calendar(root_page, slug="moten")
    event = create_event(calendar, title="Dialogmöte", slug="dialog")
    alone = create_event(calendar, title="Bara på svenska", slug="svenska")
    english = Locale.objects.create(language_code="en")
    translated = event.copy_for_translation(english, copy_parents=True)
    translated.title = "Dialogue meeting"
    translated.save_revision().publish()
    # The calendar's English page is an alias of the Swedish one (copy_parents).

    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entries = {
        url.findtext("sm:loc", namespaces=NS): sorted(
            (link.get("hreflang"), link.get("href"))
            for link in url.findall("xhtml:link", NS)
        )
        for url in sitemap.findall("sm:url", NS)
    }
    both = [
        ("en", "http://localhost/en/moten/dialog/"),
        ("sv", "http://localhost/moten/dialog/"),
    ]
    assert entries["http://localhost/moten/dialog/"] == both
    # Wagtail's sitemap lists the Site's own tree; the English tree is found
    # through the alternates.
    assert entries["http://localhost/moten/"] == [
        ("en", "http://localhost/en/moten/"),
        ("sv", "http://localhost/moten/"),
    ]
    # One language: no alternates.
    assert entries["http://localhost" + alone.url] == []
    # An unpublished translation is not offered.
    translated.refresh_from_db()
    translated.unpublish()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/en/moten/dialog/" not in sitemap
    assert 'hreflang="en" href="http://localhost/en/moten/"' in sitemap
