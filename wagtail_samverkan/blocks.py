"""StreamField blocks a host site can put on any of its own pages.

``SAMVERKAN_BLOCKS`` lists every block of the package, ready to be added to
a host page's StreamField: ``StreamField([...your blocks] + SAMVERKAN_BLOCKS)``.
Each block lives in its area's ``blocks`` module; they are named here too.
"""

from wagtail_samverkan.agreement.blocks import (
    AgreementPrinciplesBlock,
    AgreementSummaryBlock,
)
from wagtail_samverkan.core.blocks import CachedRenderMixin
from wagtail_samverkan.events.blocks import (  # noqa: F401
    NextEventsBlock,
    # Host sites' migrations name the "Next meetings" block's choices by
    # this path, so it stays importable here.
    _kind_choices,
)
from wagtail_samverkan.partnerships.blocks import PartnershipListBlock

__all__ = [
    "SAMVERKAN_BLOCKS",
    "AgreementPrinciplesBlock",
    "AgreementSummaryBlock",
    "CachedRenderMixin",
    "NextEventsBlock",
    "PartnershipListBlock",
]

SAMVERKAN_BLOCKS = [
    ("agreement_principles", AgreementPrinciplesBlock()),
    ("agreement_summary", AgreementSummaryBlock()),
    ("next_events", NextEventsBlock()),
    ("partnership_list", PartnershipListBlock()),
]
