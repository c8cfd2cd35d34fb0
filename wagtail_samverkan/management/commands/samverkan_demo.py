from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from wagtail_samverkan.core.compat import get_base_page_model
from wagtail_samverkan.demo import load_demo, reset_demo

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "samverkan"


class Command(BaseCommand):
    help = (
        "Load the wagtail_samverkan demo content (a Borås-like municipality). "
        "Idempotent: running it again gives the same content."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Remove the demo content first."
        )
        parser.add_argument(
            "--parent",
            type=int,
            help="ID of the page to create the demo pages under (default: the site's home page).",
        )
        parser.add_argument(
            "--admin",
            action="store_true",
            help=f"Create (or reset) a superuser {ADMIN_USERNAME!r} with password {ADMIN_PASSWORD!r}.",
        )

    def handle(self, *args, reset=False, parent=None, admin=False, **options):
        if reset:
            self.stdout.write("Removing demo content…")
            reset_demo(stdout=self.stdout)
        parent_page = (
            get_base_page_model().objects.get(pk=parent).specific if parent else None
        )
        self.stdout.write("Loading demo content…")
        load_demo(parent=parent_page, stdout=self.stdout)
        if admin:
            user, _ = get_user_model().objects.get_or_create(
                username=ADMIN_USERNAME, defaults={"email": "admin@example.org"}
            )
            user.is_staff = user.is_superuser = user.is_active = True
            user.set_password(ADMIN_PASSWORD)
            user.save()
            self.stdout.write(
                f"Admin user: {ADMIN_USERNAME} / password: {ADMIN_PASSWORD}"
            )
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
