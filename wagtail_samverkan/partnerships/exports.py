"""Open data: the IOP register as CSV and JSON.

Both exports honour the register's filters, contain only live, public IOPs,
never a contact person who is not marked public, and stream. On SQLite and
PostgreSQL each IOP is one row of a single query: its partners, funding rows,
contacts, principles and focus areas come as JSON arrays built by correlated
subqueries, so the number of queries is the same for 10 IOPs and for 10,000,
and rows are read as they are written (a server-side cursor on PostgreSQL).
Other databases read the rows in chunks with the related rows prefetched per
chunk; memory use does not grow with the number of IOPs either way.

The JSON follows the versioned JSON Schema in ``schemas/`` (see
``docs/open-data.md``).
"""

import csv
import functools
import hashlib
import json
import logging
from pathlib import Path

from django.db import connections
from django.db.models import Max, Min, Prefetch
from django.db.models.expressions import RawSQL
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail_samverkan.agreement.models.principles import Principle
from wagtail_samverkan.core import cache, conditional
from wagtail_samverkan.core.conf import samverkan_settings
from wagtail_samverkan.core.identifiers import absolute_url, id_prefix, page_key
from wagtail_samverkan.partnerships.caching import AREA
from wagtail_samverkan.partnerships.filters import (
    DIMENSIONS,
    PartnershipFilterSet,
    filter_key,
)
from wagtail_samverkan.partnerships.models import (
    PartnershipContact,
    PartnershipFocusArea,
    PartnershipFunding,
    PartnershipPage,
    PartnershipPartner,
    PartnershipPrinciple,
    local_today,
)
from wagtail_samverkan.register.models import FocusArea, Organisation

SCHEMA_VERSION = "1.1"
SCHEMA_PATH = (
    Path(__file__).parent / "schemas" / f"partnerships-{SCHEMA_VERSION}.schema.json"
)
CHUNK_SIZE = 500
CURRENCY = "SEK"
#: The last line of a CSV file whose export failed after it had begun: no
#: client can take the file for a complete one (see ``docs/open-data.md``).
CSV_FAILURE_LINE = "EXPORT FAILED: this file is incomplete"

logger = logging.getLogger(__name__)

# Spreadsheet programs run cells that start with these as formulas.
#: What makes a spreadsheet program read a cell as a formula (OWASP's list,
#: with ``|`` for DDE).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "|")
#: What spreadsheet programs skip before a formula: white space and control
#: characters. A cell that starts with one of them is guarded too.
SKIPPED_BEFORE_FORMULA = "".join(map(chr, range(33))) + "\x7f"


def neutralise(value):
    """A CSV cell that a spreadsheet program shows as text, never runs."""
    if isinstance(value, str) and value:
        if value[0] in SKIPPED_BEFORE_FORMULA and value[0] != " ":
            return "'" + value
        if value.lstrip(SKIPPED_BEFORE_FORMULA).startswith(FORMULA_TRIGGERS):
            return "'" + value
    return value


# -- Related rows as JSON arrays, one correlated subquery per relation ------------


def _related_json_sql(vendor):
    """``{name: sql}``: each IOP's related rows as a JSON array, in order.

    ``None`` when the database is neither SQLite nor PostgreSQL.
    """
    if vendor not in ("sqlite", "postgresql"):
        return None
    q = connections["default"].ops.quote_name
    page = f"{q(PartnershipPage._meta.db_table)}.{q(PartnershipPage._meta.pk.column)}"

    def table(model):
        return q(model._meta.db_table)

    # (fields as (json key, sql), from/join, where, order by)
    relations = {
        "partners": (
            [
                ("name", "o.name"),
                ("organisation_number", "o.organisation_number"),
                ("role", "r.role"),
            ],
            f"{table(PartnershipPartner)} r "
            f"JOIN {table(Organisation)} o ON o.id = r.organisation_id",
            "TRUE",
            "r.sort_order, r.id",
        ),
        "funding": (
            [
                ("year", "r.year"),
                ("municipal_amount", "r.municipal_amount"),
                ("organisation_amount", "r.organisation_amount"),
                ("in_kind_description", "r.in_kind_description"),
                ("in_kind_value", "r.in_kind_value"),
            ],
            f"{table(PartnershipFunding)} r",
            "TRUE",
            "r.year, r.id",
        ),
        "contacts": (
            [
                ("name", "r.name"),
                ("role", "r.role"),
                ("affiliation", "r.affiliation"),
                ("email", "r.email"),
                ("phone", "r.phone"),
            ],
            f"{table(PartnershipContact)} r",
            "r.show_publicly",
            "r.sort_order, r.id",
        ),
        "principles": (
            [("number", "p.number"), ("name", "p.name")],
            f"{table(PartnershipPrinciple)} r "
            f"JOIN {table(Principle)} p ON p.id = r.principle_id",
            "p.live",
            "r.sort_order, r.id",
        ),
        "focus_areas": (
            [("name", "f.name"), ("slug", "f.slug")],
            f"{table(PartnershipFocusArea)} r "
            f"JOIN {table(FocusArea)} f ON f.id = r.focus_area_id",
            "TRUE",
            "r.sort_order, r.id",
        ),
    }
    result = {}
    for name, (fields, source, where, order) in relations.items():
        pairs = ", ".join(f"'{key}', {sql}" for key, sql in fields)
        condition = f"r.page_id = {page} AND {where}"
        if vendor == "postgresql":
            result[name] = (
                f"SELECT COALESCE(json_agg(json_build_object({pairs}) "
                f"ORDER BY {order}), '[]'::json)::text "
                f"FROM {source} WHERE {condition}"
            )
        else:
            # SQLite keeps the order of the inner query in json_group_array.
            result[name] = (
                "SELECT json_group_array(json(item)) FROM ("
                f"SELECT json_object({pairs}) AS item FROM {source} "
                f"WHERE {condition} ORDER BY {order})"
            )
    return result


