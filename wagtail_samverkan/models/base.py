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


class SingleChildTypeRoutingMixin:
    """Reads a child page and its own fields in one query when routing to it.

    Wagtail's ``Page.route`` reads a child as a plain page, then its specific
    page: two queries for every level of the address. A page whose
    ``subpage_types`` name one page type (an IOP register, a calendar, an
    agreement index) reads its children joined to that type's table instead.
    Addresses that match no such child go on to Wagtail's own routing, so a
    child of another type (moved there by a script, say) is still served.
    Put it after ``RoutablePageMixin`` so that the page's own routes
    (``export.csv``, ``arkiv/``) are tried first.
    """

    def route(self, request, path_components):
        subpage_models = type(self).clean_subpage_models()
        if path_components and len(subpage_models) == 1:
            model = subpage_models[0]
            subpage = (
                model.objects.child_of(self).filter(slug=path_components[0]).first()
            )
            if subpage is not None:
                if subpage.specific_class is not model:
                    # A subclass of the one allowed type: its own fields too.
                    subpage = subpage.specific
                # As Wagtail does: get_parent() needs no query.
                subpage._cached_parent_obj = self
                return subpage.route(request, path_components[1:])
        return super().route(request, path_components)


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
