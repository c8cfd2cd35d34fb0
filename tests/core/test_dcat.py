"""The site's data catalogue in DCAT-AP-SE, checked class by class with rdflib.

The mandatory and recommended properties below are those the DCAT-AP-SE
specification (diggsweden/DCAT-AP-SE, bundle.json) names for each class.
"""

import datetime
import json

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from rdflib import Graph, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF
from wagtail.models import PageViewRestriction

from tests.agreement.helpers import make_agreement, make_index
from tests.factories import (
    OrganisationFactory,
    create_calendar,
    create_event,
    make_partnership,
    make_register,
)

pytestmark = pytest.mark.django_db

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
EU = "http://publications.europa.eu/resource/authority/"
SITE = "http://localhost"

CONTACT = {
    "CONTACT_EMAIL": "oppnadata@example.se",
    "CONTACT_NAME": "Öppna data, Testkommunen",
    "CONTACT_PHONE": "+46 33 35 70 00",
    "CONTACT_ADDRESS": {
        "street_address": "Stadshuset",
        "postal_code": "501 80",
        "locality": "Borås",
        "country_name": "Sverige",
    },
    "SPATIAL_COVERAGE": "http://sws.geonames.org/2720501/",
}

MANDATORY = {
    DCAT.Catalog: [
        DCTERMS.title,
        DCTERMS.description,
        DCTERMS.publisher,
        DCTERMS.license,
        DCAT.dataset,
    ],
    DCAT.Dataset: [DCTERMS.title, DCTERMS.description, DCTERMS.publisher],
    DCAT.Distribution: [DCAT.accessURL, DCTERMS.format],
    FOAF.Agent: [FOAF.name, DCTERMS.type],
    VCARD.Organization: [VCARD.fn, VCARD.hasEmail],
}
RECOMMENDED = {
    DCAT.Catalog: [
        DCTERMS.issued,
        DCTERMS.language,
        DCTERMS.modified,
        FOAF.homepage,
        DCTERMS.spatial,
        DCAT.themeTaxonomy,
    ],
    DCAT.Dataset: [
        DCAT.contactPoint,
        DCAT.keyword,
        DCAT.theme,
        DCTERMS.issued,
        DCTERMS.conformsTo,
        DCTERMS.spatial,
        DCTERMS.accessRights,
    ],
    DCAT.Distribution: [DCTERMS.description, DCATAP.availability, DCTERMS.license],
    FOAF.Agent: [DCTERMS.description, DCTERMS.identifier],
    VCARD.Organization: [VCARD.hasTelephone, VCARD.hasAddress],
}
#: At most one value (DCAT-AP-SE's max cardinality 1).
AT_MOST_ONE = {
    DCAT.Catalog: [
        DCTERMS.publisher,
        DCTERMS.license,
        DCTERMS.issued,
        DCTERMS.modified,
        FOAF.homepage,
    ],
    DCAT.Dataset: [DCTERMS.publisher, DCTERMS.issued, DCTERMS.accessRights],
    DCAT.Distribution: [DCAT.accessURL, DCTERMS.format, DCTERMS.license],
}


def samverkan(**extra):
    return override_settings(
        WAGTAIL_SAMVERKAN={**django_settings.WAGTAIL_SAMVERKAN, **extra}
    )


def catalogue(client, extension="ttl", **headers):
    address = "/samverkan/dcat" + (f".{extension}" if extension else "")
    response = client.get(address, **headers)
    assert response.status_code == 200
    graph = Graph()
    graph.parse(data=response.content, format=response["Content-Type"].split(";")[0])
    return graph, response


@pytest.fixture
def content(root_page):
    register = make_register(root_page)
    make_partnership(register, partners=[OrganisationFactory()])
    index = make_index(root_page)
    make_agreement(index)
    calendar = create_calendar(root_page)
    create_event(calendar)
    return {"register": register, "index": index, "calendar": calendar}


def test_every_class_has_its_mandatory_and_recommended_properties(client, content):
    with samverkan(**CONTACT):
        graph, _response = catalogue(client)

    for kind, properties in MANDATORY.items():
        nodes = list(graph.subjects(RDF.type, kind))
        assert nodes, kind
        for node in nodes:
            for prop in properties + RECOMMENDED[kind]:
                assert graph.value(node, prop) is not None, (kind, node, prop)
    for kind, properties in AT_MOST_ONE.items():
        for node in graph.subjects(RDF.type, kind):
            for prop in properties:
                assert len(list(graph.objects(node, prop))) <= 1, (kind, node, prop)


def test_the_datasets_their_files_and_formats(client, content):
    graph, _response = catalogue(client)
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    datasets = {
        str(graph.value(node, DCTERMS.title)): node
        for node in graph.objects(catalog, DCAT.dataset)
    }
    assert set(datasets) == {"IOP-registret", "Överenskommelsen", "Kalender"}

    def files(title):
        return {
            str(graph.value(dist, DCAT.downloadURL)): (
                str(graph.value(dist, DCTERMS.format)),
                str(graph.value(dist, DCAT.mediaType)),
            )
            for dist in graph.objects(datasets[title], DCAT.distribution)
        }

    iop = SITE + content["register"].url
    assert files("IOP-registret") == {
        iop + "export.csv": (
            EU + "file-type/CSV",
            "https://www.iana.org/assignments/media-types/text/csv",
        ),
        iop + "export.json": (
            EU + "file-type/JSON",
            "https://www.iana.org/assignments/media-types/application/json",
        ),
        iop + "export.360giving.json": (
            EU + "file-type/JSON",
            "https://www.iana.org/assignments/media-types/application/json",
        ),
    }
    assert files("Överenskommelsen") == {
        SITE + content["index"].url + "agreements.json": (
            EU + "file-type/JSON",
            "https://www.iana.org/assignments/media-types/application/json",
        )
    }
    assert files("Kalender") == {
        SITE + content["calendar"].url + "calendar.ics": (
            EU + "file-type/ICS",
            "https://www.iana.org/assignments/media-types/text/calendar",
        )
    }
    iop_dataset = datasets["IOP-registret"]
    assert graph.value(iop_dataset, DCAT.landingPage) == URIRef(iop)
    assert set(graph.objects(iop_dataset, DCAT.theme)) == {
        URIRef(EU + "data-theme/GOVE"),
        URIRef(EU + "data-theme/SOCI"),
    }
    assert str(graph.value(iop_dataset, DCTERMS.identifier)) == (
        f"SE-ON-2120009903:iop-register:{content['register'].translation_key}"
    )
    assert graph.value(iop_dataset, DCTERMS.conformsTo) == URIRef(iop + "schema.json")
    assert graph.value(catalog, DCTERMS.license) == URIRef(
        "http://creativecommons.org/publicdomain/zero/1.0/"
    )


