"""IOP partnerships (idéburna offentliga partnerskap): the register and one IOP.

The register page (:class:`PartnershipIndexPage`, in ``index``) lists,
filters and exports its :class:`PartnershipPage` children (``page``), whose
inline rows are in ``inlines``. The status of an IOP is never typed: it
follows from its dates, an early termination and today's date in the time
zone of ``WAGTAIL_SAMVERKAN["TIME_ZONE"]`` (``partnerships.status``).
Every name stays importable from here.
"""

from wagtail_samverkan.partnerships.forms import PartnershipPageForm
from wagtail_samverkan.partnerships.models.index import PartnershipIndexPage
from wagtail_samverkan.partnerships.models.inlines import (
    NOT_NEGATIVE,
    PartnershipContact,
    PartnershipDocument,
    PartnershipFocusArea,
    PartnershipFollowUp,
    PartnershipFunding,
    PartnershipPartner,
    PartnershipPrinciple,
)
from wagtail_samverkan.partnerships.models.page import (
    PartnershipBodyBlock,
    PartnershipPage,
)
from wagtail_samverkan.partnerships.status import (
    Status,
    active_during_year_q,
    local_today,
    once,
    status_q,
)

__all__ = [
    "NOT_NEGATIVE",
    "PartnershipBodyBlock",
    "PartnershipContact",
    "PartnershipDocument",
    "PartnershipFocusArea",
    "PartnershipFollowUp",
    "PartnershipFunding",
    "PartnershipIndexPage",
    "PartnershipPage",
    "PartnershipPageForm",
    "PartnershipPartner",
    "PartnershipPrinciple",
    "Status",
    "active_during_year_q",
    "local_today",
    "once",
    "status_q",
]
