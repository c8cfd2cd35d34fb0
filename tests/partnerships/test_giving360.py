"""Open data: the IOP register as a 360Giving data package (schema 1.4)."""

import datetime
import json
import re
from pathlib import Path

import jsonschema
import pytest
import referencing
from django.conf import settings
from django.core.cache import cache
from django.http import StreamingHttpResponse
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import (
    FocusAreaFactory,
    MunicipalBodyFactory,
    OrganisationFactory,
    make_many_partnerships,
    make_partnership,
    make_register,
)
from wagtail_samverkan.register.demo import with_check_digit

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = datetime.datetime(2025, 6, 15, 10, 0, tzinfo=datetime.UTC)
SCHEMAS = Path(__file__).parents[1] / "schemas" / "360giving"
PUBLISHER = "SE-ON-2120009903"

# RFC 3339 date-time (jsonschema checks the format only with an optional
# package; the 360Giving dates are "date-time or YYYY-MM-DD", one of them).
DATE_TIME = re.compile(
    r"^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$"
)
FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("date-time")
def _is_date_time(value):
    return not isinstance(value, str) or bool(DATE_TIME.match(value))


def _validator():
    package = json.loads((SCHEMAS / "360-giving-package-schema.json").read_text())
    grant = json.loads((SCHEMAS / "360-giving-schema.json").read_text())
    registry = referencing.Registry().with_resources(
        [
            (
                schema["$id"],
                referencing.Resource.from_contents(
                    schema, default_specification=referencing.jsonschema.DRAFT202012
                ),
            )
            for schema in (package, grant)
        ]
    )
    return jsonschema.Draft202012Validator(
        package, registry=registry, format_checker=FORMATS
    )


VALIDATOR = _validator()


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: TODAY)


@pytest.fixture
def register(root_page):
    return make_register(root_page)


def fetch(client, register, query=None):
    response = client.get(register.url + "export.360giving.json", query or {})
    assert response.status_code == 200, response
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


def get_package(client, register, query=None):
    data = json.loads(fetch(client, register, query))
    errors = [error.message for error in VALIDATOR.iter_errors(data)]
    assert errors == []
    return data


@pytest.fixture
def iops(register):
    integration = FocusAreaFactory(name="Integration", slug="integration")
    culture = FocusAreaFactory(name="Kultur", slug="kultur")
    with_number = make_partnership(
        register,
        title="Språkcafé i centrum",
        summary="Samtal på svenska varje vecka.",
        partners=[
            OrganisationFactory(
                name="Föreningen Gemensam Grund",
                organisation_number=with_check_digit("802400100"),
            ),
            OrganisationFactory(name="Kvinnojouren", organisation_number=None),
        ],
        responsible_body=MunicipalBodyFactory(name="Socialnämnden"),
        focus_areas=[integration],
        start_date=D(2023, 1, 1),
        end_date=D(2026, 12, 31),
        decision_date=D(2022, 11, 20),
        funding=[
            (2023, 200_000, 20_000),
            (2024, 250_000, 25_000),
            (2025, 300_000, 30_000),
        ],
    )
    open_ended = make_partnership(
        register,
        title="Läxhjälp",
        partners=[OrganisationFactory(name="Läxföreningen", organisation_number=None)],
        focus_areas=[culture],
        start_date=D(2024, 8, 1),
        end_date=None,
        funding=[(2024, 50_000, 0)],
    )
    return with_number, open_ended


def by_title(data):
    return {grant["title"]: grant for grant in data["grants"]}


def test_package_validates_and_maps_each_iop_to_one_grant(client, register, iops):
    with_number, open_ended = iops
    data = get_package(client, register)
    assert data["version"] == "1.4"
    assert data["publisher"] == {"identifier": PUBLISHER, "name": "Testkommunen"}
    grants = by_title(data)
    assert set(grants) == {"Språkcafé i centrum", "Läxhjälp"}

    cafe = grants["Språkcafé i centrum"]
    assert cafe["id"] == f"360G-{PUBLISHER}-iop-{with_number.translation_key}"
    assert cafe["description"] == "Samtal på svenska varje vecka."
    assert cafe["currency"] == "SEK"
    assert cafe["amountAwarded"] == 750_000  # all years of municipal funding
    assert cafe["awardDate"] == "2022-11-20"
    assert cafe["plannedDates"] == [
        {"startDate": "2023-01-01", "endDate": "2026-12-31"}
    ]
    number = with_check_digit("802400100").replace("-", "")
    assert cafe["recipientOrganization"] == [
        {"id": f"SE-ON-{number}", "name": "Föreningen Gemensam Grund"}
    ]
    assert cafe["fundingOrganization"] == [
        {"id": PUBLISHER, "name": "Testkommunen", "department": "Socialnämnden"}
    ]
    assert cafe["url"].endswith(with_number.url)
    assert cafe["classifications"][0]["code"] == "integration"
    assert "T" in cafe["dateModified"]

    homework = grants["Läxhjälp"]
    assert homework["id"] == f"360G-{PUBLISHER}-iop-{open_ended.translation_key}"
    assert homework["plannedDates"] == [{"startDate": "2024-08-01"}]
    assert homework["awardDate"] == "2024-08-01"  # no decision date: the start
    assert homework["amountAwarded"] == 50_000
    assert homework["recipientOrganization"] == [
        {"id": f"360G-{PUBLISHER}-org-laxforeningen", "name": "Läxföreningen"}
    ]
    assert all(g["id"].startswith("360G-") for g in data["grants"])