def test_the_publisher_is_named_by_its_organisation_identifier(client, content):
    with samverkan(**CONTACT):
        graph, _response = catalogue(client)
    (agent,) = graph.subjects(RDF.type, FOAF.Agent)
    assert str(graph.value(agent, FOAF.name)) == "Testkommunen"
    assert str(graph.value(agent, DCTERMS.identifier)) == "SE-ON-2120009903"
    assert graph.value(agent, DCTERMS.type) == URIRef(
        "http://purl.org/adms/publishertype/LocalAuthority"
    )
    (contact,) = graph.subjects(RDF.type, VCARD.Organization)
    assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:oppnadata@example.se")
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert graph.value(catalog, DCTERMS.spatial) == URIRef(
        "http://sws.geonames.org/2720501/"
    )


def test_the_licence_is_a_setting(client, content):
    licence = "http://creativecommons.org/licenses/by/4.0/"
    with samverkan(OPEN_DATA_LICENSE=licence):
        graph, _response = catalogue(client)
    assert set(graph.objects(None, DCTERMS.license)) == {URIRef(licence)}


def test_the_modification_date_is_the_latest_publication_of_the_content(
    client, content
):
    later = timezone.now() + datetime.timedelta(days=3)
    iop = content["register"].get_children().first()
    type(iop).objects.filter(pk=iop.pk).update(last_published_at=later)
    graph, _response = catalogue(client)
    dataset = URIRef(SITE + content["register"].url + "#dataset")
    assert graph.value(dataset, DCTERMS.modified).toPython() == later.replace(
        microsecond=0
    )
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert graph.value(catalog, DCTERMS.modified).toPython() == later.replace(
        microsecond=0
    )


def test_drafts_private_pages_and_disabled_areas_are_left_out(client, root_page):
    draft = make_register(root_page, title="Utkast", slug="utkast")
    draft.unpublish()
    private = make_register(root_page, title="Privat", slug="privat")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    make_index(root_page)
    with samverkan(AREAS=("agreement", "events")):
        graph, _response = catalogue(client)
    titles = {
        str(graph.value(node, DCTERMS.title))
        for node in graph.subjects(RDF.type, DCAT.Dataset)
    }
    assert titles == {"Överenskommelsen"}


def test_the_three_serialisations_say_the_same(client, content):
    turtle, response = catalogue(client, "ttl")
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    rdfxml, response = catalogue(client, "rdf")
    assert response["Content-Type"] == "application/rdf+xml; charset=utf-8"
    jsonld, response = catalogue(client, "jsonld")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    json.loads(response.content)
    assert isomorphic(turtle, rdfxml)
    assert isomorphic(turtle, jsonld)
    negotiated, response = catalogue(client, "", HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    assert isomorphic(turtle, negotiated)
    assert catalogue(client, "")[1]["Content-Type"].startswith("text/turtle")


def test_the_catalogue_answers_conditional_requests(client, content):
    first = client.get("/samverkan/dcat.ttl")
    again = client.get("/samverkan/dcat.ttl", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    make_register(content["register"].get_parent(), title="Nytt", slug="nytt")
    changed = client.get("/samverkan/dcat.ttl", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200


def test_pages_link_the_catalogue(client, content):
    html = client.get(content["register"].url).content.decode()
    assert (
        f'<link rel="alternate" type="text/turtle" href="{SITE}/samverkan/dcat.ttl"'
    ) in html


def test_the_catalogue_takes_a_constant_number_of_queries(
    client, root_page, django_assert_num_queries, warm_site_root_paths
):
    def measure():
        cache.clear()
        client.get("/")
        with django_assert_num_queries(CATALOGUE_QUERIES):
            graph, _response = catalogue(client)
        return len(list(graph.subjects(RDF.type, DCAT.Dataset)))

    make_register(root_page, slug="iop-0")
    make_index(root_page, slug="overenskommelse-0")
    create_calendar(root_page, slug="kalender-0")
    assert measure() == 3
    for n in range(1, 6):
        register = make_register(root_page, title=f"Register {n}", slug=f"iop-{n}")
        make_partnership(register, partners=[OrganisationFactory()])
        make_agreement(make_index(root_page, slug=f"overenskommelse-{n}"))
        create_event(create_calendar(root_page, title=f"K{n}", slug=f"kalender-{n}"))
    assert measure() == 18


CATALOGUE_QUERIES = 7


def test_other_methods_and_formats_are_refused(client, db):
    assert client.post("/samverkan/dcat.ttl").status_code == 405
    assert client.get("/samverkan/dcat.xml").status_code == 404
