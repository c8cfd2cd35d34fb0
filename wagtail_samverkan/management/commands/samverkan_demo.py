from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail_samverkan.core.compat import get_base_page_model
from wagtail_samverkan.demo import load_demo, remove_demo

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "samverkan"
ADMIN_FIRST_NAME = "Demo"
ADMIN_LAST_NAME = "Administratör"


class Command(BaseCommand):
    help = gettext_lazy(
        "Load the wagtail_samverkan demo content (a Borås-like municipality). "
        "Idempotent: running it again updates only what the demo created."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help=gettext_lazy("Remove the demo content, then load it again."),
        )
        parser.add_argument(
            "--remove",
            action="store_true",
            help=gettext_lazy(
                "Remove exactly what the demo created, and load nothing."
            ),
        )
        parser.add_argument(
            "--alongside",
            action="store_true",
            help=gettext_lazy(
                "Load the demo on a site with content of its own, under a page "
                "of the demo's own."
            ),
        )
        parser.add_argument(
            "--beside-pages",
            action="store_true",
            help=gettext_lazy(
                "Put the demo pages under the home page although it has other "
                "pages (they stay as they are). Refused when the site has content "
                "of this package."
            ),
        )
        parser.add_argument(
            "--parent",
            type=int,
            help=gettext_lazy(
                "ID of the page to create the demo pages under (default: the "
                "site's home page)."
            ),
        )
        parser.add_argument(
            "--admin",
            action="store_true",
            help=lazy(
                lambda: (
                    _(
                        "Create (or reset) a superuser %(username)r with password "
                        "%(password)r."
                    )
                    % {"username": ADMIN_USERNAME, "password": ADMIN_PASSWORD}
                ),
                str,
            )(),
        )

    def handle(
        self,
        *args,
        reset=False,
        remove=False,
        alongside=False,
        beside_pages=False,
        parent=None,
        admin=False,
        **options,
    ):
        if remove and reset:
            raise CommandError(_("Use either --remove or --reset, not both."))
        if remove:
            self.stdout.write(_("Removing demo content…"))
            remove_demo(stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS(_("Demo content removed.")))
            return
        parent_page = None
        if parent:
            parent_page = get_base_page_model().objects.filter(pk=parent).first()
            if parent_page is None:
                raise CommandError(_("No page has the id %(id)s.") % {"id": parent})
            parent_page = parent_page.specific
        # Remove and load as one: when the load is refused, the removal is undone.
        with transaction.atomic():
            if reset:
                self.stdout.write(_("Removing demo content…"))
                remove_demo(stdout=self.stdout)
            self.stdout.write(_("Loading demo content…"))
            load_demo(
                parent=parent_page,
                alongside=alongside,
                beside_pages=beside_pages,
                stdout=self.stdout,
            )
        if admin:
            user, _created = get_user_model().objects.get_or_create(
                username=ADMIN_USERNAME, defaults={"email": "admin@example.org"}
            )
            user.is_staff = user.is_superuser = user.is_active = True
            # Wagtail's account settings cannot be saved without a name.
            user.first_name = user.first_name or ADMIN_FIRST_NAME
            user.last_name = user.last_name or ADMIN_LAST_NAME
            user.set_password(ADMIN_PASSWORD)
            user.save()
            self.stdout.write(
                _("Admin user: %(username)s / password: %(password)s")
                % {"username": ADMIN_USERNAME, "password": ADMIN_PASSWORD}
            )
        self.stdout.write(self.style.SUCCESS(_("Demo content loaded.")))
