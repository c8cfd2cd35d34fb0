"""factory-boy factories for the package's models."""

import factory
from wagtail.models import Locale

from wagtail_samverkan.demo.register import with_check_digit
from wagtail_samverkan.models import FocusArea, MunicipalBody, Organisation


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
    publish=True,
    **fields,
):
    """A partnership page under ``register``.

    ``partners`` is a list of organisations (the first is the lead partner),
    ``funding`` a list of ``(year, municipal, organisations)`` tuples and
    ``contacts`` a list of dicts of contact fields.
    """
    import datetime

    from wagtail_samverkan.models import (
        PartnershipContact,
        PartnershipFunding,
        PartnershipPage,
        PartnershipPartner,
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
    if focus_areas:
        page.focus_areas = focus_areas
    register.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.live = False
        page.save_revision()
        page.save()
    page.refresh_from_db()
    return page
