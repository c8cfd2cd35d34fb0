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
from .events import (
    EventException,
    EventICalState,
    EventIndexPage,
    EventKind,
    EventOccurrence,
    EventPage,
    EventRelatedLink,
    EventStatus,
)
from .partnerships import (
    PartnershipContact,
    PartnershipDocument,
    PartnershipFocusArea,
    PartnershipFollowUp,
    PartnershipFunding,
    PartnershipIndexPage,
    PartnershipPage,
    PartnershipPartner,
    PartnershipPrinciple,
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
    "EventException",
    "EventICalState",
    "EventIndexPage",
    "EventKind",
    "EventOccurrence",
    "EventPage",
    "EventRelatedLink",
    "EventStatus",
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
    "PartnershipPrinciple",
    "Principle",
]
