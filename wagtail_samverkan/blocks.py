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
from wagtail_samverkan.core.conf import area_enabled
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
    "samverkan_blocks",
]

#: Every block, with the area it belongs to.
_BLOCKS = [
    ("agreement", "agreement_principles", AgreementPrinciplesBlock),
    ("agreement", "agreement_summary", AgreementSummaryBlock),
    ("events", "next_events", NextEventsBlock),
    ("partnerships", "partnership_list", PartnershipListBlock),
]


def samverkan_blocks():
    """``(name, block)`` for the blocks of the areas the site uses."""
    return [(name, block()) for area, name, block in _BLOCKS if area_enabled(area)]


#: The blocks of the areas the site uses (``WAGTAIL_SAMVERKAN["AREAS"]``),
#: read when the host's models are loaded.
SAMVERKAN_BLOCKS = samverkan_blocks()
