"""The agreement: its principles, the agreement page and its easy-to-read route.

One agreement in force and the earlier version it replaces, built the
ordinary way (published revisions): a municipality has a handful of these.
What grows with scale is what the page lists: the signing organisations
(a quarter of the register).
"""

import datetime
import json
import uuid

from ..indexing import index_objects
from ..pages import create_page
from .base import Endpoint, Scenario, admin_url, require, rich_text, sentence

MODULE = "wagtail_samverkan.models"
PRINCIPLES = [
    (
        "Självständighet och oberoende",
        "Organisationerna bestämmer själva över sitt arbete.",
    ),
    ("Dialog", "Parterna möts regelbundet och lyssnar på varandra."),
    ("Kvalitet", "Parterna följer upp arbetet tillsammans."),
    ("Långsiktighet", "Samarbetet planeras för många år."),
    (
        "Öppenhet och insyn",
        "Parterna delar information med varandra och med invånarna.",
    ),
    ("Mångfald", "Alla ska kunna delta med sitt engagemang."),
]


def body(rng, sections=8):
    blocks = []
    for i in range(sections):
        blocks.append(
            {"type": "heading", "value": f"Avsnitt {i + 1}", "id": str(uuid.uuid4())}
        )
        blocks.append(
            {
                "type": "paragraph",
                "value": rich_text(rng, paragraphs=2),
                "id": str(uuid.uuid4()),
            }
        )
    return json.dumps(blocks)


class AgreementScenario(Scenario):
    name = "agreement"
    title = "Agreement"
    needs = ("register",)

    def load(self):
        require(MODULE, "AgreementPage", "AgreementIndexPage", "Principle")

    def build(self, ctx):
        from wagtail_samverkan.agreement.models import (
            AgreementFollowUp,
            AgreementMilestone,
            AgreementPrinciple,
            AgreementSignatory,
        )
        from wagtail_samverkan.models import (
            AgreementIndexPage,
            AgreementPage,
            Principle,
        )

        rng = ctx.rng
        now = datetime.datetime.now(datetime.UTC)
        principles = Principle.objects.bulk_create(
            [
                Principle(
                    name=name,
                    number=number,
                    summary=summary,
                    description=rich_text(rng, paragraphs=2),
                    source="national",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale=ctx.locale,
                    translation_key=uuid.uuid4(),
                )
                for number, (name, summary) in enumerate(PRINCIPLES, start=1)
            ]
        )
        if principles[0].pk is None:
            principles = list(Principle.objects.order_by("number"))
        index_objects(Principle, [p.pk for p in principles])
        index = create_page(
            ctx.home,
            AgreementIndexPage(
                title="Överenskommelsen",
                slug="overenskommelsen",
                intro="<p>Om samverkan.</p>",
            ),
        )
        committees = ctx.register.get("committees") or [None]
        organisations = ctx.register.get("organisations", [])
        signing = organisations[: max(1, len(organisations) // 4)]

        def agreement(title, slug, year, supersedes=None):
            return AgreementPage(
                title=title,
                slug=slug,
                other_party="de idéburna organisationerna i kommunen",
                intro=sentence(rng, 30),
                body=body(rng),
                easy_read_body=body(rng, sections=4),
                decided_by_id=committees[0],
                decision_date=datetime.date(year, 12, 15),
                registration_number=f"KS {year}-00123",
                valid_from=datetime.date(year + 1, 1, 1),
                supersedes=supersedes,
                agreement_principles=[
                    AgreementPrinciple(
                        principle=principle,
                        elaboration=rich_text(rng, paragraphs=1),
                        municipality_commitments=rich_text(rng, paragraphs=1),
                        organisations_commitments=rich_text(rng, paragraphs=1),
                    )
                    for principle in principles
                ],
                milestones=[
                    AgreementMilestone(
                        date=datetime.date(2008 + 2 * i, 1, 1),
                        precision="year",
                        title=sentence(rng, 5),
                        text=sentence(rng, 20),
                    )
                    for i in range(7)
                ],
                follow_ups=[
                    AgreementFollowUp(
                        period=str(year + 1 + i),
                        title=sentence(rng, 4),
                        summary=sentence(rng),
                    )
                    for i in range(3)
                ],
            )

        previous = create_page(
            index, agreement("Överenskommelsen 2016", "overenskommelsen-2016", 2016)
        )
        current = create_page(
            index,
            agreement("Överenskommelsen 2021", "overenskommelsen-2021", 2021, previous),
        )
        # The signatories grow with the register: bulk-created, not in the revisions.
        AgreementSignatory.objects.bulk_create(
            [
                AgreementSignatory(page_id=page.pk, organisation_id=pk, sort_order=n)
                for page in (previous, current)
                for n, pk in enumerate(signing)
            ],
            batch_size=1000,
        )
        ctx.pages.update(
            agreement_index=index, agreement=current, principles=principles
        )
        ctx.counts.update(
            {
                "principles": len(principles),
                "agreements": 2,
                "signatories": len(signing),
            }
        )

    def endpoints(self, ctx):
        from wagtail_samverkan.models import Principle

        current = ctx.pages["agreement"]
        return [
            Endpoint("agreement page", current.url, max_ratio=1.5),
            Endpoint(
                "agreement page, easy-to-read route",
                current.url + current.reverse_subpage("easy_read"),
                kind="route",
            ),
            Endpoint("agreement index", ctx.pages["agreement_index"].url),
            Endpoint(
                "admin: principles", admin_url(Principle), kind="admin", admin=True
            ),
        ]

    def host_blocks(self, ctx):
        current = ctx.pages["agreement"]
        return [
            (
                "agreement_principles",
                {
                    "heading": "Våra principer",
                    "agreement": current.pk,
                    "principles": [],
                    "show_commitments": True,
                },
                "agreement_principles (an agreement's)",
            ),
            (
                "agreement_principles",
                {
                    "heading": "Utvalda principer",
                    "agreement": None,
                    "principles": [p.pk for p in ctx.pages["principles"]],
                    "show_commitments": False,
                },
                "agreement_principles (chosen)",
            ),
            (
                "agreement_summary",
                {"agreement": current.pk, "text": ""},
                "agreement_summary",
            ),
        ]


SCENARIO = AgreementScenario()
