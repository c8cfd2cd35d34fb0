"""Every model of wagtail_samverkan, from the areas that define them.

Django, migrations and host sites import the models from here; each lives
in its area's ``models`` (``register``, ``agreement``, ``partnerships``,
``events``), under the one app label ``wagtail_samverkan``.
"""

from wagtail_samverkan.agreement.models import (
    AgreementFollowUp,
    AgreementIndexPage,
    AgreementMilestone,
    AgreementPage,
    AgreementPrinciple,
    AgreementSignatory,
    AgreementStatus,
)
from wagtail_samverkan.agreement.models.principles import Principle
from wagtail_samverkan.core.models import (
    AccessibilityStatementPage,
    CacheGeneration,
    DemoRecord,
)
from wagtail_samverkan.editors.models import Reminder
from wagtail_samverkan.events.models import (
    EventException,
    EventICalState,
    EventIndexPage,
    EventKind,
    EventOccurrence,
    EventPage,
    EventRelatedLink,
    EventStatus,
)
from wagtail_samverkan.partnerships.models import (
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
from wagtail_samverkan.register.models import FocusArea, MunicipalBody, Organisation

__all__ = [
    "AccessibilityStatementPage",
    "CacheGeneration",
    "AgreementFollowUp",
    "AgreementIndexPage",
    "AgreementMilestone",
    "AgreementPage",
    "AgreementPrinciple",
    "AgreementSignatory",
    "AgreementStatus",
    "DemoRecord",
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
    "Reminder",
]
