"""The example site's URLs, with the package's file routes when it has them.

Wagtail's own URL pattern does not accept a dot in the last part of an
address; ``wagtail_samverkan.urls`` (when the installed version has it) serves
``export.csv``, ``calendar.ics`` and the like, as the installation guide says.
"""

import importlib.util

from django.urls import include, path

from example_site.urls import urlpatterns as site_urlpatterns

urlpatterns = list(site_urlpatterns)
if importlib.util.find_spec("wagtail_samverkan.urls") is not None:
    urlpatterns.insert(0, path("", include("wagtail_samverkan.urls")))