def test_the_schema_rejects_what_the_route_must_avoid(client, register, iops):
    """The vendored schema is strict enough to catch a broken grant."""
    data = json.loads(fetch(client, register))
    broken = json.loads(json.dumps(data))
    broken["grants"][0]["fundingOrganization"][0].pop("id")
    assert list(VALIDATOR.iter_errors(broken))
    broken = json.loads(json.dumps(data))
    broken["grants"][0]["plannedDates"][0]["endDate"] = None
    assert list(VALIDATOR.iter_errors(broken))
    assert list(VALIDATOR.iter_errors({"grants": []}))


def test_only_live_public_iops_and_the_register_filters(client, register, iops):
    draft = make_partnership(register, title="Utkast", publish=False)
    private = make_partnership(register, title="Privat")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    assert draft and set(by_title(get_package(client, register))) == {
        "Språkcafé i centrum",
        "Läxhjälp",
    }
    filtered = get_package(client, register, {"focus": "kultur"})
    assert [g["title"] for g in filtered["grants"]] == ["Läxhjälp"]
    response = client.get(register.url + "export.360giving.json", {"focus": "kultur"})
    assert "focus-kultur" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('.360giving.json"')


def test_terminated_iop_has_actual_dates(client, register):
    make_partnership(
        register,
        title="Avbrutet",
        partners=[OrganisationFactory()],
        start_date=D(2020, 1, 1),
        end_date=D(2026, 12, 31),
        terminated_on=D(2024, 3, 31),
        termination_reason="Föreningen lades ned.",
        funding=[(2020, 10_000, 0), (2021, 10_000, 0)],
    )
    [grant] = get_package(client, register)["grants"]
    assert grant["actualDates"] == [
        {"startDate": "2020-01-01", "endDate": "2024-03-31"}
    ]
    assert grant["amountAwarded"] == 20_000


def test_empty_register_answers_404_with_a_reason(client, register):
    response = client.get(register.url + "export.360giving.json")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")
    assert "360Giving" in response.content.decode()


def test_filtered_to_nothing_answers_404(client, register, iops):
    response = client.get(register.url + "export.360giving.json", {"q": "Saknas"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "settings_value",
    [
        {"MUNICIPALITY_NAME": "Testkommunen", "PUBLISHER_ID": ""},
        {"MUNICIPALITY_NAME": "Testkommunen", "PUBLISHER_ID": "not an id"},
        {"MUNICIPALITY_NAME": "", "PUBLISHER_ID": PUBLISHER},
    ],
)
def test_without_publisher_settings_404_and_no_link(
    client, register, iops, settings_value
):
    merged = {**settings.WAGTAIL_SAMVERKAN, **settings_value}
    with override_settings(WAGTAIL_SAMVERKAN=merged):
        response = client.get(register.url + "export.360giving.json")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("text/plain")
        assert "360Giving" in response.content.decode()
        page = client.get(register.url).content.decode()
        assert "export.json" in page
        assert "360giving" not in page


def test_register_page_links_to_the_package_with_the_filters(client, register, iops):
    page = client.get(register.url, {"focus": "kultur"}).content.decode()
    assert f'href="{register.url}export.360giving.json?focus=kultur"' in page


def test_alias_route_and_conditional_get(client, register, iops):
    response = client.get(register.url + "export/360giving/")
    assert response.status_code == 200
    first = b"".join(response.streaming_content)
    etag = response["ETag"]
    again = client.get(
        register.url + "export.360giving.json", headers={"if-none-match": etag}
    )
    assert again.status_code == 304
    assert json.loads(first)["grants"]


def test_query_count_is_constant(client, register):
    def measure():
        cache.clear()
        fetch(client, register)  # warm the site cache
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            text = fetch(client, register)
        return len(queries), json.loads(text)

    make_many_partnerships(register, 1)
    small, data = measure()
    assert len(data["grants"]) == 1
    make_many_partnerships(register, 99)
    large, data = measure()
    assert len(data["grants"]) == 100
    assert not list(VALIDATOR.iter_errors(data))
    assert large == small
