"""Open data: the IOP register as streamed CSV and JSON."""

import csv
import datetime
import io
import json

import jsonschema
import pytest
from django.core.cache import cache
from django.http import StreamingHttpResponse
from django.test import RequestFactory
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
from wagtail_samverkan.partnerships.exports import load_schema, neutralise
from wagtail_samverkan.register.demo import with_check_digit

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = datetime.datetime(2025, 6, 15, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: TODAY)


@pytest.fixture
def register(root_page):
    return make_register(root_page)


def fetch(client, url, query=None):
    response = client.get(url, query or {})
    assert response.status_code == 200, response
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


def get_json(client, register, query=None):
    data = json.loads(fetch(client, register.url + "export.json", query))
    jsonschema.validate(data, load_schema(), format_checker=jsonschema.FormatChecker())
    return data


def get_csv(client, register, query=None):
    text = fetch(client, register.url + "export.csv", query)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.fixture
def iop(register):
    area = FocusAreaFactory(name="Integration", slug="integration")
    return make_partnership(
        register,
        title="Språkcafé i centrum",
        partners=[
            OrganisationFactory(
                name="Föreningen Gemensam Grund",
                organisation_number=with_check_digit("802400100"),
            ),
            OrganisationFactory(name="Kvinnojouren", organisation_number=None),
        ],
        responsible_body=MunicipalBodyFactory(name="Socialnämnden"),
        focus_areas=[area],
        start_date=D(2023, 1, 1),
        end_date=D(2026, 12, 31),
        registration_number="SN 2022-00456",
        decision_date=D(2022, 11, 20),
        funding=[
            (2023, 200_000, 20_000),
            (2024, 250_000, 25_000),
            (2025, 300_000, 30_000),
        ],
        contacts=[
            {
                "name": "Hemliga Hanna",
                "email": "hanna@example.org",
                "phone": "070-000 00 01",
            },
            {"name": "Öppna Olle", "email": "olle@example.org", "show_publicly": True},
        ],
    )


def test_json_export_is_valid_and_complete(client, register, iop):
    data = get_json(client, register)
    assert data["version"] == "1.1"
    assert data["publisher"] == "Testkommunen"
    assert data["schema"].endswith("/iop/schema.json")
    [item] = data["partnerships"]
    assert item["title"] == "Språkcafé i centrum"
    assert item["status"] == "active"
    assert item["url"].endswith(iop.url)
    assert item["partners"] == [
        {
            "name": "Föreningen Gemensam Grund",
            "organisation_number": with_check_digit("802400100"),
            "role": "lead",
        },
        {"name": "Kvinnojouren", "organisation_number": None, "role": "partner"},
    ]
    assert item["responsible_body"] == "Socialnämnden"
    assert item["focus_areas"] == [{"name": "Integration", "slug": "integration"}]
    assert item["decision"] == {
        "body": None,
        "date": "2022-11-20",
        "registration_number": "SN 2022-00456",
    }
    assert [row["year"] for row in item["funding"]] == [2023, 2024, 2025]
    assert item["totals"] == {
        "municipal_amount": 750_000,
        "organisation_amount": 75_000,
        "in_kind_value": 0,
    }
    assert item["id"] == f"SE-ON-2120009903:iop:{iop.translation_key}"


def test_schema_is_served_and_is_a_valid_schema(client, register):
    response = client.get(register.url + "schema.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == load_schema()


def test_schema_refuses_a_broken_record(client, register, iop):
    data = get_json(client, register)
    data["partnerships"][0]["status"] = "halvklar"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, load_schema())


def test_csv_export_parses_with_yearly_columns(client, register, iop):
    [row] = get_csv(client, register)
    assert row["title"] == "Språkcafé i centrum"
    assert row["partners"] == "Föreningen Gemensam Grund; Kvinnojouren"
    assert row["partner_organisation_numbers"] == with_check_digit("802400100") + "; "
    assert row["lead_partner"] == "Föreningen Gemensam Grund"
    assert row["status"] == "active"
    assert row["municipal_total"] == "750000"
    assert (row["municipal_2023"], row["municipal_2024"], row["municipal_2025"]) == (
        "200000",
        "250000",
        "300000",
    )
    assert row["registration_number"] == "SN 2022-00456"
    assert row["url"].endswith(iop.url)


