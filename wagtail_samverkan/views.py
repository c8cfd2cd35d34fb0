"""Views outside Wagtail's page routing."""

from django.http import Http404, HttpResponse
from wagtail import hooks
from wagtail.models import Page


def ical_file(request, path, filename):
    """``calendar.ics`` of a calendar page or ``event.ics`` of an event page.

    The page is found with Wagtail's own routing (so drafts and pages of
    other sites give 404) and Wagtail's page-serving hooks run, so
    view restrictions (private pages) apply exactly as on the page itself.
    """
    from .ical import calendar_response, event_response
    from .models.events import EventIndexPage, EventPage

    route = Page.route_for_request(request, path)
    if route is None:
        raise Http404
    page, args, kwargs = route
    expected = EventIndexPage if filename == "calendar" else EventPage
    if not isinstance(page, expected) or not page.live:
        raise Http404
    if isinstance(page, EventPage) and not path:
        raise Http404

    def serve_file(page, request, args, kwargs):
        if filename == "calendar":
            return calendar_response(page, request)
        return event_response(page, request)

    # The same hooks as Wagtail's own serve view: view restrictions are an
    # ``on_serve_page`` hook in Wagtail 8 and a ``before_serve_page`` hook before.
    chain = serve_file
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)
