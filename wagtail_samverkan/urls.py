"""URL patterns that let visitors reach the file routes of pages.

Wagtail's own URL pattern does not accept a dot in the last part of an
address, so ``/iop/export.csv`` or ``/moten/calendar.ics`` would never reach
their page. Add these patterns before Wagtail's::

    urlpatterns += [
        path("", include("wagtail_samverkan.urls")),
        path("", include(wagtail_urls)),
    ]

The files are served by the pages' own routes through Wagtail's ``serve``
view, so drafts, other sites' pages and view restrictions behave exactly as
on the pages. Without these patterns the open-data files are served at
``export/csv/``, ``export/json/`` and ``export/schema/`` below the register
(which then links there), and the iCal links are not shown.

They also serve the site's data catalogue in DCAT-AP-SE at
``/samverkan/dcat.ttl``, ``.rdf`` and ``.jsonld`` (and ``/samverkan/dcat``,
which answers in the format the client asks for).
"""

from django.urls import path, re_path

from wagtail_samverkan.core import dcat
from wagtail_samverkan.core.routing import (
    FILE_ROUTE_URL_NAME,
    FILE_ROUTES,
    serve_file_route,
)

urlpatterns = [
    # The site's data catalogue (DCAT-AP-SE), see docs/open-data.md.
    path("samverkan/dcat", dcat.catalogue_view, name=dcat.NEGOTIATED_URL_NAME),
    re_path(
        r"^samverkan/dcat\.(?P<extension>ttl|rdf|jsonld)$",
        dcat.catalogue_view,
        name=dcat.URL_NAME,
    ),
    re_path(
        rf"^((?:[\w\-]+/)*)({FILE_ROUTES})$",
        serve_file_route,
        name=FILE_ROUTE_URL_NAME,
    ),
]