def test_non_public_contacts_never_in_exports(client, register, iop):
    data = get_json(client, register)
    assert data["partnerships"][0]["contacts"] == [
        {
            "name": "Öppna Olle",
            "role": None,
            "affiliation": None,
            "email": "olle@example.org",
            "phone": None,
        }
    ]
    for text in (
        fetch(client, register.url + "export.json"),
        fetch(client, register.url + "export.csv"),
    ):
        assert "Hemliga Hanna" not in text
        assert "hanna@example.org" not in text
        assert "070-000 00 01" not in text


@pytest.mark.parametrize(
    "dangerous", ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"]
)
def test_neutralise(dangerous):
    assert neutralise(dangerous) == "'" + dangerous
    assert neutralise("Förening") == "Förening"
    assert neutralise(42) == 42


def test_csv_formula_injection_is_neutralised(client, register):
    make_partnership(
        register,
        title='=HYPERLINK("http://evil.example","klicka")',
        partners=[OrganisationFactory(name="@SUM(1+1)")],
        responsible_body=MunicipalBodyFactory(name=" |nämnd"),
        registration_number="-1+1",
    )
    [row] = get_csv(client, register)
    assert row["title"] == '\'=HYPERLINK("http://evil.example","klicka")'
    assert row["partners"] == "'@SUM(1+1)"
    assert row["responsible_body"] == "' |nämnd"
    assert row["registration_number"] == "'-1+1"
    # What spreadsheet programs skip before a formula, and DDE's "|".
    guarded = [
        " =1+1",
        "\n=1+1",
        "\x00@SUM(A1)",
        " \t -2+3",
        "|calc",
        '  |cmd /c calc"',
        "\tText",
        "\rText",
    ]
    for value in guarded:
        assert neutralise(value) == "'" + value, repr(value)
    for value in ("Kultur i väst", " Norrby", "3-åring", "a=b", "", "e-post@x.se"):
        assert neutralise(value) == value, repr(value)
    # JSON keeps the values as they are: it is not opened by spreadsheets.
    assert get_json(client, register)["partnerships"][0]["title"].startswith(
        "=HYPERLINK"
    )


def test_exports_honour_the_filters(client, register):
    area = FocusAreaFactory(slug="kultur")
    make_partnership(
        register, title="Kulturhuset", focus_areas=[area], start_date=D(2024, 1, 1)
    )
    make_partnership(register, title="Planerat", start_date=D(2026, 1, 1))
    make_partnership(
        register, title="Avslutat", start_date=D(2010, 1, 1), end_date=D(2012, 1, 1)
    )
    for query, expected in [
        ({"focus": "kultur"}, ["Kulturhuset"]),
        ({"status": "planned"}, ["Planerat"]),
        ({"year": "2011"}, ["Avslutat"]),
        ({"sort": "start"}, ["Avslutat", "Kulturhuset", "Planerat"]),
        ({"q": "Kulturhuset"}, ["Kulturhuset"]),
        ({"q": '"Kulturhuset'}, ["Kulturhuset"]),
        ({"q": '"'}, []),
        ({"year": "abc"}, ["Avslutat", "Kulturhuset", "Planerat"]),
    ]:
        assert [
            p["title"] for p in get_json(client, register, query)["partnerships"]
        ] == expected
        assert [r["title"] for r in get_csv(client, register, query)] == expected


def test_exports_leave_out_drafts_unpublished_and_private(client, register):
    make_partnership(register, title="Synligt")
    make_partnership(register, title="Utkast", publish=False)
    make_partnership(register, title="Avpublicerat").unpublish()
    private = make_partnership(register, title="Hemligt")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert [p["title"] for p in get_json(client, register)["partnerships"]] == [
        "Synligt"
    ]
    assert [r["title"] for r in get_csv(client, register)] == ["Synligt"]


def test_exports_of_a_private_register_need_login(client, register):
    make_partnership(register, title="Synligt")
    PageViewRestriction.objects.create(page=register, restriction_type="login")
    response = client.get(register.url + "export.json")
    assert response.status_code == 302


