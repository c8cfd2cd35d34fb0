"""agreements.json: what a data user downloads about the agreements."""

import datetime
import json

import jsonschema
import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from tests.agreement.helpers import make_agreement, make_index
from tests.conftest import publish
from tests.factories import OrganisationFactory
from wagtail_samverkan.agreement import exports
from wagtail_samverkan.models import AgreementPage, AgreementSignatory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(root_page):
    return make_index(root_page)


def fetch(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    jsonschema.validate(
        data, exports.load_schema(), format_checker=jsonschema.FormatChecker()
    )
    return data


def add_signatory(page, **fields):
    AgreementSignatory.objects.create(
        page=page, organisation=OrganisationFactory(**fields), sort_order=0
    )


def test_every_live_agreement_with_its_principles_commitments_and_signatories(
    client, index
):
    old = make_agreement(
        index,
        slug="overenskommelse-2016",
        title="Överenskommelse 2016",
        decision_date=datetime.date(2016, 3, 1),
        valid_from=datetime.date(2016, 4, 1),
    )
    new = make_agreement(
        index,
        supersedes=old,
        registration_number="KS 2021-00123",
        easy_read_body=json.dumps(
            [{"type": "paragraph", "value": "<p>Vi hjälps åt.</p>"}]
        ),
    )
    add_signatory(new, name="Idrottsföreningen", organisation_number="802000-0009")
    add_signatory(new, name="Utan nummer", organisation_number="")

    data = fetch(client, index.url + "agreements.json")

    assert data["version"] == "1.0"
    assert data["publisher"] == {
        "name": "Testkommunen",
        "identifier": "SE-ON-2120009903",
    }
    assert data["schema"] == "http://localhost" + index.url + "schema.json"
    by_title = {item["title"]: item for item in data["agreements"]}
    assert set(by_title) == {"Överenskommelse 2016", "Överenskommelse 2021"}
    current = by_title["Överenskommelse 2021"]
    previous = by_title["Överenskommelse 2016"]
    assert current["status"] == "in_force"
    assert previous["status"] == "superseded"
    assert current["replaces"] == previous["id"]
    assert previous["replaces"] is None
    assert current["id"] == f"SE-ON-2120009903:agreement:{new.translation_key}"
    assert current["adopted_on"] == "2021-12-16"
    assert current["valid_from"] == "2022-01-01"
    assert current["valid_until"] is None
    assert current["decision"]["registration_number"] == "KS 2021-00123"
    assert current["easy_read_url"] == "http://localhost" + new.url + "lattlast/"
    assert previous["easy_read_url"] is None
    assert current["principles"] == [
        {
            "number": current["principles"][0]["number"],
            "name": "Princip nummer 1",
            "summary": current["principles"][0]["summary"],
            "elaboration": "Lokal utveckling 1.",
            "commitments": {
                "municipality": "Kommunen lovar 1.",
                "organisations": "Föreningarna lovar 1.",
            },
        }
    ]
    assert current["signatories"] == [
        {
            "name": "Idrottsföreningen",
            "organisation_number": "802000-0009",
            "identifier": "SE-ON-8020000009",
        },
        {"name": "Utan nummer", "organisation_number": None, "identifier": None},
    ]
    assert current["signatory_count"] == 2
    assert response_headers_ok(client, index)


def response_headers_ok(client, index):
    response = client.get(index.url + "agreements.json")
    return response["Access-Control-Allow-Origin"] == "*" and response["ETag"]


def test_drafts_and_private_agreements_are_never_included(client, index):
    make_agreement(index, slug="publicerad", title="Publicerad")
    make_agreement(index, slug="utkast", title="Utkast", live=False)
    private = make_agreement(index, slug="privat", title="Privat")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    # A published agreement whose latest changes are a draft: the published text.
    changed = make_agreement(index, slug="andrad", title="Ändrad")
    changed.title = "Hemligt utkast"
    changed.save_revision()

    data = fetch(client, index.url + "agreements.json")

    titles = {item["title"] for item in data["agreements"]}
    assert titles == {"Publicerad", "Ändrad"}
    assert "Hemligt utkast" not in json.dumps(data)


def test_a_replaced_version_that_is_not_published_is_not_named(client, index):
    draft = make_agreement(index, slug="gammal", title="Gammal", live=False)
    make_agreement(index, supersedes=draft)

    data = fetch(client, index.url + "agreements.json")

    assert [item["replaces"] for item in data["agreements"]] == [None]


def test_unpublished_principles_are_left_out(client, index):
    page = make_agreement(index, principles=2)
    hidden = page.agreement_principles.order_by("sort_order", "pk").last().principle
    hidden.live = False
    hidden.save()

    data = fetch(client, index.url + "agreements.json")

    assert [p["name"] for p in data["agreements"][0]["principles"]] == [
        "Princip nummer 1"
    ]


def test_the_schema_is_served_and_the_file_answers_conditional_requests(client, index):
    make_agreement(index)
    schema = client.get(index.url + "schema.json")
    assert schema.status_code == 200
    assert schema["Content-Type"] == "application/schema+json; charset=utf-8"
    assert json.loads(schema.content) == exports.load_schema()

    first = client.get(index.url + "agreements.json")
    again = client.get(index.url + "agreements.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""

    publish(make_agreement(index, slug="ny", title="Ny"))
    changed = client.get(
        index.url + "agreements.json", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_the_index_page_links_its_file(client, index):
    response = client.get(index.url)
    assert (
        '<link rel="alternate" type="application/json" '
        f'href="http://localhost{index.url}agreements.json"'
    ) in response.content.decode()


def test_without_the_file_routes_the_file_is_at_its_alias(client, index, settings):
    settings.ROOT_URLCONF = "tests.urls_without_ical"
    make_agreement(index)
    data = fetch(client, index.url + "export/json/")
    assert data["schema"] == "http://localhost" + index.url + "export/schema/"
    assert client.get(index.url + "export/schema/").status_code == 200


def test_the_file_takes_a_constant_number_of_queries(
    client, index, django_assert_num_queries, warm_site_root_paths
):
    def measure():
        cache.clear()
        client.get(index.url)  # the site and its root paths
        with django_assert_num_queries(AGREEMENTS_JSON_QUERIES):
            return fetch(client, index.url + "agreements.json")

    first = make_agreement(index)
    add_signatory(first)
    assert len(measure()["agreements"]) == 1
    previous = first
    for n in range(10):
        page = make_agreement(
            index, slug=f"version-{n}", title=f"Version {n}", principles=3
        )
        page.supersedes = previous
        publish(page)
        add_signatory(page)
        add_signatory(page)
        previous = AgreementPage.objects.get(pk=page.pk)
    data = measure()
    assert len(data["agreements"]) == 11
    assert sum(len(item["signatories"]) for item in data["agreements"]) == 21


AGREEMENTS_JSON_QUERIES = 12


def test_the_schema_refuses_a_broken_file(client, index):
    make_agreement(index)
    data = fetch(client, index.url + "agreements.json")
    schema = exports.load_schema()
    for breakage in (
        lambda d: d["agreements"][0].pop("title"),
        lambda d: d["agreements"][0].update(status="draft"),
        lambda d: d["agreements"][0].update(unknown=1),
        lambda d: d.update(version="2.0"),
    ):
        broken = json.loads(json.dumps(data))
        breakage(broken)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)
