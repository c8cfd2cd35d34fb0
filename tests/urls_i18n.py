"""The test site's addresses with a language prefix for English (``/en/…``)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls

from tests.urls import urlpatterns as _plain

urlpatterns = _plain[:-1] + i18n_patterns(
    path("", include(wagtail_urls)), prefix_default_language=False
)
