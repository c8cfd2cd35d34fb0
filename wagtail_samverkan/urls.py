"""Optional URL patterns that let visitors reach file-like routes of pages.

Wagtail's own URL pattern does not accept a dot in the last part of an
address, so ``/iop/export.csv`` would never reach the register page. Add
these patterns before Wagtail's::

    urlpatterns += [
        path("", include("wagtail_samverkan.urls")),
        path("", include(wagtail_urls)),
    ]

Without them the same files are served at ``export/csv/``, ``export/json/``
and ``export/schema/`` below the register, and the register links there.
"""

from django.urls import re_path

from .views import serve_file_route

FILE_ROUTES = r"export\.csv|export\.json|schema\.json"

urlpatterns = [
    re_path(
        rf"^((?:[\w\-]+/)*)({FILE_ROUTES})$",
        serve_file_route,
        name="wagtail_samverkan_file_route",
    ),
]
