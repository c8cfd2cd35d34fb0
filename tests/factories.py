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
