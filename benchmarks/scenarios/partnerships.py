"""The IOP register: thousands of partnerships, their partners, funding and exports.

IOP pages are bulk-created (computed treebeard paths, batched inserts), with
their inline rows and focus areas, then put in the search index so that the
register's text search finds them.
"""

import datetime
import json
import math
import uuid

from wagtail_samverkan.core.conf import samverkan_settings
from wagtail_samverkan.partnerships.caching import AREA as PARTNERSHIPS

from ..indexing import index_objects
from ..pages import bulk_create_m2m, bulk_create_pages, create_page
from .base import (
    Endpoint,
    Scenario,
    admin_explorer_url,
    require,
    rich_text,
    route_url,
    sentence,
)

MODULE = "wagtail_samverkan.partnerships.models"
BATCH_SIZE = 1000
THEMES = ["Läxhjälp", "Språkcafé", "Mötesplats", "Fritidsgård", "Stödboende", "Kvinnojour",
          "Seniorträffar", "Matkasse", "Idrott för alla", "Kulturskola", "Föräldrastöd",
          "Ungdomsjour"]  # fmt: skip
AREAS = ["Norrby", "Hässleholmen", "Sjöbo", "Göta", "Brämhult", "Fristad", "Sandared",
         "Viskafors", "Centrum", "Dalsjöfors"]  # fmt: skip
SEARCH_WORD = "läxhjälp"
FILTER_YEAR = 2024


def partnership_body(rng):
    return json.dumps(
        [
            {"type": "heading", "value": "Bakgrund", "id": str(uuid.uuid4())},
            {"type": "paragraph", "value": rich_text(rng, 2), "id": str(uuid.uuid4())},
            {"type": "heading", "value": "Syfte och mål", "id": str(uuid.uuid4())},
            {"type": "paragraph", "value": rich_text(rng, 1), "id": str(uuid.uuid4())},
        ]
    )


def forget_cached_register():
    """What publishing an IOP does to the register's cached output."""
    from wagtail_samverkan.core import cache as samverkan_cache

    samverkan_cache.invalidate(PARTNERSHIPS)


