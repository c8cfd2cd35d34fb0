"""factory-boy factories for the package's models."""

import factory
from wagtail.models import Locale

from wagtail_samverkan.demo.register import with_check_digit
from wagtail_samverkan.models import FocusArea, MunicipalBody, Organisation, Principle


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Förening {n}")
    organisation_number = factory.Sequence(lambda n: with_check_digit(f"80250{n:04d}"))
    kind = Organisation.Kind.ASSOCIATION


class LocalizedFactory(factory.django.DjangoModelFactory):
    locale = factory.LazyFunction(Locale.get_default)


class MunicipalBodyFactory(LocalizedFactory):
    class Meta:
        model = MunicipalBody

    name = factory.Sequence(lambda n: f"Nämnd {n}")
    kind = MunicipalBody.Kind.COMMITTEE


class FocusAreaFactory(LocalizedFactory):
    class Meta:
        model = FocusArea

    name = factory.Sequence(lambda n: f"Område {n}")
    slug = factory.Sequence(lambda n: f"omrade-{n}")


# --- The agreement ------------------------------------------------------------


class PrincipleFactory(LocalizedFactory):
    """A published principle (``live=True``); pass ``live=False`` for a draft."""

    class Meta:
        model = Principle

    name = factory.Sequence(lambda n: f"Princip {n}")
    number = factory.Sequence(lambda n: n + 1)
    summary = "En mening om principen."
    description = "<p>Principens fullständiga text.</p>"
    source = Principle.Source.NATIONAL
    live = True


# --- Meetings and events -----------------------------------------------------


def create_calendar(parent, title="Kalender", slug="kalender", **fields):
    """An EventIndexPage under ``parent``, published."""
    from wagtail_samverkan.models import EventIndexPage

    calendar = parent.add_child(
        instance=EventIndexPage(title=title, slug=slug, **fields)
    )
    calendar.save_revision().publish()
    calendar.refresh_from_db()
    return calendar


_event_counter = iter(range(1, 10**6))


def create_event(calendar, *, publish=True, exceptions=(), related=(), **fields):
    """An EventPage under ``calendar``; published (with its occurrences) unless told not to."""
    import datetime

    from wagtail_samverkan.models import EventException, EventPage, EventRelatedLink

    number = next(_event_counter)
    fields.setdefault("title", f"Dialogmöte {number}")
    fields.setdefault("slug", f"mote-{number}")
    fields.setdefault("start_date", datetime.date(2030, 5, 14))
    fields.setdefault("start_time", datetime.time(18, 0))
    fields.setdefault("end_time", datetime.time(20, 0))
    fields.setdefault("venue", "Stadshuset")
    fields.setdefault("town", "Borås")
    event = EventPage(live=False, **fields)
    event.exceptions = [EventException(**values) for values in exceptions]
    event.related_links = [EventRelatedLink(link_page=page) for page in related]
    calendar.add_child(instance=event)
    revision = event.save_revision()
    if publish:
        revision.publish()
    event = EventPage.objects.get(pk=event.pk)
    return event
