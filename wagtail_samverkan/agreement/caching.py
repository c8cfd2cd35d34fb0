"""What makes the agreement's cached output stale (see ``core.cache``)."""

from wagtail_samverkan.core import cache, frontend_cache

AREA = cache.register_area("agreement")


def _is_agreement(page):
    from wagtail_samverkan.agreement.models import AgreementPage

    return isinstance(page, AgreementPage)


def _index_of(page):
    return [page.get_parent().specific]


def connect():
    """Connect the agreement's receivers (from ``ready()``)."""
    from wagtail.documents import get_document_model
    from wagtail.models import Locale

    from wagtail_samverkan.agreement.models import (
        AgreementFollowUp,
        AgreementIndexPage,
        AgreementMilestone,
        AgreementPage,
        AgreementPrinciple,
        AgreementSignatory,
        Principle,
    )
    from wagtail_samverkan.register.models import MunicipalBody, Organisation

    for model in (
        AgreementPage,
        AgreementIndexPage,
        AgreementPrinciple,
        AgreementSignatory,
        AgreementMilestone,
        AgreementFollowUp,
        # Agreement pages link to documents and name the language versions.
        get_document_model(),
        Locale,
        # Signatories and responsible bodies.
        Organisation,
        MunicipalBody,
    ):
        cache.watch(model, AREA)
    cache.watch(Principle, AREA, publishing=True)
    cache.on_page_published(AREA, _is_agreement)
    # An agreement shows in its index's agreements.json.
    frontend_cache.also_purge(_is_agreement, _index_of)
