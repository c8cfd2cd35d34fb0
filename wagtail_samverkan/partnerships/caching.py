"""What makes the partnerships' cached output stale (see ``core.cache``)."""

from wagtail_samverkan.core import cache

AREA = cache.register_area("partnerships")


def _is_partnership(page):
    from wagtail_samverkan.partnerships.models import (
        PartnershipIndexPage,
        PartnershipPage,
    )

    return isinstance(page, PartnershipPage | PartnershipIndexPage)


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
