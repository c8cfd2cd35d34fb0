"""URLs a host site includes *before* Wagtail's own, for the iCal files.

Wagtail's page URLs cannot contain a dot, so ``<calendar url>calendar.ics``
and ``<event url>event.ics`` are served here::

    urlpatterns = [
        ...,
        path("", include("wagtail_samverkan.urls")),
        path("", include(wagtail_urls)),
    ]
"""

from django.urls import re_path

from .views import ical_file

urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w\-]+/)*)(?P<filename>calendar|event)\.ics$",
        ical_file,
        name="wagtail_samverkan_ical",
    ),
]
