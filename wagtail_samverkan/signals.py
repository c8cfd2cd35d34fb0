"""Signal receivers, connected when the app is ready."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .cache import connect_receivers as connect_cache_receivers


def _event_page_model():
    from .models.events import EventPage

    return EventPage


@receiver(page_published)
def rebuild_event_occurrences_on_publish(sender, instance, **kwargs):
    """Store the dates of a published event (and rebuild them after every edit)."""
    if isinstance(instance, _event_page_model()):
        instance.rebuild_occurrences()


@receiver(page_unpublished)
def remove_event_occurrences_on_unpublish(sender, instance, **kwargs):
    """An unpublished event disappears from the calendar and the feeds."""
    EventPage = _event_page_model()
    if isinstance(instance, EventPage):
        from .models.events import EventOccurrence

        EventOccurrence.objects.filter(event_id=instance.pk).delete()


@receiver(post_delete)
def remove_event_occurrences_on_delete(sender, instance, **kwargs):
    """Deleting an event removes its dates (also when the database does not cascade)."""
    EventPage = _event_page_model()
    if isinstance(instance, EventPage):
        from .models.events import EventOccurrence

        EventOccurrence.objects.filter(event_id=instance.pk).delete()


# The agreement's cached page bodies and blocks are made stale by these.
connect_cache_receivers()
