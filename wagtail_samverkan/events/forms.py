"""The event page's admin form: checks across its inline rows."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class EventPageForm(WagtailAdminPageForm):
    """Checks that every cancelled or moved date belongs to the series."""

    def is_valid(self):
        valid = super().is_valid()
        page = self.instance
        formset = self.formsets.get("exceptions") if hasattr(self, "formsets") else None
        if not valid or formset is None or not page.is_series:
            return valid
        dates = {start.date() for start in page.series_starts()}
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("original_date"):
                continue
            if data["original_date"] not in dates:
                form.add_error(
                    "original_date",
                    _("This date is not one of the dates of the series."),
                )
                valid = False
        return valid
