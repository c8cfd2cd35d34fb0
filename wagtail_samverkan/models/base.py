"""What every page type of the package shares."""

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from ..compat import get_base_page_model
from ..conf import samverkan_settings

BasePage = get_base_page_model()


class SamverkanPageMixin:
    """Gives templates the host site's base template name.

    Package templates extend ``wagtail_samverkan/base.html``, which extends
    the template named by ``WAGTAIL_SAMVERKAN["BASE_TEMPLATE"]``.
    """

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["samverkan_base_template"] = samverkan_settings.BASE_TEMPLATE
        return context


def file_route_url(page, request, filename):
    """The address of a file route such as ``calendar.ics`` of ``page``.

    Empty when the host site has not included ``wagtail_samverkan.urls``,
    without which an address with a dot cannot reach a page.
    """
    base = page.get_url(request) or ""
    if not base:
        return ""
    try:
        match = resolve(urlsplit(base).path + filename)
    except Resolver404:
        return ""
    if match.url_name != "wagtail_samverkan_file_route":
        return ""
    return base + filename
