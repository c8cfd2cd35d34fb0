"""The test project's addresses with a language prefix for English (``/en/``)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls

from tests.urls import urlpatterns as _urlpatterns

urlpatterns = [
    # The admin, documents, API and sitemap, without a prefix.
    *_urlpatterns[:4],
    *i18n_patterns(
        path("", include("wagtail_samverkan.urls")),
        path("", include(wagtail_urls)),
        prefix_default_language=False,
    ),
]
