"""Signal receivers, connected when the app is ready."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move


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


# -- The IOP register's cached key figures and option counts --------------------------


def _is_partnership(instance):
    from .models.partnerships import PartnershipIndexPage, PartnershipPage

    return isinstance(instance, PartnershipPage | PartnershipIndexPage)


def _forget_register_summaries():
    from .filters import invalidate_register_summaries

    invalidate_register_summaries()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def forget_register_summaries_on_page_change(sender, instance, **kwargs):
    """Publishing, unpublishing or moving an IOP changes the register's figures."""
    if _is_partnership(instance):
        _forget_register_summaries()


@receiver(post_delete)
def forget_register_summaries_on_delete(sender, instance, **kwargs):
    if _is_partnership(instance):
        _forget_register_summaries()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def forget_register_summaries_on_restriction(sender, instance, **kwargs):
    """A private IOP must drop out of the figures at once (and come back)."""
    _forget_register_summaries()


def forget_register_summaries_on_register_change(sender, instance, **kwargs):
    """Names of organisations, bodies and focus areas appear in the options."""
    _forget_register_summaries()


def connect_register_snippets():
    from .models.register import FocusArea, MunicipalBody, Organisation

    for model in (FocusArea, MunicipalBody, Organisation):
        for signal in (post_save, post_delete):
            signal.connect(
                forget_register_summaries_on_register_change,
                sender=model,
                dispatch_uid=f"samverkan_register_summary_{signal is post_save}_{model.__name__}",
            )
