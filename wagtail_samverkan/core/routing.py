"""File routes: addresses such as ``/iop/export.csv`` that end in a file name.

Wagtail's own URL pattern does not accept a dot in the last part of an
address. ``wagtail_samverkan.urls`` adds a pattern for the file names below,
whose view hands the address to Wagtail's ``serve``; the pages' own routes
then answer, so drafts, other sites' pages and view restrictions behave
exactly as on the pages.
"""

from urllib.parse import unquote, urlsplit

from django.urls import Resolver404, resolve

#: The file names a page may serve at ``<page address><file name>``.
FILE_ROUTES = (
    r"export\.csv|export\.json|export\.360giving\.json|schema\.json"
    r"|calendar\.ics|event\.ics|agreements\.json"
)

#: The URL name of the file-route pattern in ``wagtail_samverkan.urls``.
FILE_ROUTE_URL_NAME = "wagtail_samverkan_file_route"


def serve_file_route(request, path, filename):
    """Serves ``<page path>/export.csv`` and the like through the page's own route."""
    # Imported here: wagtail.views loads the page model, and page models
    # import this module.
    from wagtail.views import serve

    return serve(request, path + filename)


def file_route_url(page, request, filename):
    """The address of a file route such as ``calendar.ics`` of ``page``.

    Empty when the host site has not included ``wagtail_samverkan.urls``,
    without which an address with a dot cannot reach a page.

    The address is percent-encoded, as ``page.get_url()`` gives it
    (``/f%C3%B6reningar/calendar.ics`` for the slug ``föreningar``); it is
    resolved decoded, as Django hands a requested path to the URL patterns.
    """
    base = page.get_url(request) or ""
    if not base:
        return ""
    try:
        match = resolve(unquote(urlsplit(base).path) + filename)
    except Resolver404:
        return ""
    if match.url_name != FILE_ROUTE_URL_NAME:
        return ""
    return base + filename
