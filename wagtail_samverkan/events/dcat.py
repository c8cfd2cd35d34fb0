"""The calendars in the site's data catalogue (see ``core.dcat``)."""

from django.utils.translation import gettext as _

from wagtail_samverkan.core import dcat
from wagtail_samverkan.core.identifiers import absolute_url, id_prefix, page_key

#: The standard the iCal feed follows.
ICALENDAR = "https://www.rfc-editor.org/rfc/rfc5545"


def datasets(site, request):
    from wagtail_samverkan.events.models import EventIndexPage, EventPage
    from wagtail_samverkan.events.models.choices import (
        ICAL_CALENDAR_FILENAME,
        ical_url,
    )

    found = []
    for calendar in dcat.published_pages(EventIndexPage, EventPage, site):
        landing = calendar.get_full_url(request)
        # The feed needs the file routes of ``wagtail_samverkan.urls``.
        feed = ical_url(calendar, request, ICAL_CALENDAR_FILENAME)
        if not landing or not feed:
            continue
        found.append(
            dcat.Dataset(
                identifier=f"{id_prefix()}:calendar:{page_key(calendar)}",
                title=calendar.title,
                description=calendar.get_meta_description()
                or _(
                    "The meetings between the municipality and civil society: "
                    "dialogue meetings, the joint council and general meetings."
                ),
                landing_page=landing,
                language=calendar.locale.language_code,
                keywords=[_("meetings"), _("calendar"), _("civil society")],
                themes=["GOVE", "SOCI"],
                issued=calendar.first_published_at,
                modified=dcat.modified(calendar),
                distributions=[
                    dcat.Distribution(
                        title=_("The calendar as iCal"),
                        description=_(
                            "The coming and recent meetings, to subscribe to in a "
                            "calendar app."
                        ),
                        url=absolute_url(feed, request=request),
                        media_type="text/calendar",
                        file_type="ICS",
                        conforms_to=ICALENDAR,
                    )
                ],
                conforms_to=ICALENDAR,
            )
        )
    return found


dcat.register_datasets("events", datasets)
