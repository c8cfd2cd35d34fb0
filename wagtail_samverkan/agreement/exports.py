"""Open data: the agreements as ``agreements.json``.

Every live, public version of the agreement below an agreement index page,
with its status, dates, the version it replaces, its principles with each
party's commitments and its signatories. Drafts, unpublished and
view-restricted versions are never in it. The file follows the versioned JSON
Schema in ``schemas/`` (see ``docs/open-data.md``) and is made in a fixed
number of queries whatever the number of agreements.
"""

import html
import json
import re
from pathlib import Path

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

from wagtail_samverkan.agreement.caching import AREA
from wagtail_samverkan.agreement.models.inlines import (
    AgreementPrinciple,
    AgreementSignatory,
)
from wagtail_samverkan.agreement.models.pages import AgreementPage
from wagtail_samverkan.agreement.models.principles import Principle
from wagtail_samverkan.agreement.models.status import annotate_statuses
from wagtail_samverkan.core import cache, conditional
from wagtail_samverkan.core.conf import local_today, samverkan_settings
from wagtail_samverkan.core.identifiers import (
    absolute_url,
    id_prefix,
    organisation_identifier,
    page_key,
    publisher_id,
)
from wagtail_samverkan.core.pages import active_language_code, not_private_q

SCHEMA_VERSION = "1.0"
SCHEMA_PATH = (
    Path(__file__).parent / "schemas" / f"agreements-{SCHEMA_VERSION}.schema.json"
)

# Block-level ends that start a new line when rich text becomes plain text.
_BLOCK_END = re.compile(r"(</p>|</li>|</h[1-6]>|<br\s*/?>)", re.IGNORECASE)


def plain_text(rich_text):
    """Rich text as plain text: one line per paragraph or list item."""
    if not rich_text:
        return ""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\\1\n", str(rich_text))))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def identifier(page):
    """``<publisher id>:agreement:<key>``: the same whatever address the site has."""
    return f"{id_prefix()}:agreement:{page_key(page)}"


def _date(value):
    return value.isoformat() if value else None


def live_agreements(index_page):
    """The live, public agreements below ``index_page``, newest first."""
    return (
        AgreementPage.objects.child_of(index_page)
        .live()
        .filter(not_private_q())
        .select_related("decided_by", "signed_document")
        .order_by("-valid_from", "-decision_date", "-pk")
    )


def easy_read_url(page, request):
    """The absolute address of the easy-to-read version, or None."""
    if not page.easy_read_body:
        return None
    url = page.get_full_url(request)
    return url + page.reverse_subpage("easy_read") if url else None


def _principles_by_page(pages):
    """``{page pk: [principle dict]}`` in two queries for all pages.

    A principle is shown in the active language when it has a live
    translation, else as chosen; unpublished principles are left out, as on
    the agreement's page.
    """
    rows = list(
        AgreementPrinciple.objects.filter(page__in=pages)
        .select_related("principle")
        .order_by("page_id", "sort_order", "pk")
    )
    keys = {row.principle.translation_key for row in rows}
    translations = {}
    if keys:
        translations = {
            principle.translation_key: principle
            for principle in Principle.objects.filter(
                translation_key__in=keys,
                locale__language_code=active_language_code(),
                live=True,
            )
        }
    result = {}
    for row in rows:
        shown = translations.get(row.principle.translation_key)
        if shown is None and row.principle.live:
            shown = row.principle
        if shown is None:
            continue
        result.setdefault(row.page_id, []).append(
            {
                "number": shown.number,
                "name": shown.name,
                "summary": shown.summary or None,
                "elaboration": plain_text(row.elaboration) or None,
                "commitments": {
                    "municipality": plain_text(row.municipality_commitments) or None,
                    "organisations": plain_text(row.organisations_commitments) or None,
                },
            }
        )
    return result


def _signatories_by_page(pages):
    """``{page pk: [signatory dict]}`` in one query for all pages."""
    result = {}
    for row in (
        AgreementSignatory.objects.filter(page__in=pages)
        .select_related("organisation")
        .order_by("page_id", "sort_order", "pk")
    ):
        number = row.organisation.organisation_number or None
        result.setdefault(row.page_id, []).append(
            {
                "name": row.organisation.name,
                "organisation_number": number,
                "identifier": organisation_identifier(number),
            }
        )
    return result


def record(page, request, *, principles, signatories, published):
    """One agreement as a dict that follows the JSON Schema."""
    replaced = published.get(page.supersedes_id)
    listed = signatories.get(page.pk, [])
    count = page.signatory_count
    if count is None:
        count = len(listed) or None
    return {
        "id": identifier(page),
        "title": page.title,
        "summary": page.intro or None,
        "url": page.get_full_url(request),
        "easy_read_url": easy_read_url(page, request),
        "status": str(page.status),
        "other_party": str(page.get_other_party()),
        "decision": {
            "body": page.decided_by.name if page.decided_by else None,
            "date": _date(page.decision_date),
            "registration_number": page.registration_number or None,
        },
        "adopted_on": _date(page.decision_date),
        "valid_from": _date(page.starts_on),
        "valid_until": _date(page.valid_until),
        "replaces": identifier(replaced) if replaced is not None else None,
        "principles": principles.get(page.pk, []),
        "signatory_count": count,
        "signatories": listed,
        "signed_document": absolute_url(page.signed_document.url, request=request)
        if page.signed_document
        else None,
        "last_published_at": page.last_published_at.isoformat()
        if page.last_published_at
        else None,
    }


def document(index_page, request):
    """The whole ``agreements.json`` as a dict."""
    pages = list(live_agreements(index_page))
    annotate_statuses(pages, local_today())
    # The version an agreement replaces is named only when it is live and
    # public itself; it is almost always in the same list.
    published = {page.pk: page for page in pages}
    missing = {p.supersedes_id for p in pages} - set(published) - {None}
    if missing:
        published.update(
            {
                page.pk: page
                for page in AgreementPage.objects.live().filter(
                    not_private_q(), pk__in=missing
                )
            }
        )
    principles = _principles_by_page(pages)
    signatories = _signatories_by_page(pages)
    return {
        "schema": absolute_url(
            index_page.export_urls(request)["agreements_schema"], request=request
        ),
        "version": SCHEMA_VERSION,
        "publisher": {
            "name": samverkan_settings.MUNICIPALITY_NAME or None,
            "identifier": publisher_id() or None,
        },
        "generated_at": timezone.now().replace(microsecond=0).isoformat(),
        "index_url": index_page.get_full_url(request),
        "agreements": [
            record(
                page,
                request,
                principles=principles,
                signatories=signatories,
                published=published,
            )
            for page in pages
        ],
    }


def export_validators(index_page, request):
    """The file's ETag and Last-Modified (see ``core.conditional``)."""
    key = cache.make_key(
        "agreements-json",
        index_page.pk,
        index_page.url_path,
        id_prefix(),
        request=request,
        areas=(AREA,),
    )
    return conditional.validators(key)


def json_response(index_page, request):
    """``agreements.json``, or a 304 when the client's copy is current."""
    etag, since = export_validators(index_page, request)
    response = conditional.not_modified(request, etag, since)
    if response is None:
        body = json.dumps(document(index_page, request), ensure_ascii=False, indent=1)
        response = HttpResponse(
            body.encode() + b"\n", content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'inline; filename="agreements.json"'
        conditional.add_validators(response, etag, since)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def schema_response(request):
    """The JSON Schema of ``agreements.json``."""
    return conditional.schema_file_response(request, SCHEMA_PATH)


def load_schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
