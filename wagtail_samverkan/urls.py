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
"""

from django.urls import re_path

from wagtail_samverkan.core.routing import (
    FILE_ROUTE_URL_NAME,
    FILE_ROUTES,
    serve_file_route,
)

urlpatterns = [
    re_path(
        rf"^((?:[\w\-]+/)*)({FILE_ROUTES})$",
        serve_file_route,
        name=FILE_ROUTE_URL_NAME,
    ),
]