def _related_rows(page, name):
    """The related rows of ``page`` as a list of dicts (see ``record``)."""
    value = getattr(page, f"export_{name}_json", None)
    if value is not None:
        return json.loads(value) if isinstance(value, str) else value
    return getattr(page, f"export_{name}")


def _prefetched_as_dicts(page):
    """The fallback: related rows prefetched per chunk, turned into dicts."""
    page.export_partners = [
        {
            "name": partner.organisation.name,
            "organisation_number": partner.organisation.organisation_number,
            "role": partner.role,
        }
        for partner in page.partners.all()
    ]
    page.export_funding = [
        {
            "year": row.year,
            "municipal_amount": row.municipal_amount,
            "organisation_amount": row.organisation_amount,
            "in_kind_description": row.in_kind_description,
            "in_kind_value": row.in_kind_value,
        }
        for row in page.export_funding_rows
    ]
    page.export_contacts = [
        {
            "name": contact.name,
            "role": contact.role,
            "affiliation": contact.affiliation,
            "email": contact.email,
            "phone": contact.phone,
        }
        for contact in page.export_contact_rows
    ]
    page.export_principles = [
        {"number": link.principle.number, "name": link.principle.name}
        for link in page.export_principle_links
    ]
    page.export_focus_areas = [
        {"name": link.focus_area.name, "slug": link.focus_area.slug}
        for link in page.focus_area_links.all()
    ]
    return page


def export_filterset(index_page, request, today):
    """The register's filters, read from the export's query string."""
    return PartnershipFilterSet(
        request.GET,
        queryset=index_page.partnerships(),
        request=request,
        today=today,
        locale=index_page.locale_id,
        # Open data is listed by title unless another order is asked for.
        default_sort="title",
    )


def export_queryset(index_page, request, today, filterset=None):
    """The filtered IOPs with everything a record needs.

    On SQLite and PostgreSQL, one query (related rows as JSON columns);
    elsewhere the related rows are prefetched per chunk.
    """
    if filterset is None:
        filterset = export_filterset(index_page, request, today)
    queryset = filterset.qs.select_related(
        "responsible_body", "administering_body", "decision_body"
    )
    related = _related_json_sql(connections[queryset.db].vendor)
    if related is not None:
        return queryset.annotate(
            **{f"export_{name}_json": RawSQL(sql, ()) for name, sql in related.items()}
        )
    partners = PartnershipPartner.objects.select_related("organisation").order_by(
        "sort_order", "pk"
    )
    funding = PartnershipFunding.objects.order_by("year", "pk")
    contacts = PartnershipContact.objects.filter(show_publicly=True).order_by(
        "sort_order", "pk"
    )
    return queryset.prefetch_related(
        Prefetch("partners", queryset=partners),
        Prefetch("funding_rows", queryset=funding, to_attr="export_funding_rows"),
        Prefetch("contacts", queryset=contacts, to_attr="export_contact_rows"),
        Prefetch(
            "principle_links",
            queryset=PartnershipPrinciple.objects.filter(principle__live=True)
            .select_related("principle")
            .order_by("sort_order", "pk"),
            to_attr="export_principle_links",
        ),
        Prefetch(
            "focus_area_links",
            queryset=PartnershipFocusArea.objects.select_related("focus_area").order_by(
                "sort_order", "pk"
            ),
        ),
    )


def identifier_prefix(request=None):
    """``<publisher id>:iop:``, the same whatever host the site is served on."""
    return f"{id_prefix()}:iop:"


def _date(value):
    return value.isoformat() if value else None


