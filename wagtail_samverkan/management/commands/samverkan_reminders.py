"""Mail reminders about IOPs ending and follow-ups due; run daily from cron."""

from django.core.management.base import BaseCommand

from wagtail_samverkan.editors.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Mail each responsible editor (the page's owner, or "
        "WAGTAIL_SAMVERKAN['REMINDER_EMAIL']) about IOPs ending and follow-ups "
        "due; each item and date is reminded of once."
    )

    def handle(self, *args, **options):
        mails, unaddressed = send_reminders()
        self.stdout.write(f"{mails} e-mail(s) sent")
        if unaddressed:
            self.stderr.write(
                f"{unaddressed} item(s) have no recipient: their page has no owner "
                "with an e-mail address and REMINDER_EMAIL is not set"
            )
