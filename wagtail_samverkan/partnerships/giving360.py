"""Open data: the IOP register as a 360Giving data package.

``export.360giving.json`` publishes the register in the 360Giving Data
Standard (JSON package schema 1.4), so that grant-data tools can read the
municipality's funding of IOPs beside other funders' grants. Each grant is
built from the package's own JSON export record (``exports.record``) alone.

One IOP is one grant: the amount awarded is the municipality's money over
the whole period (the sum of the yearly funding rows) and the planned dates
are the IOP's period. An IOP is decided once, for its whole period, with
one decision date and one registration number; yearly grants would invent
awards that were never made and repeat one decision several times. The
yearly amounts stay in ``export.json``.

The file needs the publisher's organisation identifier (``PUBLISHER_ID``,
the funder's id in every grant and part of every grant id) and the
municipality's name: while either is unset, or when no IOP matches the
filters (a 360Giving package holds at least one grant), the route answers
``404`` with a plain-text reason instead of a file that does not validate.
"""

import json

from django.db.models import Exists, OuterRef
from django.http import HttpResponseNotFound, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail_samverkan.core import conditional
from wagtail_samverkan.core.conf import samverkan_settings
from wagtail_samverkan.core.identifiers import (
    problems_with_publisher_id,
    publisher_id,
)
from wagtail_samverkan.partnerships.exports import (
    CURRENCY,
    export_filename,
    export_filterset,
    export_queryset,
    export_validators,
    iter_records,
)
from wagtail_samverkan.partnerships.models import PartnershipPartner, local_today

#: The 360Giving Data Standard version the package follows.
VERSION = "1.4"
#: The file's extension, also what its ETag and file name are made from.
EXTENSION = "360giving.json"
#: The org-id.guide list of Swedish organisation numbers.
ORGANISATION_NUMBER_PREFIX = "SE-ON"
#: The grant programme every IOP belongs to.
PROGRAMME_CODE = "IOP"
PROGRAMME_TITLE = "Idéburet offentligt partnerskap"
#: The vocabulary of the focus-area classifications.
FOCUS_AREA_VOCABULARY = "wagtail-samverkan:focus-area"


def grant_id(publisher, item):
    """``360G-<publisher id>-iop-<key>``: stable like the export's own id."""
    key = item["id"].rsplit(":iop:", 1)[-1]
    return f"360G-{publisher}-iop-{key}"


def organisation_id(publisher, partner):
    """``SE-ON-<number without dash>``, else an id in the publisher's namespace."""
    number = (partner.get("organisation_number") or "").replace("-", "").strip()
    if number:
        return f"{ORGANISATION_NUMBER_PREFIX}-{number}"
    return f"360G-{publisher}-org-{slugify(partner['name']) or 'unknown'}"


def recipient(item):
    """The lead partner (the first partner when none is marked lead)."""
    partners = item["partners"]
    return next((p for p in partners if p["role"] == "lead"), partners[0])


def grant(item, publisher, funder_name):
    """One export record as a 360Giving grant."""
    lead = recipient(item)
    planned = {"startDate": item["start_date"]}
    if item["end_date"]:
        planned["endDate"] = item["end_date"]
    funder = {"id": publisher, "name": funder_name}
    if item["responsible_body"]:
        funder["department"] = item["responsible_body"]
    result = {
        "id": grant_id(publisher, item),
        "title": item["title"],
        "description": item["summary"] or item["title"],
        "currency": CURRENCY,
        "amountAwarded": item["totals"]["municipal_amount"],
        "awardDate": item["decision"]["date"] or item["start_date"],
        "plannedDates": [planned],
        "recipientOrganization": [
            {"id": organisation_id(publisher, lead), "name": lead["name"]}
        ],
        "fundingOrganization": [funder],
        "grantProgramme": [{"code": PROGRAMME_CODE, "title": PROGRAMME_TITLE}],
        "url": item["url"],
    }
    if item["terminated_on"]:
        result["actualDates"] = [
            {"startDate": item["start_date"], "endDate": item["terminated_on"]}
        ]
    if item["focus_areas"]:
        result["classifications"] = [
            {
                "vocabulary": FOCUS_AREA_VOCABULARY,
                "code": area["slug"],
                "title": area["name"],
            }
            for area in item["focus_areas"]
        ]
    if item["last_published_at"]:
        result["dateModified"] = item["last_published_at"]
    return result


def missing_settings():
    """Why no package can be made on this site (empty when one can)."""
    value = publisher_id()
    if not value:
        return _(
            "This register has no 360Giving file: the site has no publisher "
            "identifier (WAGTAIL_SAMVERKAN['PUBLISHER_ID'])."
        )
    if problems_with_publisher_id(value):
        return _(
            "This register has no 360Giving file: the publisher identifier "
            "is not a valid org-id.guide identifier."
        )
    if not samverkan_settings.MUNICIPALITY_NAME:
        return _(
            "This register has no 360Giving file: the site has no "
            "municipality name (WAGTAIL_SAMVERKAN['MUNICIPALITY_NAME'])."
        )
    return ""


def iter_package(index_page, request, queryset, today):
    publisher = publisher_id()
    name = samverkan_settings.MUNICIPALITY_NAME
    header = {
        "version": VERSION,
        "title": index_page.title,
        "identifier": f"360G-{publisher}-iop",
        "modified": timezone.now().replace(microsecond=0).isoformat(),
        "publisher": {"identifier": publisher, "name": name},
        "accessURL": index_page.get_full_url(request),
    }
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "grants": ['
    first = True
    for item in iter_records(queryset, request, today):
        item = grant(item, publisher, name)
        yield ("" if first else ",") + "\n" + json.dumps(item, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def giving360_response(index_page, request):
    """The register's IOPs as a 360Giving package, or a 404 saying why not."""
    reason = missing_settings()
    if reason:
        return _plain_not_found(reason)
    today = local_today()
    filterset = export_filterset(index_page, request, today)
    etag, since = export_validators(index_page, request, filterset, EXTENSION)
    response = conditional.not_modified(request, etag, since)
    if response is not None:
        return response
    # A grant needs a recipient: IOPs without a partner are left out.
    queryset = export_queryset(index_page, request, today, filterset).filter(
        Exists(PartnershipPartner.objects.filter(page=OuterRef("pk")))
    )
    if not queryset.exists():
        return _plain_not_found(
            _(
                "No IOP with a partner organisation matches: a 360Giving file "
                "holds at least one grant."
            )
        )
    response = StreamingHttpResponse(
        (
            chunk.encode()
            for chunk in iter_package(index_page, request, queryset, today)
        ),
        content_type="application/json; charset=utf-8",
    )
    filename = export_filename(index_page, EXTENSION, filterset.values)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return conditional.add_validators(response, etag, since)


def _plain_not_found(reason):
    response = HttpResponseNotFound(reason, content_type="text/plain; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response