def test_empty_exports_are_valid(client, register):
    assert get_json(client, register)["partnerships"] == []
    assert get_csv(client, register) == []


def test_export_without_the_package_urls_uses_slash_routes(client, register, iop):
    data = json.loads(fetch(client, register.url + "export/json/"))
    assert data["partnerships"][0]["title"] == "Språkcafé i centrum"
    assert fetch(client, register.url + "export/csv/").startswith("\ufeffid,title")


def test_exports_stream_in_chunks(client, register, monkeypatch):
    """Rows are read with ``iterator(chunk_size)``: a small chunk size still gives all."""
    monkeypatch.setattr("wagtail_samverkan.partnerships.exports.CHUNK_SIZE", 2)
    make_many_partnerships(register, 5)
    data = get_json(client, register)
    assert len(data["partnerships"]) == 5
    assert all(
        len(p["partners"]) == 2 and len(p["contacts"]) == 1
        for p in data["partnerships"]
    )
    assert len(get_csv(client, register)) == 5


def test_export_query_counts_are_constant(client, register, django_assert_num_queries):
    def measure(path, expected, query=None):
        cache.clear()
        fetch(client, register.url + path, query)  # warm the site cache
        with django_assert_num_queries(expected):
            text = fetch(client, register.url + path, query)
        return text

    make_many_partnerships(register, 1)
    measure("export.csv", CSV_QUERIES)
    measure("export.json", JSON_QUERIES)
    measure("export.json", JSON_QUERIES_FILTERED, {"status": "active", "q": "Massprov"})
    make_many_partnerships(register, 199)
    assert len(json.loads(measure("export.json", JSON_QUERIES))["partnerships"]) == 200
    assert measure("export.csv", CSV_QUERIES).count("\r\n") == 201
    measure("export.json", JSON_QUERIES_FILTERED, {"status": "active", "q": "Massprov"})


CSV_QUERIES = 11
JSON_QUERIES = 10
JSON_QUERIES_FILTERED = 10


def test_exports_fall_back_to_prefetching_on_other_databases(
    client, register, iop, monkeypatch
):
    """Databases without the JSON subqueries get the same records, prefetched."""
    single_query = get_json(client, register)
    single_csv = get_csv(client, register)
    monkeypatch.setattr(
        "wagtail_samverkan.partnerships.exports._related_json_sql", lambda vendor: None
    )
    assert get_json(client, register)["partnerships"] == single_query["partnerships"]
    assert get_csv(client, register) == single_csv
    [item] = single_query["partnerships"]
    assert [c["name"] for c in item["contacts"]] == ["Öppna Olle"]
    assert item["funding"][0]["in_kind_description"] is None


@pytest.mark.parametrize("file", ["export.csv", "export.json", "schema.json"])
def test_exports_answer_conditional_requests(client, register, file):
    iop = make_partnership(register, title="Läxhjälp")
    url = register.url + file
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "no-cache"
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert b"".join(getattr(again, "streaming_content", [again.content])) == b""
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    iop.title = "Läxhjälp och språkcafé"
    iop.save_revision().publish()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    if file == "schema.json":
        # The schema does not change with the content.
        assert changed.status_code == 304
    else:
        assert changed.status_code == 200 and changed["ETag"] != etag
        assert "språkcafé" in b"".join(changed.streaming_content).decode()


def test_filtered_exports_say_the_filter_in_their_file_name(client, register):
    area = FocusAreaFactory(name="Kultur och fritid", slug="kultur")
    make_partnership(register, title="Kulturhuset", focus_areas=[area])
    response = client.get(
        register.url + "export.csv", {"focus": "kultur", "status": "active"}
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="iop-focus-kultur-status-active.csv"'
    )
    response = client.get(register.url + "export.json")
    assert response["Content-Disposition"] == 'inline; filename="iop.json"'
    # The same filters give the same ETag; other filters another.
    one = client.get(register.url + "export.json", {"status": "active"})["ETag"]
    two = client.get(register.url + "export.json", {"status": "active"})["ETag"]
    other = client.get(register.url + "export.json", {"status": "ended"})["ETag"]
    assert one == two != other


