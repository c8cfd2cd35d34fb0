"""Public models of wagtail_samverkan, one module per area."""

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
from .register import FocusArea, MunicipalBody, Organisation

__all__ = [
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
]
