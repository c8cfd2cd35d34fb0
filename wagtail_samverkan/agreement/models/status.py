"""The status and the versions of an agreement, derived from dates and replacements.

An agreement's status is never typed: it follows from its dates and from the
live, public agreements that replace it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail_samverkan.core.conf import local_today
from wagtail_samverkan.core.pages import not_private_q


def _agreement_pages():
    from wagtail_samverkan.agreement.models import AgreementPage

    return AgreementPage.objects


class AgreementStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("Not yet in force")
    SUPERSEDED = "superseded", _("Superseded")
    EXPIRED = "expired", _("Expired")


def annotate_statuses(agreements, today=None):
    """Set ``status`` and ``superseding_agreement`` on many agreements in one query."""
    ids = [agreement.pk for agreement in agreements]
    successors = {}
    for successor in (
        _agreement_pages()
        .live()
        .filter(not_private_q())
        .filter(supersedes_id__in=ids)
        .order_by("valid_from", "decision_date", "pk")
    ):
        successors.setdefault(successor.supersedes_id, []).append(successor)
    for agreement in agreements:
        agreement._successors = successors.get(agreement.pk, [])
        agreement.status = agreement.get_status(today)


class AgreementVersionsMixin:
    """Validation, status and versions of :class:`AgreementPage`."""

    # -- Validation -------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The agreement cannot end before it starts.")
        if self.supersedes_id:
            if self.pk and self.supersedes_id == self.pk:
                errors["supersedes"] = _("An agreement cannot replace itself.")
            elif self.pk and self._supersedes_chain_reaches(self.pk):
                errors["supersedes"] = _(
                    "This would make a circle: the chosen agreement already "
                    "replaces this one, directly or through other versions."
                )
        if errors:
            raise ValidationError(errors)

    def _supersedes_chain_reaches(self, target_pk):
        seen = set()
        current = self.supersedes_id
        while current is not None and current not in seen:
            if current == target_pk:
                return True
            seen.add(current)
            current = (
                _agreement_pages()
                .filter(pk=current)
                .values_list("supersedes_id", flat=True)
                .first()
            )
        return False

    # -- Translations -------------------------------------------------------

    def save(self, *args, **kwargs):
        # A translation copies "replaces" from the source page, which points
        # at a page in the source's language: point it at the version in this
        # page's own language instead, where there is one, so that the
        # versions (and the status they give) stay within one language.
        if self.supersedes_id and self.locale_id:
            own = (
                _agreement_pages()
                .filter(
                    locale_id=self.locale_id,
                    translation_key=_agreement_pages()
                    .filter(pk=self.supersedes_id)
                    .exclude(locale_id=self.locale_id)
                    .values("translation_key")[:1],
                )
                .values_list("pk", flat=True)
                .first()
            )
            if own is not None:
                self.supersedes_id = own
        super().save(*args, **kwargs)
        # Versions in this language that replace this page's source still
        # point at the source: point them here.
        if self.locale_id and self.pk:
            _agreement_pages().filter(
                locale_id=self.locale_id,
                supersedes__translation_key=self.translation_key,
            ).exclude(supersedes_id=self.pk).update(supersedes_id=self.pk)

    # -- Status -------------------------------------------------------------

    @property
    def starts_on(self):
        """The first day the agreement applies: valid from, else the decision date."""
        return self.valid_from or self.decision_date

    @cached_property
    def _related_versions(self):
        """The live, public agreements that replace this one or that it replaces.

        One query for both directions.
        """
        if self.pk is None:
            return []
        condition = Q(supersedes_id=self.pk)
        if self.supersedes_id:
            condition |= Q(pk=self.supersedes_id)
        return list(
            _agreement_pages()
            .live()
            .filter(condition)
            .filter(not_private_q())
            .exclude(pk=self.pk)
            .order_by("valid_from", "decision_date", "pk")
        )

    @cached_property
    def _successors(self):
        return [a for a in self._related_versions if a.supersedes_id == self.pk]

    def get_superseding_agreement(self, today=None):
        """The later live agreement that has replaced this one, if any.

        A successor counts once it has started; one decided but not yet in
        force leaves this version in force until then. In a (faulty) circle of
        replacements only the later of two versions counts as replacing.
        """
        today = today or local_today()
        for successor in self._successors:
            if successor.pk == self.pk:
                continue
            start = successor.starts_on
            if start is not None and start > today:
                continue
            if (
                start is not None
                and self.starts_on is not None
                and start < self.starts_on
            ):
                continue
            return successor
        return None

    def get_status(self, today=None):
        today = today or local_today()
        if self.get_superseding_agreement(today) is not None:
            return AgreementStatus.SUPERSEDED
        start = self.starts_on
        if start is not None and start > today:
            return AgreementStatus.NOT_YET_IN_FORCE
        if self.valid_until is not None and self.valid_until < today:
            return AgreementStatus.EXPIRED
        return AgreementStatus.IN_FORCE

    def get_last_day(self, today=None):
        """The last day the agreement applied or applies, or None if open-ended.

        Its own end date, or the day before its successor started when that
        came first: a replaced agreement ceased to apply when the new one began.
        """
        last_day = self.valid_until
        successor = self.get_superseding_agreement(today)
        if successor is not None and successor.starts_on is not None:
            day_before = successor.starts_on - datetime.timedelta(days=1)
            if last_day is None or day_before < last_day:
                last_day = day_before
        return last_day

    def get_status_display(self, today=None):
        return AgreementStatus(self.get_status(today)).label

    def get_version_in_force(self, today=None):
        """Follow the replacements to the newest version; stops on circles."""
        seen = {self.pk}
        current = self.get_superseding_agreement(today)
        if current is None:
            return None
        while True:
            following = current.get_superseding_agreement(today)
            if following is None or following.pk in seen:
                return current
            seen.add(current.pk)
            current = following

    def get_previous_version(self):
        """The earlier version this one replaces, when it is live and public."""
        if not self.supersedes_id or self.supersedes_id == self.pk:
            return None
        return next(
            (a for a in self._related_versions if a.pk == self.supersedes_id), None
        )