def _name(obj):
    return obj.name if obj is not None else None


def record(page, request, today, prefix):
    """One IOP as a dict that follows the JSON Schema."""
    funding = _related_rows(page, "funding")
    return {
        "id": f"{prefix}{page_key(page)}",
        "title": page.title,
        "summary": page.summary,
        "url": page.get_full_url(request),
        "status": page.status_on(today),
        "start_date": _date(page.start_date),
        "end_date": _date(page.end_date),
        "terminated_on": _date(page.terminated_on),
        "termination_reason": page.termination_reason or None,
        "notice_period": page.notice_period or None,
        "target_group": page.target_group or None,
        "partners": _related_rows(page, "partners"),
        "responsible_body": _name(page.responsible_body),
        "administering_body": _name(page.administering_body),
        "focus_areas": _related_rows(page, "focus_areas"),
        "principles": _related_rows(page, "principles"),
        "decision": {
            "body": _name(page.decision_body),
            "date": _date(page.decision_date),
            "registration_number": page.registration_number or None,
        },
        "currency": CURRENCY,
        "funding": [
            {**row, "in_kind_description": row["in_kind_description"] or None}
            for row in funding
        ],
        "totals": {
            "municipal_amount": sum(row["municipal_amount"] for row in funding),
            "organisation_amount": sum(row["organisation_amount"] for row in funding),
            "in_kind_value": sum(row["in_kind_value"] or 0 for row in funding),
        },
        "contacts": [
            {key: value or None for key, value in contact.items()}
            for contact in _related_rows(page, "contacts")
        ],
        "last_published_at": page.last_published_at.isoformat()
        if page.last_published_at
        else None,
    }


def iter_records(queryset, request, today):
    prefix = identifier_prefix(request)
    prefetched = bool(queryset._prefetch_related_lookups)
    for page in queryset.iterator(chunk_size=CHUNK_SIZE):
        if prefetched:
            _prefetched_as_dicts(page)
        yield record(page, request, today, prefix)


def _started_records(queryset, request, today):
    """``iter_records``, after the first record was made once on its own.

    Running the query and making one record is what can fail on a request's
    filters; done before the first chunk is yielded, such a failure happens
    before the response starts. The first record is read with an ordinary
    query, not the streaming one: a response that is never read (or closed)
    then holds no open server-side cursor, which PostgreSQL's driver would
    otherwise close from the garbage collector, possibly while the same
    connection is running another query.
    """
    first = list(queryset[:1])
    if first:
        if queryset._prefetch_related_lookups:
            _prefetched_as_dicts(first[0])
        record(first[0], request, today, identifier_prefix(request))
    return iter_records(queryset, request, today)


def _failed_after_start(export):
    logger.exception(
        "The %s export failed after it had begun; the file was left incomplete.",
        export,
    )


def export_filename(index_page, extension, filters=None):
    """``iop.csv``, or with the filters in use: ``iop-status-active-focus-kultur.csv``."""
    parts = [slugify(index_page.slug) or "iop"]
    for name, value in sorted((filters or {}).items()):
        parts += [
            name,
            slugify(str(getattr(value, "slug", None) or getattr(value, "pk", value))),
        ]
    return f"{'-'.join(part for part in parts if part)[:120]}.{extension}"


def export_validators(index_page, request, filterset, extension):
    """The export's ETag and Last-Modified (see ``core.conditional``)."""
    key = cache.make_key(
        "export",
        extension,
        index_page.pk,
        index_page.url_path,
        filter_key(filterset, (*DIMENSIONS, "sort")),
        identifier_prefix(request),
        request=request,
        areas=(AREA,),
    )
    return conditional.validators(key)


def _export_response(index_page, request, extension, content_type, disposition, chunks):
    """The streamed export, or a 304 when the client's copy is current."""
    today = local_today()
    filterset = export_filterset(index_page, request, today)
    etag, since = export_validators(index_page, request, filterset, extension)
    response = conditional.not_modified(request, etag, since)
    if response is not None:
        return response
    queryset = export_queryset(index_page, request, today, filterset)
    if filterset.search_failed:
        # An empty file would look like a complete answer.
        return HttpResponse(
            _("The search could not be carried out just now. Try again later."),
            status=503,
            content_type="text/plain; charset=utf-8",
            headers={"Retry-After": "60"},
        )
    stream = chunks(queryset, today)
    # The first chunk is made before the response: it runs the query and
    # makes the first record (see ``iter_json`` and ``iter_csv``), so that
    # whatever fails on the request's filters gives an error status instead
    # of a success with a cut-off file.
    first = next(stream)
    response = StreamingHttpResponse(_encoded(first, stream), content_type=content_type)
    filename = export_filename(index_page, extension, filterset.values)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return conditional.add_validators(response, etag, since)


