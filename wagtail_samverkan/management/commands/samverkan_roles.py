from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail_samverkan.editors.roles import ensure_roles


class Command(BaseCommand):
    help = gettext_lazy(
        "Create or update the groups “Samverkan – redaktörer” and “Samverkan – "
        "granskare” and the workflow “Granskning av samverkan”. Idempotent: run "
        "it again after adding an agreement, IOP register or calendar page."
    )

    def handle(self, *args, **options):
        roles = ensure_roles()
        for key in ("editors", "moderators"):
            group = roles[key]
            self.stdout.write(
                _("Group “%(name)s”: %(count)d permissions")
                % {"name": group.name, "count": group.permissions.count()}
            )
        self.stdout.write(_("Workflow “%(name)s”") % {"name": roles["workflow"].name})
        if roles["pages"]:
            for page in roles["pages"]:
                self.stdout.write(
                    _("  pages under “%(title)s”") % {"title": page.title}
                )
        else:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "No agreement, IOP register or calendar page exists yet: the "
                        "groups have no page permissions. Run the command again once "
                        "you have created them."
                    )
                )
            )
        self.stdout.write(self.style.SUCCESS(_("Roles are up to date.")))
