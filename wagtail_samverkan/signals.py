"""Signal receivers, connected when the app is ready."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from . import events_cache as cache
from .cache import connect_receivers as connect_cache_receivers


def _event_models():
    from .models.events import EventIndexPage, EventPage

    return EventIndexPage, EventPage


def _affects_calendar(page) -> bool:
    """Whether ``page`` is an event, a calendar or an ancestor of a calendar."""
    EventIndexPage, EventPage = _event_models()
    if isinstance(page, EventIndexPage | EventPage):
        return True
    path = getattr(page, "path", None)
    if not path:
        return False
    from .models.events import EventRelatedLink

    # A moved page may arrive as a plain Page rather than its specific class;
    # a page an event links to shows (with its title) on the event's page.
    return (
        EventIndexPage.objects.filter(path__startswith=path).exists()
        or EventPage.objects.filter(pk=page.pk).exists()
        or EventRelatedLink.objects.filter(link_page_id=page.pk).exists()
    )


@receiver(page_published)
def rebuild_event_occurrences_on_publish(sender, instance, **kwargs):
    """Store the dates of a published event (and rebuild them after every edit)."""
    _EventIndexPage, EventPage = _event_models()
    if isinstance(instance, EventPage):
        instance.rebuild_occurrences()
    elif _affects_calendar(instance):
        # A calendar's title or an ancestor's slug shows in the calendar's output.
        cache.invalidate()


@receiver(page_unpublished)
def remove_event_occurrences_on_unpublish(sender, instance, **kwargs):
    """An unpublished event disappears from the calendar and the feeds."""
    _EventIndexPage, EventPage = _event_models()
    if isinstance(instance, EventPage):
        from .models.events import EventOccurrence

        EventOccurrence.objects.filter(event_id=instance.pk).delete()
    if _affects_calendar(instance):
        cache.invalidate()


@receiver(post_delete)
def remove_event_occurrences_on_delete(sender, instance, **kwargs):
    """Deleting an event removes its dates (also when the database does not cascade)."""
    EventIndexPage, EventPage = _event_models()
    if isinstance(instance, EventPage):
        from .models.events import EventOccurrence

        EventOccurrence.objects.filter(event_id=instance.pk).delete()
    if isinstance(instance, EventIndexPage | EventPage):
        cache.invalidate()


@receiver(post_page_move)
@receiver(page_slug_changed)
def forget_cached_calendar_output_on_move(sender, instance, **kwargs):
    """Moving or renaming a page changes the URLs the calendar's output shows.

    An event moved to another calendar gets its dates rebuilt there.
    """
    if _affects_calendar(instance):
        cache.invalidate()
    _EventIndexPage, EventPage = _event_models()
    if kwargs.get("parent_page_before") is not None:
        for event in EventPage.objects.filter(pk=instance.pk, live=True):
            event.rebuild_occurrences()


def _forget_on_organiser_change(sender, **kwargs):
    """An organiser's name and website show on event pages."""
    cache.invalidate()


def connect_register_models():
    from .models.register import MunicipalBody, Organisation

    for model in (Organisation, MunicipalBody):
        post_save.connect(_forget_on_organiser_change, sender=model)
        post_delete.connect(_forget_on_organiser_change, sender=model)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_cached_calendar_output(sender, **kwargs):
    """A new view restriction must hide its pages at once; a site change changes URLs."""
    cache.invalidate()


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


# The agreement's cached page bodies and blocks are made stale by these.
connect_cache_receivers()
