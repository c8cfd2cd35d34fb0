"""Identifiers that never change, and absolute addresses from one place.

Open-data ids and iCal UIDs must stay the same when a site moves to its real
domain: whoever stored them (a calendar app, a harvester, a journalist's
spreadsheet) would otherwise see every item vanish and reappear. They are
built from the publisher's organisation identifier (``PUBLISHER_ID``, in
org-id.guide form) and a key stored with each page (Wagtail's
``translation_key``, kept when a page is moved, renamed or published again),
never from a host name.

Absolute addresses (exports, feeds, structured data, sitemaps) all come from
the Wagtail Site's root URL, whatever host the request came in on.
"""

import re

from django.utils.translation import gettext_lazy as _

from wagtail_samverkan.core.conf import samverkan_settings

#: Stands in for the publisher in ids while ``PUBLISHER_ID`` is unset.
FALLBACK_PUBLISHER = "wagtail-samverkan"

#: An org-id.guide identifier: a list prefix (country and list) and the id.
ORG_ID_PATTERN = re.compile(r"^[A-Z]{2}-[A-Z0-9]+-\S+$")

#: Prefixes org-id.guide has retired, with their successor.
DEPRECATED_PREFIXES = {"SE-BLV": "SE-ON", "SE-KK": "SE-ON"}


def publisher_id():
    """The publisher's org-id.guide identifier, or "" when unset."""
    return (samverkan_settings.PUBLISHER_ID or "").strip()


def id_prefix():
    """What every open-data id of this site starts with."""
    return publisher_id() or FALLBACK_PUBLISHER


def uid_domain():
    """The right-hand side of iCal UIDs: ``UID_DOMAIN``, else the publisher id."""
    return samverkan_settings.UID_DOMAIN or id_prefix().lower()


def page_key(page):
    """A page's stored key: the same across moves, renames, edits and domains."""
    return str(page.translation_key)


#: The org-id.guide list of Swedish organisation numbers.
ORGANISATION_NUMBER_LIST = "SE-ON"


def organisation_identifier(organisation_number):
    """``SE-ON-<number without dash>`` for an organisation number, else None."""
    number = (organisation_number or "").replace("-", "").strip()
    return f"{ORGANISATION_NUMBER_LIST}-{number}" if number else None


def problems_with_publisher_id(value):
    """What is wrong with ``value`` as a publisher id (empty when nothing is)."""
    if not ORG_ID_PATTERN.match(value):
        return [
            _(
                "“%(value)s” is not an org-id.guide identifier such as "
                "SE-ON-2120001637 (SE-ON and the organisation number)."
            )
            % {"value": value}
        ]
    prefix = "-".join(value.split("-")[:2])
    if prefix in DEPRECATED_PREFIXES:
        return [
            _("The prefix %(old)s is deprecated: use %(new)s.")
            % {"old": prefix, "new": DEPRECATED_PREFIXES[prefix]}
        ]
    return []


def site_for(page=None, request=None):
    from wagtail.models import Site

    site = None
    if page is not None:
        site = page.get_site()
    if site is None and request is not None:
        site = Site.find_for_request(request)
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site


def absolute_url(href, *, page=None, request=None):
    """``href`` (relative to the site) as an absolute address on the page's Site."""
    if not href or href.startswith(("http://", "https://")):
        return href
    site = site_for(page, request)
    if site is None:
        return request.build_absolute_uri(href) if request is not None else href
    return site.root_url + href


def check_publisher_id(app_configs=None, **kwargs):
    """W002: no publisher id; E002: not an org-id.guide id; W003: a deprecated prefix."""
    from django.core import checks

    value = publisher_id()
    if not value:
        return [
            checks.Warning(
                _("WAGTAIL_SAMVERKAN['PUBLISHER_ID'] is not set."),
                hint=_(
                    "Set it to the municipality's org-id.guide identifier, "
                    "SE-ON and its organisation number (e.g. SE-ON-2120001637): "
                    "open-data ids then name the publisher."
                ),
                id="wagtail_samverkan.W002",
            )
        ]
    problems = problems_with_publisher_id(value)
    if not problems:
        return []
    deprecated = "-".join(value.split("-")[:2]) in DEPRECATED_PREFIXES
    make = checks.Warning if deprecated else checks.Error
    return [
        make(
            _("WAGTAIL_SAMVERKAN['PUBLISHER_ID'] is %(value)s.") % {"value": value},
            hint=problems[0],
            id="wagtail_samverkan.W003" if deprecated else "wagtail_samverkan.E002",
        )
    ]


def check_site_hostnames(app_configs=None, **kwargs):
    """W004 (with ``check --deploy``): a Site that still answers as localhost."""
    from django.conf import settings
    from django.core import checks
    from django.db import DatabaseError

    if settings.DEBUG:
        return []
    from wagtail.models import Site

    try:
        local = list(
            Site.objects.filter(
                hostname__in=("localhost", "127.0.0.1", "[::1]")
            ).values_list("hostname", "site_name")
        )
    except DatabaseError:
        return []
    return [
        checks.Warning(
            _("The Wagtail site “%(name)s” has the host name %(host)s.")
            % {"name": name or host, "host": host},
            hint=_(
                "Feeds, exports and structured data give absolute addresses on "
                "the site's host name: set it to the address the site is served "
                "on (Settings → Sites)."
            ),
            id="wagtail_samverkan.W004",
        )
        for host, name in local
    ]
