"""What makes the partnerships' cached output stale (see ``core.cache``)."""

from wagtail_samverkan.core import cache, frontend_cache

AREA = cache.register_area("partnerships")


def _is_partnership(page):
    from wagtail_samverkan.partnerships.models import (
        PartnershipIndexPage,
        PartnershipPage,
    )

    return isinstance(page, PartnershipPage | PartnershipIndexPage)


def _is_iop(page):
    from wagtail_samverkan.partnerships.models import PartnershipPage

    return isinstance(page, PartnershipPage)


def _register_of(page):
    return [page.get_parent().specific]


def connect():
    """Connect the partnerships' receivers (from ``ready()``)."""
    from wagtail.documents import get_document_model

    from wagtail_samverkan.agreement.models.principles import Principle
    from wagtail_samverkan.register.models import FocusArea, MunicipalBody, Organisation

    # Partners, bodies and focus areas show in the register and on IOP pages,
    # and IOP pages link to documents.
    for model in (Organisation, MunicipalBody, FocusArea, get_document_model()):
        cache.watch(model, AREA)
    # IOP pages list the principles they build on.
    cache.watch(Principle, AREA, publishing=True)
    cache.on_page_published(AREA, _is_partnership)
    # An IOP shows in its register and in the register's exports.
    frontend_cache.also_purge(_is_iop, _register_of)
