"""Views outside Wagtail's page routing."""

from django.http import Http404
from wagtail import hooks
from wagtail.models import Page


def ical_file(request, path, filename):
    """``calendar.ics`` of a calendar page or ``event.ics`` of an event page.

    The page is found with Wagtail's own routing (so drafts and pages of
    other sites give 404) and Wagtail's ``before_serve_page`` hooks run, so
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
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if result is not None:
            return result
    if filename == "calendar":
        return calendar_response(page, request)
    return event_response(page, request)
