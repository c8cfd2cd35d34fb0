"""The cockpit: a panel on the Wagtail admin home listing what needs doing."""

from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from wagtail_samverkan.core.conf import area_enabled

from . import attention, reports

#: Lines each section shows; the report behind its heading has them all.
ITEMS_SHOWN = 5


def _edit(page_id):
    return reverse("wagtailadmin_pages:edit", args=(page_id,))


class Section:
    """One list of the cockpit: its heading, count, first lines and report."""

    def __init__(self, report, queryset, line):
        self.heading = report.page_title
        self.report_url = reports.report_url(report)
        self.count = queryset.count()
        self.lines = (
            [line(item) for item in queryset[:ITEMS_SHOWN]] if self.count else []
        )
        self.more = self.count - len(self.lines)


def _ending(page):
    return {
        "title": page.title,
        "url": _edit(page.pk),
        "detail": _("ends %(date)s") % {"date": date_filter(page.end_date, "j F Y")},
    }


def _follow_up(row):
    text = _("overdue since %(date)s") if row.is_overdue else _("due %(date)s")
    return {
        "title": f"{row.page.title}: {row.title}",
        "url": _edit(row.page_id),
        "detail": text % {"date": date_filter(row.date, "j F Y")},
        "warning": row.is_overdue,
    }


def _agreement(page):
    text = _("expired %(date)s") if page.has_expired else _("expires %(date)s")
    return {
        "title": page.title,
        "url": _edit(page.pk),
        "detail": text % {"date": date_filter(page.valid_until, "j F Y")},
        "warning": page.has_expired,
    }


def _meeting(page):
    start = timezone.localtime(page.next_start)
    return {
        "title": page.title,
        "url": _edit(page.pk),
        "detail": _("%(date)s, lacks %(missing)s")
        % {
            "date": date_filter(start, "j F"),
            "missing": ", ".join(
                str(label) for label in attention.missing_labels(page)
            ),
        },
    }


def _in_progress(page):
    return {
        "title": page.title,
        "url": _edit(page.pk),
        "detail": f"{attention.page_type_label(page)}, "
        f"{attention.progress_label(page)}".lower(),
    }


def sections(user):
    """The cockpit's sections for ``user``: two queries each."""
    found = []
    if area_enabled("partnerships"):
        found.append(
            Section(
                reports.EndingPartnershipsReport,
                attention.ending_partnerships(user),
                _ending,
            )
        )
        found.append(
            Section(
                reports.FollowUpsReport,
                attention.partnership_follow_ups(user),
                _follow_up,
            )
        )
    if area_enabled("agreement"):
        found.append(
            Section(
                reports.AgreementsReport, attention.agreements_due(user), _agreement
            )
        )
        found.append(
            Section(
                reports.AgreementFollowUpsReport,
                attention.agreement_follow_ups(user),
                _follow_up,
            )
        )
    if area_enabled("events"):
        found.append(
            Section(reports.MeetingsReport, attention.meetings_lacking(user), _meeting)
        )
    found.append(
        Section(
            reports.InProgressReport, attention.pages_in_progress(user), _in_progress
        )
    )
    return found


class CockpitPanel(Component):
    name = "samverkan_cockpit"
    template_name = "wagtail_samverkan/editors/cockpit.html"
    order = 90

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        found = sections(self.request.user)
        return {
            "sections": found,
            "total": sum(section.count for section in found),
        }
