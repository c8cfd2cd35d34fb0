"""The shared register: organisations, municipal bodies and focus areas.

Bulk-created and put in the search index; measured through the admin's
snippet listings (a superuser's view), which editors use every day.
"""

import uuid

from ..indexing import index_objects
from .base import Endpoint, Scenario, admin_url, sentence

KINDS = ["association", "association", "association", "foundation", "faith_community",
         "cooperative", "other"]  # fmt: skip
PREFIXES = ["Föreningen", "Stiftelsen", "Kulturföreningen", "Idrottsklubben", "Nätverket",
            "Riksförbundet lokalavdelning", "Väntjänsten", "Språkcaféet"]  # fmt: skip
PLACES = ["Norrby", "Hässleholmen", "Sjöbo", "Göta", "Brämhult", "Dalsjöfors", "Fristad",
          "Sandared", "Viskafors", "Trandared", "Östermalm", "Åsunden"]  # fmt: skip
FOCUS_AREAS = ["Integration", "Social inkludering", "Barn och unga", "Äldre", "Hälsa",
               "Kultur", "Idrott och fritid", "Arbete och sysselsättning", "Boende",
               "Miljö", "Demokrati", "Trygghet"]  # fmt: skip


def organisation_number(n):
    """A valid (Luhn-checked) organisation number, unique for each ``n``."""
    stem = f"8{n:08d}"
    total = 0
    for index, char in enumerate(reversed(stem)):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    check = (10 - total % 10) % 10
    digits = stem + str(check)
    return f"{digits[:6]}-{digits[6:]}"


def sort_keyed(objs):
    """What ``save()`` would set and ``bulk_create()`` does not: the name's sort key."""
    for obj in objs:
        obj.update_name_sort()
    return objs


class RegisterScenario(Scenario):
    name = "register"
    title = "Register"

    def load(self):
        from wagtail_samverkan.models import Organisation  # noqa: F401

    def build(self, ctx):
        from wagtail_samverkan.models import FocusArea, MunicipalBody, Organisation

        rng, scale = ctx.rng, ctx.scale
        focus_areas = FocusArea.objects.bulk_create(
            sort_keyed(
                [
                    FocusArea(
                        name=name,
                        slug=f"bench-{i}",
                        description=sentence(rng),
                        locale=ctx.locale,
                        translation_key=uuid.uuid4(),
                    )
                    for i, name in enumerate(FOCUS_AREAS[: scale.focus_areas])
                ]
            )
        )
        committees = MunicipalBody.objects.bulk_create(
            sort_keyed(
                [
                    MunicipalBody(
                        name=f"{place}nämnden {i}",
                        kind="committee",
                        locale=ctx.locale,
                        translation_key=uuid.uuid4(),
                    )
                    for i, place in enumerate(
                        PLACES[i % len(PLACES)]
                        for i in range(max(1, scale.municipal_bodies // 2))
                    )
                ]
            )
        )
        administrations = MunicipalBody.objects.bulk_create(
            sort_keyed(
                [
                    MunicipalBody(
                        name=f"{committee.name.replace('nämnden', 'förvaltningen')}",
                        kind="administration",
                        parent=committee,
                        locale=ctx.locale,
                        translation_key=uuid.uuid4(),
                    )
                    for committee in committees[
                        : scale.municipal_bodies - len(committees)
                    ]
                ]
            )
        )
        organisations = Organisation.objects.bulk_create(
            sort_keyed(
                [
                    Organisation(
                        name=f"{rng.choice(PREFIXES)} {rng.choice(PLACES)} {i}",
                        organisation_number=organisation_number(i),
                        kind=KINDS[i % len(KINDS)],
                        website=f"https://forening{i}.example.org/",
                        description=sentence(rng, 20),
                        email=f"info@forening{i}.example.org",
                    )
                    for i in range(scale.organisations)
                ]
            ),
            batch_size=500,
        )
        if organisations[0].pk is None:  # no ids returned from bulk inserts
            organisations = list(Organisation.objects.order_by("pk"))
            committees = list(MunicipalBody.objects.filter(kind="committee"))
            focus_areas = list(FocusArea.objects.all())
        index_objects(FocusArea, [f.pk for f in focus_areas])
        index_objects(MunicipalBody, [b.pk for b in committees + administrations])
        index_objects(Organisation, [o.pk for o in organisations])
        ctx.register = {
            "organisations": [o.pk for o in organisations],
            "committees": [b.pk for b in committees],
            "administrations": [b.pk for b in administrations],
            "focus_areas": [(f.pk, f.slug) for f in focus_areas],
        }
        ctx.counts.update(
            {
                "organisations": len(organisations),
                "municipal bodies": len(committees) + len(administrations),
                "focus areas": len(focus_areas),
            }
        )

    def endpoints(self, ctx):
        from wagtail_samverkan.models import FocusArea, MunicipalBody, Organisation

        organisations = admin_url(Organisation)
        return [
            Endpoint("admin: organisations", organisations, kind="admin", admin=True),
            Endpoint(
                "admin: organisations, page 2",
                organisations + "?p=2",
                kind="admin",
                admin=True,
            ),
            Endpoint(
                "admin: organisations, search",
                organisations + "?q=förening",
                kind="admin",
                max_ratio=10,
                admin=True,
            ),
            Endpoint(
                "admin: organisations, filtered by kind",
                organisations + "?kind=foundation",
                kind="admin",
                admin=True,
            ),
            Endpoint(
                "admin: municipal bodies",
                admin_url(MunicipalBody),
                kind="admin",
                admin=True,
            ),
            Endpoint(
                "admin: focus areas", admin_url(FocusArea), kind="admin", admin=True
            ),
        ]


SCENARIO = RegisterScenario()
