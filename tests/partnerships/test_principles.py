"""IOP partnerships: the principles of the agreement an IOP builds on."""

import csv
import datetime
import io
import json

import jsonschema
import pytest
from django.core.cache import cache
from django.db.models import ProtectedError
from django.utils import timezone

from tests.factories import (
    PrincipleFactory,
    make_many_partnerships,
    make_partnership,
    make_register,
)
from wagtail_samverkan.core import cache as samverkan_cache
from wagtail_samverkan.models import PartnershipPage, PartnershipPrinciple
from wagtail_samverkan.partnerships.exports import SCHEMA_PATH, load_schema

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    now = datetime.datetime(2025, 6, 15, 10, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: now)


@pytest.fixture
def register(root_page):
    return make_register(root_page)


@pytest.fixture
def principles():
    return {
        "dialog": PrincipleFactory(
            name="Dialog", number=2, summary="Parterna talar med varandra."
        ),
        "oberoende": PrincipleFactory(name="Självständighet och oberoende", number=1),
        "utkast": PrincipleFactory(name="Hemlig utkastprincip", number=7, live=False),
    }


@pytest.fixture
def iop(register, principles):
    return make_partnership(
        register,
        title="Språkcafé",
        start_date=D(2023, 1, 1),
        principles=[
            principles["dialog"],
            principles["utkast"],
            principles["oberoende"],
        ],
    )


def streamed(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def test_iop_page_shows_published_principles_in_the_editors_order(client, iop):
    content = client.get(iop.url).content.decode()
    assert "Principer som partnerskapet bygger på" in content
    assert "2. Dialog" in content and "Parterna talar med varandra." in content
    assert content.index("2. Dialog") < content.index("1. Självständighet")
    assert "Hemlig utkastprincip" not in content


def test_iop_page_without_principles_has_no_heading(client, register):
    page = make_partnership(register)
    content = client.get(page.url).content.decode()
    assert "Principer som partnerskapet bygger på" not in content


def test_unpublished_principle_disappears_from_the_page(client, iop, principles):
    principles["dialog"].unpublish()
    content = client.get(iop.url).content.decode()
    assert "Dialog" not in content
    assert "1. Självständighet och oberoende" in content


def test_json_export_has_principles_and_validates(client, register, iop):
    data = json.loads(streamed(client.get(register.url + "export.json")))
    assert data["version"] == "1.1"
    jsonschema.validate(data, load_schema(), format_checker=jsonschema.FormatChecker())
    [item] = data["partnerships"]
    assert item["principles"] == [
        {"number": 2, "name": "Dialog"},
        {"number": 1, "name": "Självständighet och oberoende"},
    ]


def test_schema_1_0_is_still_shipped_and_1_1_refuses_bad_principles(
    client, register, iop
):
    assert (SCHEMA_PATH.parent / "partnerships-1.0.schema.json").exists()
    assert SCHEMA_PATH.name == "partnerships-1.1.schema.json"
    data = json.loads(streamed(client.get(register.url + "export.json")))
    data["partnerships"][0]["principles"] = [{"number": "två", "name": "Dialog"}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, load_schema())


def test_csv_export_has_a_principles_column(client, register, iop):
    text = streamed(client.get(register.url + "export.csv"))
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    header = next(csv.reader(io.StringIO(text[1:])))
    assert header.index("principles") == header.index("focus_areas") + 1
    assert rows[0]["principles"] == "2. Dialog; 1. Självständighet och oberoende"
    assert "Hemlig utkastprincip" not in text


def test_api_lists_only_published_principles(client, iop):
    data = client.get(f"/api/v2/pages/{iop.pk}/").json()
    assert data["principles"] == [
        {"number": 2, "name": "Dialog"},
        {"number": 1, "name": "Självständighet och oberoende"},
    ]


def test_a_principle_in_use_cannot_be_deleted(iop, principles):
    with pytest.raises(ProtectedError):
        principles["dialog"].delete()
    assert PartnershipPrinciple.objects.filter(page=iop).count() == 3


def test_admin_edit_form_has_the_principles_in_the_agreement_tab(admin_client, iop):
    response = admin_client.get(f"/admin/pages/{iop.pk}/edit/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "principle_links-TOTAL_FORMS" in content
    inline = content.index("principle_links-TOTAL_FORMS")
    assert content.index('id="tab-overenskommelse"') < inline
    assert inline < content.index('id="tab-period"')


def test_query_counts_stay_constant_with_principles(
    client, register, django_assert_num_queries
):
    """One IOP page, the register and both exports: the same count for 1 and 200 IOPs."""
    from tests.partnerships.test_exports import CSV_QUERIES, JSON_QUERIES

    def get(url):
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        assert response.status_code == 200

    def measure(url, expected):
        cache.clear()
        get(url)  # warm the site cache
        samverkan_cache.invalidate()  # nothing of the package's is cached
        with django_assert_num_queries(expected):
            get(url)

    [first] = make_many_partnerships(register, 1)
    page = PartnershipPage.objects.get(pk=first.pk)
    measure(page.url, IOP_PAGE_QUERIES_ALL_FIELDS)
    measure(register.url + "export.csv", CSV_QUERIES)
    measure(register.url + "export.json", JSON_QUERIES)
    make_many_partnerships(register, 199)
    measure(page.url, IOP_PAGE_QUERIES_ALL_FIELDS)
    measure(register.url + "export.csv", CSV_QUERIES)
    measure(register.url + "export.json", JSON_QUERIES)


# An IOP page with an administration and a deciding body as well.
IOP_PAGE_QUERIES_ALL_FIELDS = 19
