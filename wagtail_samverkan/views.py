"""Views outside the page tree."""

from wagtail.views import serve


def serve_file_route(request, path, filename):
    """Serves ``<page path>/export.csv`` and the like through the page's own route."""
    return serve(request, path + filename)
