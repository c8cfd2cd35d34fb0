"""The lists of what needs an editor's attention, one query each.

Every list holds only pages the user may edit, and only of the areas the
site uses (``WAGTAIL_SAMVERKAN["AREAS"]``).
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
)
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from wagtail_samverkan.agreement.models import AgreementFollowUp, AgreementPage
from wagtail_samverkan.core.compat import get_base_page_model
from wagtail_samverkan.core.conf import area_enabled, local_today, samverkan_settings
from wagtail_samverkan.events.models import EventPage, EventStatus
from wagtail_samverkan.partnerships.models import PartnershipFollowUp, PartnershipPage

#: How far ahead the cockpit looks for meetings.
MEETING_DAYS = 14

APP_LABEL = "wagtail_samverkan"


def editable(queryset, user, page_field="pk"):
    """``queryset`` narrowed to rows whose page (``page_field``) ``user`` may edit;
    no user (reminders from cron): every row."""
    if user is None or user.is_superuser:
        return queryset
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return queryset.filter(**{f"{page_field}__in": pages.values("pk")})


def _disabled(model, area):
    return None if area_enabled(area) else model.objects.none()


def ending_partnerships(user, today=None, days=None):
    """IOPs whose period ends within ``days`` (``ENDING_SOON_DAYS``), soonest first."""
    today = today or local_today()
    days = samverkan_settings.ENDING_SOON_DAYS if days is None else days
    off = _disabled(PartnershipPage, "partnerships")
    if off is not None:
        return off
    queryset = PartnershipPage.objects.filter(
        end_date__gte=today,
        end_date__lte=today + datetime.timedelta(days=days),
        terminated_on__isnull=True,
    ).select_related("responsible_body")
    return editable(queryset, user).order_by("end_date", "title", "pk")


class FollowUpState:
    DUE = "due"
    OVERDUE = "overdue"
    CHOICES = [(DUE, _("Due")), (OVERDUE, _("Overdue"))]


def partnership_follow_ups(user, today=None, days=None):
    """IOP follow-ups not yet reported (no summary, no document) that are due
    within ``days`` or overdue, oldest first; ``is_overdue`` tells which."""
    today = today or local_today()
    days = samverkan_settings.ENDING_SOON_DAYS if days is None else days
    off = _disabled(PartnershipFollowUp, "partnerships")
    if off is not None:
        return off
    queryset = (
        PartnershipFollowUp.objects.filter(
            date__lte=today + datetime.timedelta(days=days),
            document__isnull=True,
            summary="",
        )
        .exclude(page__terminated_on__lt=today)
        .annotate(
            is_overdue=ExpressionWrapper(Q(date__lt=today), output_field=BooleanField())
        )
        .select_related("page")
    )
    return editable(queryset, user, "page").order_by("date", "page__title", "pk")


def agreement_follow_ups(user, today=None, days=None):
    """Follow-ups of live agreements not yet reported that are due within
    ``days`` or overdue, oldest first; ``date`` is their due date and
    ``is_overdue`` tells which, as for the IOPs' follow-ups."""
    today = today or local_today()
    days = samverkan_settings.ENDING_SOON_DAYS if days is None else days
    off = _disabled(AgreementFollowUp, "agreement")
    if off is not None:
        return off
    queryset = (
        AgreementFollowUp.objects.filter(
            due_date__lte=today + datetime.timedelta(days=days),
            document__isnull=True,
            summary="",
            page__live=True,
        )
        .annotate(
            date=F("due_date"),
            is_overdue=ExpressionWrapper(
                Q(due_date__lt=today), output_field=BooleanField()
            ),
        )
        .select_related("page")
    )
    return editable(queryset, user, "page").order_by("due_date", "page__title", "pk")


def agreements_due(user, today=None, days=None):
    """Live agreements not replaced by a live successor whose validity ends
    within ``days`` or has ended: their revision is due."""
    today = today or local_today()
    days = samverkan_settings.ENDING_SOON_DAYS if days is None else days
    off = _disabled(AgreementPage, "agreement")
    if off is not None:
        return off
    successor = AgreementPage.objects.filter(supersedes=OuterRef("pk"), live=True)
    queryset = (
        AgreementPage.objects.filter(
            live=True, valid_until__lte=today + datetime.timedelta(days=days)
        )
        .exclude(Exists(successor))
        .annotate(
            has_expired=ExpressionWrapper(
                Q(valid_until__lt=today), output_field=BooleanField()
            )
        )
    )
    return editable(queryset, user).order_by("valid_until", "title", "pk")


#: What a meeting may lack, with the condition that says it lacks it.
MISSING = {
    "place": Q(venue="", street_address="", online_url=""),
    "registration": Q(registration_required=True, registration_url="")
    & Q(registration_email=""),
    "accessibility": Q(
        step_free_access=False,
        hearing_loop=False,
        interpretation_on_request=False,
        easy_to_read_material=False,
        accessibility_notes="",
    ),
}
MISSING_LABELS = {
    "place": _("place"),
    "registration": _("registration details"),
    "accessibility": _("accessibility information"),
}


def meetings_lacking(user, now=None, days=MEETING_DAYS):
    """Meetings held in the coming ``days`` that lack a place, registration
    details or accessibility information, the soonest first."""
    now = now or timezone.now()
    off = _disabled(EventPage, "events")
    if off is not None:
        return off
    coming = Q(
        occurrences__start__gte=now,
        occurrences__start__lt=now + datetime.timedelta(days=days),
    ) & ~Q(occurrences__status=EventStatus.CANCELLED)
    lacking = Q()
    for condition in MISSING.values():
        lacking |= condition
    queryset = (
        EventPage.objects.filter(lacking, live=True)
        .exclude(status=EventStatus.CANCELLED)
        .annotate(next_start=Min("occurrences__start", filter=coming))
        .filter(next_start__isnull=False)
        .annotate(
            **{
                f"lacks_{name}": ExpressionWrapper(
                    condition, output_field=BooleanField()
                )
                for name, condition in MISSING.items()
            }
        )
    )
    return editable(queryset, user).order_by("next_start", "title", "pk")


def missing_labels(event):
    """What ``event`` (from :func:`meetings_lacking`) lacks, in words."""
    return [
        label
        for name, label in MISSING_LABELS.items()
        if getattr(event, f"lacks_{name}")
    ]


def pages_in_progress(user):
    """The package's pages with unpublished changes or awaiting moderation,
    the most recently changed first; ``in_moderation`` tells which."""
    Page = get_base_page_model()
    in_moderation = WorkflowState.objects.filter(
        base_content_type__app_label=Page._meta.app_label,
        base_content_type__model=Page._meta.model_name,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    types = ContentType.objects.filter(app_label=APP_LABEL)
    queryset = (
        Page.objects.filter(content_type__in=types)
        .annotate(in_moderation=Exists(in_moderation))
        .filter(Q(has_unpublished_changes=True) | Q(in_moderation=True))
        .select_related("content_type")
    )
    return editable(queryset, user).order_by("-latest_revision_created_at", "pk")


def page_type_label(page):
    """The page's type in words, from its content type (already selected)."""
    model = page.content_type.model_class()
    return model._meta.verbose_name if model else page.content_type.model


def progress_label(page):
    return _("Awaiting moderation") if page.in_moderation else _("Draft")
