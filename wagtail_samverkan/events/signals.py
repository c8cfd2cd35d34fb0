"""Signal receivers, connected when the app is ready.

The receivers that make cached output stale are in ``cache.py``
(:func:`wagtail_samverkan.cache.connect_receivers`).
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move


def _event_models():
    from wagtail_samverkan.events.models import EventIndexPage, EventPage

    return EventIndexPage, EventPage


@receiver(page_published)
def rebuild_event_occurrences_on_publish(sender, instance, **kwargs):
    """Store the dates of a published event (and rebuild them after every edit)."""
    _EventIndexPage, EventPage = _event_models()
    if isinstance(instance, EventPage):
        instance.rebuild_occurrences()


@receiver(page_unpublished)
def remove_event_occurrences_on_unpublish(sender, instance, **kwargs):
    """An unpublished event disappears from the calendar and the feeds."""
    _EventIndexPage, EventPage = _event_models()
    if isinstance(instance, EventPage):
        from wagtail_samverkan.events.models import EventOccurrence

        EventOccurrence.objects.filter(event_id=instance.pk).delete()


@receiver(post_delete)
def remove_event_occurrences_on_delete(sender, instance, **kwargs):
    """Deleting an event removes its dates (also when the database does not cascade)."""
    _EventIndexPage, EventPage = _event_models()
    if isinstance(instance, EventPage):
        from wagtail_samverkan.events.models import EventOccurrence

        EventOccurrence.objects.filter(event_id=instance.pk).delete()


@receiver(post_page_move)
def rebuild_event_occurrences_on_move(sender, instance, **kwargs):
    """An event moved to another calendar gets its dates rebuilt there."""
    _EventIndexPage, EventPage = _event_models()
    if kwargs.get("parent_page_before") is not None:
        for event in EventPage.objects.filter(pk=instance.pk, live=True):
            event.rebuild_occurrences()
