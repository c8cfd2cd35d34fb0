"""The event page's admin form: checks across its inline rows."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class EventPageForm(WagtailAdminPageForm):
    """Checks that every cancelled or moved date belongs to the series.

    The interval of a series is needed only when the meeting repeats, so the
    form asks for it then rather than marking it required for every meeting.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        interval = self.fields.get("repeat_interval")
        if interval is not None:
            interval.required = False
            interval.label = _("Weeks or months between the dates")

    def clean(self):
        cleaned_data = super().clean()
        if "repeat_interval" in self.fields and not cleaned_data.get("repeat_interval"):
            if cleaned_data.get("repeat"):
                if "repeat_interval" not in self.errors:
                    self.add_error(
                        "repeat_interval",
                        _("Give how many weeks or months there are between the dates."),
                    )
            else:
                # Stored as 1, the interval of a meeting that does not repeat.
                cleaned_data["repeat_interval"] = 1
        return cleaned_data

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
