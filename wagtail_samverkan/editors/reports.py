"""The cockpit's lists as Wagtail reports: filterable, with CSV and XLSX download."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput

from wagtail_samverkan.agreement.models import AgreementFollowUp, AgreementPage
from wagtail_samverkan.core.compat import get_base_page_model
from wagtail_samverkan.core.conf import area_enabled
from wagtail_samverkan.events.models import EventPage
from wagtail_samverkan.partnerships.models import PartnershipFollowUp, PartnershipPage
from wagtail_samverkan.register.models import MunicipalBody

from . import attention


def edit_url(page_id):
    return reverse("wagtailadmin_pages:edit", args=(page_id,))


def yes_no(value):
    return _("Yes") if value else _("No")


class AttentionReport(ReportView):
    """A report of one of the cockpit's lists; ``name`` names its URLs."""

    name = None
    area = None
    header_icon = "warning"
    paginate_by = 50
    # Every list holds only what the user may edit, so any editor may see it.
    permission_policy = None

    @classmethod
    def url_name(cls):
        return f"samverkan_{cls.name}"

    @property
    def index_url_name(self):
        return f"wagtail_samverkan_reports:{self.name}"

    @property
    def index_results_url_name(self):
        return f"wagtail_samverkan_reports:{self.name}_results"

    def list_for_user(self, user):
        raise NotImplementedError

    def get_base_queryset(self):
        return self.list_for_user(self.request.user)

    def get_queryset(self):
        return self.filter_queryset(self.get_base_queryset())

    def get_filtered_queryset(self):
        return self.get_queryset()


class BodyFilterSet(WagtailFilterSet):
    responsible_body = django_filters.ModelChoiceFilter(
        label=_("Responsible body"), queryset=MunicipalBody.objects.all()
    )


class EndingFilterSet(BodyFilterSet):
    end_date = django_filters.DateFilter(
        label=_("Ends on or before"), lookup_expr="lte", widget=AdminDateInput
    )

    class Meta:
        model = PartnershipPage
        fields = []


class EndingPartnershipsReport(AttentionReport):
    name = "ending"
    area = "partnerships"
    page_title = _("IOPs ending soon")
    header_icon = "time"
    filterset_class = EndingFilterSet
    columns = [
        TitleColumn("title", label=_("IOP"), url_name="wagtailadmin_pages:edit"),
        Column("responsible_body", label=_("Responsible body")),
        DateColumn("end_date", label=_("End date")),
    ]
    list_export = ["title", "responsible_body", "end_date", "edit_url"]
    export_headings = {
        "title": _("IOP"),
        "responsible_body": _("Responsible body"),
        "end_date": _("End date"),
        "edit_url": _("Edit"),
    }

    def list_for_user(self, user):
        return attention.ending_partnerships(user)

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.edit_url = self.request.build_absolute_uri(edit_url(page.pk))
        return object_list


class FollowUpFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=attention.FollowUpState.CHOICES,
        method="filter_state",
    )
    responsible_body = django_filters.ModelChoiceFilter(
        label=_("Responsible body"),
        queryset=MunicipalBody.objects.all(),
        field_name="page__responsible_body",
    )

    def filter_state(self, queryset, name, value):
        return queryset.filter(is_overdue=value == attention.FollowUpState.OVERDUE)

    class Meta:
        model = PartnershipFollowUp
        fields = []


class FollowUpsReport(AttentionReport):
    name = "follow_ups"
    area = "partnerships"
    page_title = _("IOP follow-ups due")
    header_icon = "calendar-check"
    filterset_class = FollowUpFilterSet
    columns = [
        TitleColumn(
            "title",
            label=_("Follow-up"),
            get_url=lambda row: edit_url(row.page_id),
        ),
        Column("page", label=_("IOP")),
        DateColumn("date", label=_("Date")),
        Column("state", label=_("State")),
    ]
    list_export = ["title", "page", "date", "state", "edit_url"]
    export_headings = {
        "title": _("Follow-up"),
        "page": _("IOP"),
        "date": _("Date"),
        "state": _("State"),
        "edit_url": _("Edit"),
    }

    def list_for_user(self, user):
        return attention.partnership_follow_ups(user)

    def decorate_paginated_queryset(self, object_list):
        labels = dict(attention.FollowUpState.CHOICES)
        for row in object_list:
            row.state = labels[
                attention.FollowUpState.OVERDUE
                if row.is_overdue
                else attention.FollowUpState.DUE
            ]
            row.edit_url = self.request.build_absolute_uri(edit_url(row.page_id))
        return object_list


class AgreementFollowUpFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=attention.FollowUpState.CHOICES,
        method="filter_state",
    )

    def filter_state(self, queryset, name, value):
        return queryset.filter(is_overdue=value == attention.FollowUpState.OVERDUE)

    class Meta:
        model = AgreementFollowUp
        fields = []


