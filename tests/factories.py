"""factory-boy factories for the package's models."""

import factory
from wagtail.models import Locale

from wagtail_samverkan.models import FocusArea, MunicipalBody, Organisation, Principle
from wagtail_samverkan.register.demo import with_check_digit


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


# --- IOP partnerships ----------------------------------------------------------


def make_register(parent, title="IOP-registret", slug="iop", **fields):
    """A published register page under ``parent``."""
    from wagtail_samverkan.models import PartnershipIndexPage

    page = PartnershipIndexPage(title=title, slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


_partnership_counter = iter(range(1, 10**6))


def make_partnership(
    register,
    *,
    partners=None,
    funding=None,
    focus_areas=None,
    contacts=None,
    principles=None,
    publish=True,
    **fields,
):
    """A partnership page under ``register``.

    ``partners`` is a list of organisations (the first is the lead partner),
    ``funding`` a list of ``(year, municipal, organisations)`` tuples and
    ``contacts`` a list of dicts of contact fields and ``principles`` a list
    of :class:`Principle` objects.
    """
    import datetime

    from wagtail_samverkan.models import (
        PartnershipContact,
        PartnershipFocusArea,
        PartnershipFunding,
        PartnershipPage,
        PartnershipPartner,
        PartnershipPrinciple,
    )

    number = next(_partnership_counter)
    fields.setdefault("title", f"Partnerskap {number}")
    fields.setdefault("slug", f"partnerskap-{number}")
    fields.setdefault("summary", "Ett partnerskap för prov.")
    fields.setdefault("start_date", datetime.date(2020, 1, 1))
    if "responsible_body" not in fields:
        fields["responsible_body"] = MunicipalBodyFactory()
    page = PartnershipPage(**fields)
    for index, organisation in enumerate(
        partners if partners is not None else [OrganisationFactory()]
    ):
        page.partners.add(
            PartnershipPartner(
                organisation=organisation, role="lead" if index == 0 else "partner"
            )
        )
    for year, municipal, organisations in funding or []:
        page.funding_rows.add(
            PartnershipFunding(
                year=year, municipal_amount=municipal, organisation_amount=organisations
            )
        )
    for contact in contacts or []:
        page.contacts.add(PartnershipContact(**contact))
    for area in focus_areas or []:
        page.focus_area_links.add(PartnershipFocusArea(focus_area=area))
    for principle in principles or []:
        page.principle_links.add(PartnershipPrinciple(principle=principle))
    register.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.live = False
        page.save_revision()
        page.save()
    page.refresh_from_db()
    return page


def make_many_partnerships(register, count, *, start_year=2015):
    """``count`` live IOPs with partners, funding, focus areas and contacts.

    Pages are added live without revisions, which is much faster than
    publishing and enough for listings and exports.
    """
    import datetime

    from wagtail_samverkan.models import (
        PartnershipContact,
        PartnershipFocusArea,
        PartnershipFunding,
        PartnershipPage,
        PartnershipPartner,
        PartnershipPrinciple,
    )

    organisations = [OrganisationFactory() for _ in range(3)]
    principles = [PrincipleFactory(), PrincipleFactory(), PrincipleFactory(live=False)]
    bodies = [MunicipalBodyFactory() for _ in range(2)]
    areas = [FocusAreaFactory() for _ in range(2)]
    pages = []
    for index in range(count):
        number = next(_partnership_counter)
        start = datetime.date(start_year + index % 10, 1 + index % 12, 1)
        page = PartnershipPage(
            title=f"Massprov {number}",
            slug=f"massprov-{number}",
            summary="Ett av många partnerskap.",
            start_date=start,
            end_date=start.replace(year=start.year + 3) if index % 3 else None,
            responsible_body=bodies[index % 2],
            administering_body=bodies[(index + 1) % 2],
            decision_body=bodies[0],
        )
        page.partners.add(
            PartnershipPartner(organisation=organisations[index % 3], role="lead")
        )
        page.partners.add(
            PartnershipPartner(
                organisation=organisations[(index + 1) % 3], role="partner"
            )
        )
        for year in (start.year, start.year + 1):
            page.funding_rows.add(
                PartnershipFunding(year=year, municipal_amount=1000 * (index + 1))
            )
        page.contacts.add(
            PartnershipContact(name=f"Hemlig {number}", show_publicly=False)
        )
        page.contacts.add(
            PartnershipContact(name=f"Öppen {number}", show_publicly=True)
        )
        page.focus_area_links.add(PartnershipFocusArea(focus_area=areas[index % 2]))
        for principle in principles[index % 2 :]:
            page.principle_links.add(PartnershipPrinciple(principle=principle))
        register.add_child(instance=page)
        pages.append(page)
    return pages
