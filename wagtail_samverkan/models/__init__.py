"""Public models of wagtail_samverkan, one module per area."""

from .register import FocusArea, MunicipalBody, Organisation

__all__ = ["FocusArea", "MunicipalBody", "Organisation"]
