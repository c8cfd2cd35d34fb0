"""The agreement's models: pages, inline rows, status and the principles."""

from wagtail_samverkan.agreement.models.inlines import (
    AgreementContentMixin,
    AgreementFollowUp,
    AgreementMilestone,
    AgreementParts,
    AgreementPrinciple,
    AgreementSignatory,
)
from wagtail_samverkan.agreement.models.pages import AgreementIndexPage, AgreementPage
from wagtail_samverkan.agreement.models.principles import Principle
from wagtail_samverkan.agreement.models.status import (
    AgreementStatus,
    AgreementVersionsMixin,
    annotate_statuses,
)

__all__ = [
    "AgreementContentMixin",
    "AgreementFollowUp",
    "AgreementIndexPage",
    "AgreementMilestone",
    "AgreementPage",
    "AgreementParts",
    "AgreementPrinciple",
    "AgreementSignatory",
    "AgreementStatus",
    "AgreementVersionsMixin",
    "Principle",
    "annotate_statuses",
]
