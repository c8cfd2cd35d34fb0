"""Reminders by e-mail: ``samverkan_reminders``."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from tests.factories import make_partnership, make_register
from wagtail_samverkan.core.conf import local_today
from wagtail_samverkan.models import PartnershipFollowUp, Reminder

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_user(
        username="ansvarig", email="ansvarig@example.org", password="lösenord"
    )


@pytest.fixture
def partnership(root_page, owner):
    today = local_today()
    register = make_register(root_page)
    page = make_partnership(
        register,
        title="Läxhjälp i Norrby",
        end_date=today + datetime.timedelta(days=20),
        owner=owner,
    )
    PartnershipFollowUp.objects.create(
        page=page, date=today - datetime.timedelta(days=2), title="Årsrapport"
    )
    make_partnership(
        register, title="Långt kvar", end_date=today + datetime.timedelta(days=300)
    )
    return page


def test_the_owner_is_mailed_once_in_swedish(partnership):
    call_command("samverkan_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ansvarig@example.org"]
    assert message.subject == "Samverkan: påminnelser"
    assert "Partnerskapet ”Läxhjälp i Norrby” slutar" in message.body
    assert (
        "Uppföljningen ”Årsrapport” av partnerskapet ”Läxhjälp i Norrby” är försenad"
        in message.body
    )
    assert f"http://testserver/admin/pages/{partnership.pk}/edit/" in message.body
    assert "Långt kvar" not in message.body
    assert Reminder.objects.count() == 2

    call_command("samverkan_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_a_new_date_is_reminded_of_again(partnership):
    call_command("samverkan_reminders", stdout=io.StringIO())
    partnership.end_date += datetime.timedelta(days=5)
    partnership.save()
    call_command("samverkan_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    assert "slutar" in mail.outbox[1].body
    assert "Årsrapport" not in mail.outbox[1].body


def test_a_configured_address_receives_every_reminder(partnership, settings):
    settings.WAGTAIL_SAMVERKAN = {"REMINDER_EMAIL": "iop@kommun.example"}
    call_command("samverkan_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["iop@kommun.example"]]


def test_items_without_a_recipient_are_not_recorded(partnership, capsys):
    partnership.owner = None
    partnership.save()
    call_command("samverkan_reminders")
    assert mail.outbox == []
    assert Reminder.objects.count() == 0
    assert "2 item(s) have no recipient" in capsys.readouterr().err


def test_an_agreement_follow_up_due_is_reminded_of_once(root_page, owner):
    from tests.agreement.helpers import make_agreement, make_index
    from wagtail_samverkan.models import AgreementFollowUp

    agreement = make_agreement(make_index(root_page), owner=owner)
    AgreementFollowUp.objects.create(
        page=agreement,
        period="2026",
        title="Gemensam uppföljning 2026",
        due_date=local_today() + datetime.timedelta(days=14),
    )
    call_command("samverkan_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert (
        f"Uppföljningen ”Gemensam uppföljning 2026” av överenskommelsen ”{agreement.title}” "
        "ska vara klar" in " ".join(mail.outbox[0].body.split())
    )
    call_command("samverkan_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