def _encoded(first, stream):
    """The chunks as bytes; closing it (the server does) closes the stream."""
    try:
        yield first.encode()
        for chunk in stream:
            yield chunk.encode()
    finally:
        stream.close()


# -- JSON -------------------------------------------------------------------------


def iter_json(index_page, request, queryset, today):
    header = {
        "schema": absolute_url(
            index_page.export_urls(request)["export_schema"], request=request
        ),
        "version": SCHEMA_VERSION,
        "publisher": samverkan_settings.MUNICIPALITY_NAME or None,
        "generated_at": timezone.now().replace(microsecond=0).isoformat(),
        "register_url": index_page.get_full_url(request),
    }
    records = _started_records(queryset, request, today)
    opening = json.dumps(header, ensure_ascii=False)[:-1] + ', "partnerships": ['
    yield opening
    first = True
    try:
        for item in records:
            yield ("" if first else ",") + "\n" + json.dumps(item, ensure_ascii=False)
            first = False
    except Exception:
        # The array and the object are left open: the file is not valid
        # JSON, so no client can take it for a complete one.
        _failed_after_start("JSON")
        return
    finally:
        records.close()
    yield "\n]}\n"


def json_response(index_page, request):
    return _export_response(
        index_page,
        request,
        "json",
        "application/json; charset=utf-8",
        "inline",
        lambda queryset, today: iter_json(index_page, request, queryset, today),
    )


@functools.cache
def _schema_file():
    body = SCHEMA_PATH.read_bytes()
    etag = f'"{hashlib.sha256(body).hexdigest()[:40]}"'
    return body, etag, int(SCHEMA_PATH.stat().st_mtime)


def schema_response(request):
    body, etag, modified = _schema_file()
    response = conditional.not_modified(request, etag, modified)
    if response is None:
        response = HttpResponse(
            body, content_type="application/schema+json; charset=utf-8"
        )
        conditional.add_validators(response, etag, modified)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def load_schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


# -- CSV --------------------------------------------------------------------------

CSV_COLUMNS = [
    "id",
    "title",
    "url",
    "status",
    "start_date",
    "end_date",
    "terminated_on",
    "partners",
    "partner_organisation_numbers",
    "lead_partner",
    "responsible_body",
    "administering_body",
    "focus_areas",
    "principles",
    "decision_body",
    "decision_date",
    "registration_number",
    "currency",
    "municipal_total",
    "organisation_total",
    "in_kind_total",
]


class _Echo:
    """A file-like object whose ``write`` hands the line back to the caller."""

    def write(self, value):
        return value


def csv_row(item, years):
    partners = item["partners"]
    lead = next((p["name"] for p in partners if p["role"] == "lead"), "")
    by_year = {row["year"]: row["municipal_amount"] for row in item["funding"]}
    row = [
        item["id"],
        item["title"],
        item["url"],
        item["status"],
        item["start_date"] or "",
        item["end_date"] or "",
        item["terminated_on"] or "",
        "; ".join(p["name"] for p in partners),
        "; ".join(p["organisation_number"] or "" for p in partners),
        lead,
        item["responsible_body"] or "",
        item["administering_body"] or "",
        "; ".join(area["name"] for area in item["focus_areas"]),
        "; ".join(f"{p['number']}. {p['name']}" for p in item["principles"]),
        item["decision"]["body"] or "",
        item["decision"]["date"] or "",
        item["decision"]["registration_number"] or "",
        item["currency"],
        item["totals"]["municipal_amount"],
        item["totals"]["organisation_amount"],
        item["totals"]["in_kind_value"],
    ]
    row += [by_year.get(year, "") for year in years]
    return [neutralise(value) for value in row]


def iter_csv(request, queryset, today):
    writer = csv.writer(_Echo())
    span = PartnershipFunding.objects.filter(page__in=queryset.values("pk")).aggregate(
        first=Min("year"), last=Max("year")
    )
    years = range(span["first"], span["last"] + 1) if span["first"] else range(0)
    records = _started_records(queryset, request, today)
    # A byte order mark lets spreadsheet programs recognise UTF-8 (å, ä, ö).
    yield "\ufeff" + writer.writerow(
        CSV_COLUMNS + [f"municipal_{year}" for year in years]
    )
    try:
        for item in records:
            yield writer.writerow(csv_row(item, years))
    except Exception:
        _failed_after_start("CSV")
        yield writer.writerow([CSV_FAILURE_LINE])
    finally:
        records.close()


def csv_response(index_page, request):
    return _export_response(
        index_page,
        request,
        "csv",
        "text/csv; charset=utf-8",
        "attachment",
        lambda queryset, today: iter_csv(request, queryset, today),
    )
