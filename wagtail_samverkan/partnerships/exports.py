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
import io
import json
import logging
import re
from pathlib import Path
from urllib.parse import quote

from django.db import connections
from django.db.models import Max, Min, Prefetch
from django.db.models.expressions import RawSQL
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.models import Page

from wagtail_samverkan.agreement.models.principles import Principle
from wagtail_samverkan.core import cache, conditional
from wagtail_samverkan.core.conf import samverkan_settings
from wagtail_samverkan.core.identifiers import absolute_url, id_prefix
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
#: IOPs read from the database at a time.
CHUNK_SIZE = 2000
#: Records written into one chunk of the response.
RECORDS_PER_CHUNK = 100
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


#: First characters that need a closer look (everything else up to the space
#: is skipped before a formula, too).
_SUSPECT_FIRST = "".join(FORMULA_TRIGGERS) + "\x7f"


def neutralise(value):
    """A CSV cell that a spreadsheet program shows as text, never runs."""
    if isinstance(value, str) and value:
        first = value[0]
        if first > " " and first not in _SUSPECT_FIRST:
            return value
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


def _related_array_sql(vendor):
    """All related rows of an IOP as one JSON array of arrays (``RELATED`` order).

    One text column decoded once per IOP costs less than a column per relation.
    """
    related = _related_json_sql(vendor)
    if related is None:
        return None
    parts = " || ',' || ".join(f"({related[name]})" for name in RELATED)
    return f"'[' || {parts} || ']'"


#: The related rows of a record, in the order of ``export_related``.
RELATED = ("partners", "funding", "contacts", "principles", "focus_areas")

#: What a record reads of an IOP itself, and the names of the bodies it names.
ROW_FIELDS = {
    "translation_key": "translation_key",
    "title": "title",
    "summary": "summary",
    "url_path": "url_path",
    "start_date": "start_date",
    "end_date": "end_date",
    "terminated_on": "terminated_on",
    "termination_reason": "termination_reason",
    "notice_period": "notice_period",
    "target_group": "target_group",
    "responsible_body": "responsible_body__name",
    "administering_body": "administering_body__name",
    "decision_body": "decision_body__name",
    "decision_date": "decision_date",
    "registration_number": "registration_number",
    "last_published_at": "last_published_at",
}


class ExportRow:
    """One IOP as the exports read it: plain values, no page object.

    The bodies are their names; ``related`` holds the related rows as lists
    of dicts in the order of ``RELATED``.
    """

    __slots__ = (*ROW_FIELDS, "related")

    def __init__(self, values, related):
        for name, value in zip(ROW_FIELDS, values, strict=False):
            setattr(self, name, value)
        self.related = related

    # The page's own rule, so that a record says what the IOP page says.
    status_on = PartnershipPage.status_on


