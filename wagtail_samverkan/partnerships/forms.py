"""The IOP page's admin form: checks across its inline rows."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class PartnershipPageForm(WagtailAdminPageForm):
    """Checks the parts of an IOP that depend on each other."""

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start_date")
        end = cleaned.get("end_date")
        self._check_funding_years(start, end)
        self._check_partners()
        self._check_focus_areas()
        return cleaned

    def _live_forms(self, name):
        formset = self.formsets.get(name)
        if formset is None:
            return []
        return [
            form
            for form in formset.forms
            if form.is_valid()
            and form.cleaned_data
            and not form.cleaned_data.get("DELETE")
        ]

    def _check_funding_years(self, start, end):
        seen = set()
        for form in self._live_forms("funding_rows"):
            year = form.cleaned_data.get("year")
            if year is None:
                continue
            if year in seen:
                form.add_error("year", _("This year already has a funding row."))
            seen.add(year)
            if start and year < start.year - 1:
                form.add_error(
                    "year",
                    _(
                        "%(year)s is more than one year before the IOP starts (%(start)s)."
                    )
                    % {"year": year, "start": start.year},
                )
            last = end or self.cleaned_data.get("terminated_on")
            if last and year > last.year + 1:
                form.add_error(
                    "year",
                    _("%(year)s is more than one year after the IOP ends (%(end)s).")
                    % {"year": year, "end": last.year},
                )

    def _check_focus_areas(self):
        seen = set()
        for form in self._live_forms("focus_area_links"):
            area = form.cleaned_data.get("focus_area")
            if area is not None and area.pk in seen:
                form.add_error("focus_area", _("This focus area is already chosen."))
            if area is not None:
                seen.add(area.pk)

    def _check_partners(self):
        forms = self._live_forms("partners")
        seen = set()
        for form in forms:
            organisation = form.cleaned_data.get("organisation")
            if organisation is None:
                continue
            if organisation.pk in seen:
                form.add_error(
                    "organisation",
                    _("%(name)s is already a partner of this IOP.")
                    % {"name": organisation},
                )
            seen.add(organisation.pk)
        publishing = "action-publish" in self.data or "action-submit" in self.data
        if publishing and not seen:
            self.add_error(
                None,
                _("Add at least one partner organisation before publishing the IOP."),
            )
