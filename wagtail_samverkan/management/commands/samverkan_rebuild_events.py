from django.core.management.base import BaseCommand

from wagtail_samverkan.core import cache
from wagtail_samverkan.events.caching import AREA as EVENTS
from wagtail_samverkan.events.models import EventOccurrence, EventPage


class Command(BaseCommand):
    help = (
        "Rebuild the stored dates and iCal text of every published event, e.g. after "
        'changing WAGTAIL_SAMVERKAN["TIME_ZONE"], the site\'s host name or a page above '
        "a calendar, or after restoring a database."
    )

    def handle(self, *args, **options):
        live = EventPage.objects.live()
        EventOccurrence.objects.exclude(event__in=live.values("pk")).delete()
        count = 0
        for page in live.prefetch_related("exceptions").iterator(chunk_size=200):
            page.rebuild_occurrences()
            count += 1
        cache.invalidate(EVENTS)  # also when no event is live any more
        self.stdout.write(f"Rebuilt the dates of {count} events.")
