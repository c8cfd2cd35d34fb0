"""Builders shared by the agreement tests."""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.conftest import publish
from tests.factories import PrincipleFactory
from wagtail_samverkan.models import (
    AgreementFollowUp,
    AgreementIndexPage,
    AgreementMilestone,
    AgreementPage,
    AgreementPrinciple,
)


def make_document(title="Överenskommelse", name="overenskommelse.pdf", size=2048):
    document = get_document_model()(title=title)
    document.file.save(name, ContentFile(b"%PDF" + b"x" * (size - 4)), save=False)
    document.save()
    document.get_file_size()
    return document


def make_index(parent, slug="overenskommelsen"):
    index = AgreementIndexPage(title="Överenskommelsen", slug=slug)
    parent.add_child(instance=index)
    return publish(index)


def make_agreement(
    index,
    slug="overenskommelse-2021",
    title="Överenskommelse 2021",
    principles=1,
    milestones=1,
    follow_ups=1,
    live=True,
    **fields,
):
    """An agreement page with the given number of principles, milestones and follow-ups."""
    fields.setdefault("decision_date", datetime.date(2021, 12, 16))
    fields.setdefault("valid_from", datetime.date(2022, 1, 1))
    page = AgreementPage(title=title, slug=slug, **fields)
    for n in range(principles):
        page.agreement_principles.add(
            AgreementPrinciple(
                principle=PrincipleFactory(name=f"Princip nummer {n + 1}"),
                elaboration=f"<p>Lokal utveckling {n + 1}.</p>",
                municipality_commitments=f"<p>Kommunen lovar {n + 1}.</p>",
                organisations_commitments=f"<p>Föreningarna lovar {n + 1}.</p>",
            )
        )
    for n in range(milestones):
        page.milestones.add(
            AgreementMilestone(
                date=datetime.date(1990 + n, 1, 1),
                precision=AgreementMilestone.Precision.YEAR,
                title=f"Händelse {n + 1}",
                text="Något hände.",
            )
        )
    for n in range(follow_ups):
        page.follow_ups.add(
            AgreementFollowUp(
                period=str(2022 + n), title=f"Uppföljning {n + 1}", summary="Kort."
            )
        )
    index.add_child(instance=page)
    if live:
        publish(page)
    else:
        page.live = False
        page.save_revision()
        page.save()
    return AgreementPage.objects.get(pk=page.pk)