@pytest.mark.parametrize("export", ["export.csv", "export.json"])
def test_an_export_nobody_reads_holds_no_open_cursor(client, register, export):
    from django.db import connection

    make_many_partnerships(register, 3)
    response = client.get(register.url + export)
    assert response.status_code == 200
    # Not read and not closed: what it holds is left to the garbage
    # collector, which must not have a streaming cursor to close then (on
    # PostgreSQL it could do so while the connection runs another query).
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("select count(*) from pg_cursors")
            assert cursor.fetchone()[0] == 0
    text = b"".join(response.streaming_content).decode()
    assert text.count("Massprov") >= 3


def documented_csv_columns():
    """The CSV columns as ``docs/open-data.md`` lists them, in order."""
    import re
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "open-data.md").read_text()
    section = text.split("## CSV", 1)[1].split("Dates are ISO", 1)[0]
    return re.findall(r"`([a-z_]+)`", section.split("and then one column")[0])


def test_csv_and_json_say_what_the_documentation_and_the_pages_say(
    client, register, iop
):
    """Several IOPs with partners and funding, cell by cell against the pages."""
    from wagtail_samverkan.models import PartnershipPage

    kultur = FocusAreaFactory(name="Kultur", slug="kultur")
    second = make_partnership(
        register,
        title="=Läxhjälp för alla",
        slug="läxhjälp-för-alla",
        partners=[OrganisationFactory(name="Röda Korset"), OrganisationFactory()],
        focus_areas=[kultur],
        start_date=D(2019, 3, 1),
        end_date=D(2021, 2, 28),
        funding=[(2019, 100_000, 0), (2020, 110_000, 5_000)],
    )
    make_many_partnerships(register, 3)
    columns = documented_csv_columns()
    rows = get_csv(client, register)
    records = get_json(client, register)["partnerships"]
    assert list(rows[0])[: len(columns)] == columns
    assert [key for key in rows[0] if key not in columns] == [
        f"municipal_{year}" for year in range(2015, 2026)
    ]
    pages = {
        page.title: page for page in PartnershipPage.objects.child_of(register).live()
    }
    assert len(rows) == len(records) == len(pages) == 5
    for row, item in zip(rows, records, strict=True):
        page = pages[item["title"]]
        partners = [link.organisation for link in page.partners.all()]
        funding = list(page.funding_rows.order_by("year"))
        assert row["id"] == item["id"] == f"SE-ON-2120009903:iop:{page.translation_key}"
        assert row["url"] == item["url"] == page.get_full_url()
        assert row["status"] == item["status"] == page.status_on(TODAY.date())
        assert row["start_date"] == item["start_date"] == page.start_date.isoformat()
        assert row["partners"] == "; ".join(o.name for o in partners)
        assert row["lead_partner"] == partners[0].name
        assert row["responsible_body"] == page.responsible_body.name
        assert row["focus_areas"] == "; ".join(a.name for a in page.focus_areas)
        total = sum(f.municipal_amount for f in funding)
        assert (
            int(row["municipal_total"]) == item["totals"]["municipal_amount"] == total
        )
        for entry in funding:
            assert int(row[f"municipal_{entry.year}"]) == entry.municipal_amount
        assert [f["year"] for f in item["funding"]] == [f.year for f in funding]
    by_title = {row["title"]: row for row in rows}
    assert by_title["'=Läxhjälp för alla"]["url"] == second.get_full_url()
    assert "l%C3%A4xhj%C3%A4lp" in second.get_full_url()
    assert by_title["'=Läxhjälp för alla"]["municipal_2020"] == "110000"
    assert by_title["'=Läxhjälp för alla"]["municipal_2023"] == ""


def test_export_urls_are_wagtails_when_a_site_starts_below_the_register(
    client, register, iop
):
    """With a site rooted at an IOP, every address is the one its page gives."""
    from wagtail.models import Site

    from wagtail_samverkan.models import PartnershipPage

    Site.objects.create(hostname="iop.example.org", port=80, root_page=iop)
    make_many_partnerships(register, 2)
    records = get_json(client, register)["partnerships"]
    pages = PartnershipPage.objects.child_of(register)
    request = RequestFactory().get(register.url)
    assert sorted(item["url"] for item in records) == sorted(
        page.get_full_url(request) for page in pages
    )