def _row_from_page(page):
    """The fallback: an ``ExportRow`` from a page with prefetched related rows."""
    related = [
        [
            {
                "name": partner.organisation.name,
                "organisation_number": partner.organisation.organisation_number,
                "role": partner.role,
            }
            for partner in page.partners.all()
        ],
        [
            {
                "year": row.year,
                "municipal_amount": row.municipal_amount,
                "organisation_amount": row.organisation_amount,
                "in_kind_description": row.in_kind_description,
                "in_kind_value": row.in_kind_value,
            }
            for row in page.export_funding_rows
        ],
        [
            {
                "name": contact.name,
                "role": contact.role,
                "affiliation": contact.affiliation,
                "email": contact.email,
                "phone": contact.phone,
            }
            for contact in page.export_contact_rows
        ],
        [
            {"number": link.principle.number, "name": link.principle.name}
            for link in page.export_principle_links
        ],
        [
            {"name": link.focus_area.name, "slug": link.focus_area.slug}
            for link in page.focus_area_links.all()
        ],
    ]
    values = []
    for name, lookup in ROW_FIELDS.items():
        if "__" in lookup:
            body = getattr(page, name)
            values.append(body.name if body is not None else None)
        else:
            values.append(getattr(page, lookup))
    return ExportRow(values, related)


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

    On SQLite and PostgreSQL, one query (related rows as one JSON column);
    elsewhere the related rows are prefetched per chunk.
    """
    if filterset is None:
        filterset = export_filterset(index_page, request, today)
    queryset = filterset.qs
    related = _related_array_sql(connections[queryset.db].vendor)
    if related is not None:
        return queryset.annotate(export_related=RawSQL(related, ()))
    partners = PartnershipPartner.objects.select_related("organisation").order_by(
        "sort_order", "pk"
    )
    funding = PartnershipFunding.objects.order_by("year", "pk")
    contacts = PartnershipContact.objects.filter(show_publicly=True).order_by(
        "sort_order", "pk"
    )
    return queryset.select_related(
        "responsible_body", "administering_body", "decision_body"
    ).prefetch_related(
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


def _rows(queryset, limit=None):
    """The IOPs of ``queryset`` as ``ExportRow``s, read in chunks."""
    if queryset._prefetch_related_lookups:
        pages = queryset[:limit] if limit else queryset.iterator(chunk_size=CHUNK_SIZE)
        return map(_row_from_page, pages)
    values = queryset.values_list(*ROW_FIELDS.values(), "export_related")
    tuples = values[:limit] if limit else values.iterator(chunk_size=CHUNK_SIZE)
    loads = json.loads
    return (ExportRow(row, loads(row[-1])) for row in tuples)


def identifier_prefix(request=None):
    """``<publisher id>:iop:``, the same whatever host the site is served on."""
    return f"{id_prefix()}:iop:"


#: A path that ``quote(path, safe=PageUrls.SAFE)`` leaves as it is.
_NEEDS_NO_QUOTING = re.compile(r"[A-Za-z0-9_.~/!$&'()*+,;=:@-]*\Z").match


class PageUrls:
    """The full address of each IOP, as ``Page.get_full_url`` gives it.

    The IOPs of an export are children of one register, so they share the
    site and the address of their parent: after the first address is made
    by Wagtail, the others are that prefix and the page's own quoted path.
    Where that cannot hold (a site whose root is below the register, a page
    type with its own addresses) every address is made by Wagtail.
    """

    SAFE = RFC3986_SUBDELIMS + "/~:@"

    def __init__(self, model, request):
        self.model = model
        self.request = request
        self.parent_path = None
        self.prefix = None
        self.per_page = model.get_url_parts is not Page.get_url_parts

    def by_wagtail(self, row):
        page = self.model(url_path=row.url_path, translation_key=row.translation_key)
        return page.get_full_url(self.request)

    def suffix(self, rest):
        path = rest if _NEEDS_NO_QUOTING(rest) else quote(rest, safe=self.SAFE)
        return path if WAGTAIL_APPEND_SLASH else path.rstrip("/")

    def __call__(self, row):
        if self.per_page:
            return self.by_wagtail(row)
        url_path = row.url_path
        if self.parent_path is not None and url_path.startswith(self.parent_path):
            return self.prefix + self.suffix(url_path[len(self.parent_path) :])
        url = self.by_wagtail(row)
        self._learn(url_path, url)
        return url

    def _learn(self, url_path, url):
        """Take the prefix from a page's address made by Wagtail."""
        parent_path = url_path[: url_path.rstrip("/").rfind("/") + 1]
        roots = Page._get_site_root_paths(self.request)
        if url is None or any(
            root.root_path.startswith(parent_path) and root.root_path != parent_path
            for root in roots
        ):
            self.per_page = True
            return
        suffix = self.suffix(url_path[len(parent_path) :])
        if not url.endswith(suffix):
            self.per_page = True
            return
        self.parent_path = parent_path
        self.prefix = url[: len(url) - len(suffix)]


def _date(value):
    return value.isoformat() if value else None