class PartnershipsScenario(Scenario):
    name = "partnerships"
    title = "IOP register"
    needs = ("register",)

    def load(self):
        require(MODULE, "PartnershipIndexPage", "PartnershipPage", "PartnershipPartner")

    def build(self, ctx):
        from wagtail_samverkan.partnerships.models import (
            PartnershipContact,
            PartnershipFollowUp,
            PartnershipFunding,
            PartnershipIndexPage,
            PartnershipPage,
            PartnershipPartner,
        )

        rng, scale = ctx.rng, ctx.scale
        register = ctx.register
        organisations = register["organisations"]
        committees = register["committees"]
        administrations = register["administrations"] or committees
        focus_areas = register["focus_areas"]
        index = create_page(
            ctx.home,
            PartnershipIndexPage(
                title="Partnerskap (IOP)", slug="iop", intro="<p>IOP.</p>"
            ),
        )
        pages = []
        for i in range(scale.iops):
            theme, area = THEMES[i % len(THEMES)], rng.choice(AREAS)
            start = datetime.date(2012, 1, 1) + datetime.timedelta(
                days=rng.randrange(15 * 365)
            )
            end = (
                None
                if i % 5 == 0
                else start + datetime.timedelta(days=365 * rng.randint(1, 5))
            )
            terminated = None
            if end and i % 23 == 0:
                terminated = start + (end - start) / 2
            pages.append(
                PartnershipPage(
                    title=f"{theme} i {area} ({i + 1})",
                    slug=f"iop-{i + 1}",
                    summary=f"{theme} för barn och unga i {area}. " + sentence(rng, 20),
                    body=partnership_body(rng),
                    target_group=sentence(rng, 8),
                    responsible_body_id=committees[i % len(committees)],
                    administering_body_id=administrations[i % len(administrations)],
                    start_date=start,
                    end_date=end,
                    terminated_on=terminated,
                    termination_reason=sentence(rng) if terminated else "",
                    notice_period="Sex månaders uppsägningstid.",
                    decision_body_id=committees[(i + 1) % len(committees)],
                    decision_date=start - datetime.timedelta(days=60),
                    registration_number=f"SN {start.year}-{i + 1:05d}",
                )
            )
        for start in range(0, len(pages), BATCH_SIZE):
            bulk_create_pages(index, pages[start : start + BATCH_SIZE])

        partners, funding, follow_ups, contacts, focus_pairs = [], [], [], [], []
        for i, page in enumerate(pages):
            for n in range(1 + i % 3):
                partners.append(
                    PartnershipPartner(
                        page_id=page.pk,
                        organisation_id=organisations[(i * 7 + n) % len(organisations)],
                        role="lead" if n == 0 else "partner",
                        sort_order=n,
                    )
                )
            last_year = (
                page.terminated_on or page.end_date or datetime.date(2027, 1, 1)
            ).year
            for n, year in enumerate(
                range(
                    page.start_date.year, min(last_year, page.start_date.year + 4) + 1
                )
            ):
                funding.append(
                    PartnershipFunding(
                        page_id=page.pk,
                        year=year,
                        municipal_amount=rng.randrange(50, 2000) * 1000,
                        organisation_amount=rng.randrange(0, 500) * 1000,
                        in_kind_description="Lokaler och ideellt arbete.",
                        in_kind_value=rng.randrange(0, 300) * 1000,
                        sort_order=n,
                    )
                )
            if i % 3 == 0:
                follow_ups.append(
                    PartnershipFollowUp(
                        page_id=page.pk,
                        date=page.start_date + datetime.timedelta(days=365),
                        title=f"Årsrapport {page.start_date.year + 1}",
                        summary=sentence(rng, 20),
                        sort_order=0,
                    )
                )
            contacts.append(
                PartnershipContact(
                    page_id=page.pk,
                    name=f"Kontaktperson {i + 1}",
                    role="Samordnare",
                    email=f"kontakt{i + 1}@example.org",
                    show_publicly=i % 2 == 0,
                    sort_order=0,
                )
            )
            for n in range(1 + i % 2):
                focus_pairs.append(
                    (page.pk, focus_areas[(i + n) % len(focus_areas)][0])
                )
        PartnershipPartner.objects.bulk_create(partners, batch_size=BATCH_SIZE)
        PartnershipFunding.objects.bulk_create(funding, batch_size=BATCH_SIZE)
        PartnershipFollowUp.objects.bulk_create(follow_ups, batch_size=BATCH_SIZE)
        PartnershipContact.objects.bulk_create(contacts, batch_size=BATCH_SIZE)
        self.create_focus_area_links(focus_pairs)
        index_objects(PartnershipPage, [page.pk for page in pages])
        ctx.pages.update(iop_register=index, iop=pages[len(pages) // 2])
        ctx.counts.update(
            {
                "IOPs": len(pages),
                "IOP partners": len(partners),
                "IOP funding rows": len(funding),
            }
        )

    def create_focus_area_links(self, pairs):
        """Focus areas are ordered inline rows; older versions used a many-to-many field."""
        from wagtail_samverkan.models import partnerships

        link_model = getattr(partnerships, "PartnershipFocusArea", None)
        if link_model is not None:
            rows, positions = [], {}
            for page_pk, area_pk in pairs:
                positions[page_pk] = positions.get(page_pk, -1) + 1
                rows.append(
                    link_model(
                        page_id=page_pk,
                        focus_area_id=area_pk,
                        sort_order=positions[page_pk],
                    )
                )
            link_model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        else:
            field = partnerships.PartnershipPage._meta.get_field("focus_areas")
            bulk_create_m2m(field, pairs)

    def endpoints(self, ctx):
        index = ctx.pages["iop_register"]
        focus_slug = ctx.register["focus_areas"][0][1]
        url = index.url
        page_size = samverkan_settings.PAGE_SIZE
        deep_page = max(1, min(50, math.ceil(ctx.scale.iops / page_size)))
        return [
            Endpoint("IOP register", url, max_ratio=3),
            Endpoint(
                "IOP register, focus area + year",
                f"{url}?focus={focus_slug}&year={FILTER_YEAR}",
                max_ratio=3,
            ),
            Endpoint(
                "IOP register, text search", f"{url}?q={SEARCH_WORD}", max_ratio=4
            ),
            # Page 50, or the last page where the scale has fewer (past the
            # last page is a 404).
            Endpoint("IOP register, page 50", f"{url}?page={deep_page}", max_ratio=3),
            Endpoint("IOP page", ctx.pages["iop"].url, max_ratio=1.5),
            # What a visitor pays for the first request after an IOP is
            # published: every server process pays it after every publish.
            Endpoint(
                "IOP register, first request after a publish",
                url,
                max_ratio=5,
                before=forget_cached_register,
            ),
            Endpoint(
                "IOP register, focus area + year, after a publish",
                f"{url}?focus={focus_slug}&year={FILTER_YEAR}",
                max_ratio=5,
                before=forget_cached_register,
            ),
            Endpoint(
                "IOP page, first request after a publish",
                ctx.pages["iop"].url,
                before=forget_cached_register,
            ),
            Endpoint(
                "export.csv",
                route_url(index, "export_csv", "export.csv", "export_csv_alias"),
                kind="export",
                max_ratio=100,
                streamed=True,
            ),
            Endpoint(
                "export.json",
                route_url(index, "export_json", "export.json", "export_json_alias"),
                kind="export",
                max_ratio=100,
                streamed=True,
            ),
            Endpoint(
                "admin: IOP register pages",
                admin_explorer_url(index),
                kind="admin",
                admin=True,
            ),
        ]

    def host_blocks(self, ctx):
        common = {"heading": "Partnerskap", "status": "", "organisation": None,
                  "responsible_body": None, "sort": "-start", "limit": 10,
                  "show_register_link": True}  # fmt: skip
        return [
            ("partnership_list", {**common, "focus_area": None}, "partnership_list"),
            (
                "partnership_list",
                {
                    **common,
                    "status": "active",
                    "focus_area": ctx.register["focus_areas"][0][0],
                },
                "partnership_list (active, one focus area)",
            ),
        ]


SCENARIO = PartnershipsScenario()
