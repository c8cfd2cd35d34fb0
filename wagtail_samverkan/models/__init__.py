"""Public models of wagtail_samverkan, one module per area."""

from .partnerships import (
    PartnershipContact,
    PartnershipDocument,
    PartnershipFocusArea,
    PartnershipFollowUp,
    PartnershipFunding,
    PartnershipIndexPage,
    PartnershipPage,
    PartnershipPartner,
)
from .register import FocusArea, MunicipalBody, Organisation

__all__ = [
    "FocusArea",
    "MunicipalBody",
    "Organisation",
    "PartnershipContact",
    "PartnershipDocument",
    "PartnershipFocusArea",
    "PartnershipFollowUp",
    "PartnershipFunding",
    "PartnershipIndexPage",
    "PartnershipPage",
    "PartnershipPartner",
]