def record(row, today, prefix, urls):
    """One IOP (an ``ExportRow``) as a dict that follows the JSON Schema."""
    partners, funding, contacts, principles, focus_areas = row.related
    municipal = organisation = in_kind = 0
    for item in funding:
        municipal += item["municipal_amount"]
        organisation += item["organisation_amount"]
        in_kind += item["in_kind_value"] or 0
        item["in_kind_description"] = item["in_kind_description"] or None
    return {
        "id": f"{prefix}{row.translation_key}",
        "title": row.title,
        "summary": row.summary,
        "url": urls(row),
        "status": row.status_on(today),
        "start_date": _date(row.start_date),
        "end_date": _date(row.end_date),
        "terminated_on": _date(row.terminated_on),
        "termination_reason": row.termination_reason or None,
        "notice_period": row.notice_period or None,
        "target_group": row.target_group or None,
        "partners": partners,
        "responsible_body": row.responsible_body,
        "administering_body": row.administering_body,
        "focus_areas": focus_areas,
        "principles": principles,
        "decision": {
            "body": row.decision_body,
            "date": _date(row.decision_date),
            "registration_number": row.registration_number or None,
        },
        "currency": CURRENCY,
        "funding": funding,
        "totals": {
            "municipal_amount": municipal,
            "organisation_amount": organisation,
            "in_kind_value": in_kind,
        },
        "contacts": [
            {key: value or None for key, value in contact.items()}
            for contact in contacts
        ],
        "last_published_at": row.last_published_at.isoformat()
        if row.last_published_at
        else None,
    }


def iter_records(queryset, request, today):
    prefix = identifier_prefix(request)
    urls = PageUrls(queryset.model, request)
    for row in _rows(queryset):
        yield record(row, today, prefix, urls)


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
    for row in _rows(queryset, limit=1):
        record(
            row, today, identifier_prefix(request), PageUrls(queryset.model, request)
        )
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
    # ``json.dumps(item, ensure_ascii=False)``, without making an encoder
    # for every record.
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    batch = []
    separator = "\n"
    try:
        for item in records:
            batch.append(encode(item))
            if len(batch) == RECORDS_PER_CHUNK:
                yield separator + ",\n".join(batch)
                batch.clear()
                separator = ",\n"
    except Exception:
        # The array and the object are left open: the file is not valid
        # JSON, so no client can take it for a complete one.
        if batch:
            yield separator + ",\n".join(batch)
        _failed_after_start("JSON")
        return
    finally:
        records.close()
    if batch:
        yield separator + ",\n".join(batch)
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


def schema_response(request):
    return conditional.schema_file_response(request, SCHEMA_PATH)


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


class _Lines:
    """A CSV writer whose lines are taken out of it in chunks."""

    def __init__(self):
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer)

    def take(self):
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text


def csv_row(item, years):
    partners = item["partners"]
    lead = next((p["name"] for p in partners if p["role"] == "lead"), "")
    by_year = {row["year"]: row["municipal_amount"] for row in item["funding"]}
    decision = item["decision"]
    totals = item["totals"]
    # Only text can be read as a formula: the amounts are left as they are.
    row = [
        neutralise(value)
        for value in (
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
            decision["body"] or "",
            decision["date"] or "",
            decision["registration_number"] or "",
            item["currency"],
        )
    ]
    row += [
        totals["municipal_amount"],
        totals["organisation_amount"],
        totals["in_kind_value"],
    ]
    row += [by_year.get(year, "") for year in years]
    return row


def iter_csv(request, queryset, today):
    lines = _Lines()
    span = PartnershipFunding.objects.filter(page__in=queryset.values("pk")).aggregate(
        first=Min("year"), last=Max("year")
    )
    years = range(span["first"], span["last"] + 1) if span["first"] else range(0)
    records = _started_records(queryset, request, today)
    lines.writer.writerow(CSV_COLUMNS + [f"municipal_{year}" for year in years])
    # A byte order mark lets spreadsheet programs recognise UTF-8 (å, ä, ö).
    yield "\ufeff" + lines.take()
    batch = []
    try:
        for item in records:
            batch.append(csv_row(item, years))
            if len(batch) == RECORDS_PER_CHUNK:
                lines.writer.writerows(batch)
                batch.clear()
                yield lines.take()
    except Exception:
        _failed_after_start("CSV")
        lines.writer.writerows(batch)
        lines.writer.writerow([CSV_FAILURE_LINE])
        yield lines.take()
        return
    finally:
        records.close()
    lines.writer.writerows(batch)
    if batch:
        yield lines.take()


def csv_response(index_page, request):
    return _export_response(
        index_page,
        request,
        "csv",
        "text/csv; charset=utf-8",
        "attachment",
        lambda queryset, today: iter_csv(request, queryset, today),
    )