class AgreementFollowUpsReport(FollowUpsReport):
    """The agreement's follow-ups still to be made, as ``FollowUpsReport``."""

    name = "agreement_follow_ups"
    area = "agreement"
    page_title = _("Agreement follow-ups due")
    filterset_class = AgreementFollowUpFilterSet
    columns = [
        TitleColumn(
            "title",
            label=_("Follow-up"),
            get_url=lambda row: edit_url(row.page_id),
        ),
        Column("page", label=_("Agreement")),
        DateColumn("date", label=_("To be ready by")),
        Column("state", label=_("State")),
    ]
    export_headings = {
        "title": _("Follow-up"),
        "page": _("Agreement"),
        "date": _("To be ready by"),
        "state": _("State"),
        "edit_url": _("Edit"),
    }

    def list_for_user(self, user):
        return attention.agreement_follow_ups(user)


class AgreementFilterSet(WagtailFilterSet):
    has_expired = django_filters.BooleanFilter(label=_("Validity has ended"))

    class Meta:
        model = AgreementPage
        fields = []


class AgreementsReport(AttentionReport):
    name = "agreements"
    area = "agreement"
    page_title = _("Agreements due for revision")
    header_icon = "doc-full"
    filterset_class = AgreementFilterSet
    columns = [
        TitleColumn("title", label=_("Agreement"), url_name="wagtailadmin_pages:edit"),
        DateColumn("valid_until", label=_("Valid until")),
        Column("expired", label=_("Validity has ended")),
    ]
    list_export = ["title", "valid_until", "expired", "edit_url"]
    export_headings = {
        "title": _("Agreement"),
        "valid_until": _("Valid until"),
        "expired": _("Validity has ended"),
        "edit_url": _("Edit"),
    }

    def list_for_user(self, user):
        return attention.agreements_due(user)

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.expired = yes_no(page.has_expired)
            page.edit_url = self.request.build_absolute_uri(edit_url(page.pk))
        return object_list


class MeetingFilterSet(WagtailFilterSet):
    missing = django_filters.ChoiceFilter(
        label=_("Lacks"),
        choices=list(attention.MISSING_LABELS.items()),
        method="filter_missing",
    )

    def filter_missing(self, queryset, name, value):
        return queryset.filter(**{f"lacks_{value}": True})

    class Meta:
        model = EventPage
        fields = []


class MeetingsReport(AttentionReport):
    name = "meetings"
    area = "events"
    page_title = _("Meetings lacking information")
    header_icon = "date"
    filterset_class = MeetingFilterSet
    columns = [
        TitleColumn("title", label=_("Meeting"), url_name="wagtailadmin_pages:edit"),
        DateColumn("next_start", label=_("Next date")),
        Column("lacks", label=_("Lacks")),
    ]
    list_export = ["title", "next_start", "lacks", "edit_url"]
    export_headings = {
        "title": _("Meeting"),
        "next_start": _("Next date"),
        "lacks": _("Lacks"),
        "edit_url": _("Edit"),
    }

    def list_for_user(self, user):
        return attention.meetings_lacking(user)

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.lacks = ", ".join(
                str(label) for label in attention.missing_labels(page)
            )
            page.edit_url = self.request.build_absolute_uri(edit_url(page.pk))
        return object_list


class InProgressFilterSet(WagtailFilterSet):
    in_moderation = django_filters.BooleanFilter(label=_("Awaiting moderation"))

    class Meta:
        model = get_base_page_model()
        fields = []


class InProgressReport(AttentionReport):
    name = "in_progress"
    area = None
    page_title = _("Drafts and pages awaiting moderation")
    header_icon = "edit"
    filterset_class = InProgressFilterSet
    columns = [
        TitleColumn("title", label=_("Page"), url_name="wagtailadmin_pages:edit"),
        Column("page_type", label=_("Type")),
        Column("state", label=_("State")),
        DateColumn("latest_revision_created_at", label=_("Changed")),
    ]
    list_export = [
        "title",
        "page_type",
        "state",
        "latest_revision_created_at",
        "edit_url",
    ]
    export_headings = {
        "title": _("Page"),
        "page_type": _("Type"),
        "state": _("State"),
        "latest_revision_created_at": _("Changed"),
        "edit_url": _("Edit"),
    }

    def list_for_user(self, user):
        return attention.pages_in_progress(user)

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.page_type = attention.page_type_label(page)
            page.state = attention.progress_label(page)
            page.edit_url = self.request.build_absolute_uri(edit_url(page.pk))
        return object_list


REPORTS = [
    EndingPartnershipsReport,
    FollowUpsReport,
    AgreementsReport,
    AgreementFollowUpsReport,
    MeetingsReport,
    InProgressReport,
]


def enabled_reports():
    return [report for report in REPORTS if area_enabled(report.area)]


def report_url(report):
    return reverse(f"wagtail_samverkan_reports:{report.name}")


def urlpatterns():
    patterns = []
    for report in REPORTS:
        patterns += [
            path(f"{report.name}/", report.as_view(), name=report.name),
            path(
                f"{report.name}/results/",
                report.as_view(results_only=True),
                name=f"{report.name}_results",
            ),
        ]
    return patterns


class ReportMenuItem(MenuItem):
    def __init__(self, report, order):
        super().__init__(
            report.page_title,
            report_url(report),
            name=f"samverkan-{report.name.replace('_', '-')}",
            icon_name=report.header_icon,
            order=order,
        )
        self.report = report

    def is_shown(self, request):
        return area_enabled(self.report.area)
