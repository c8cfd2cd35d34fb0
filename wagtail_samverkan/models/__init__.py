"""Public models of wagtail_samverkan, one module per area."""

from .agreement import (
    AgreementFollowUp,
    AgreementIndexPage,
    AgreementMilestone,
    AgreementPage,
    AgreementPrinciple,
    AgreementSignatory,
    AgreementStatus,
)
from .principles import Principle
from .register import FocusArea, MunicipalBody, Organisation

__all__ = [
    "AgreementFollowUp",
    "AgreementIndexPage",
    "AgreementMilestone",
    "AgreementPage",
    "AgreementPrinciple",
    "AgreementSignatory",
    "AgreementStatus",
    "FocusArea",
    "MunicipalBody",
    "Organisation",
    "Principle",
]
