"""Ready-made roles: the editors' and moderators' groups and a moderation workflow.

``ensure_roles()`` creates them or brings them back to exactly what is listed
here, so running it again changes nothing. Page permissions are given on the
package's index pages (the agreement, IOP register and calendar pages), so the
groups can work in those parts of the page tree and nowhere else.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from wagtail_samverkan.agreement.models import AgreementIndexPage, Principle
from wagtail_samverkan.core.compat import get_base_page_model
from wagtail_samverkan.events.models import EventIndexPage
from wagtail_samverkan.partnerships.models import PartnershipIndexPage
from wagtail_samverkan.register.models import FocusArea, MunicipalBody, Organisation

# The names are data the admin shows as they are, in Swedish like the
# municipalities that use the package; a group is found again by its name.
EDITORS = "Samverkan – redaktörer"
MODERATORS = "Samverkan – granskare"
WORKFLOW = "Granskning av samverkan"
TASK = "Granskare godkänner"

#: The pages under which the groups work, each with its whole subtree.
INDEX_PAGES = (AgreementIndexPage, PartnershipIndexPage, EventIndexPage)

#: ``(app_label, codename)`` of the model permissions of each group.
ADMIN = [("wagtailadmin", "access_admin")]
REGISTER = [
    ("wagtail_samverkan", f"{action}_{model._meta.model_name}")
    for model in (Organisation, MunicipalBody, FocusArea)
    for action in ("add", "change", "delete")
]
PRINCIPLES = [
    ("wagtail_samverkan", "add_principle"),
    ("wagtail_samverkan", "change_principle"),
]
MODEL_PERMISSIONS = {
    EDITORS: [*ADMIN, *REGISTER, *PRINCIPLES],
    MODERATORS: [
        *ADMIN,
        *REGISTER,
        *PRINCIPLES,
        ("wagtail_samverkan", "publish_principle"),
        ("wagtail_samverkan", "lock_principle"),
        ("wagtail_samverkan", "unlock_principle"),
    ],
}

#: Page permissions (actions on the base page model) on each index page.
PAGE_PERMISSIONS = {
    EDITORS: ["add", "change"],
    MODERATORS: ["add", "change", "publish", "lock", "unlock"],
}

#: Image and document permissions on the root collection: both groups upload
#: the signed agreements, follow-up reports and pictures their pages show.
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _permissions(pairs):
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(
            codename__in=[codename for _app, codename in pairs]
        ).select_related("content_type")
    }
    missing = [pair for pair in pairs if pair not in found]
    if missing:
        raise LookupError(f"Permissions missing (run migrate first): {missing}")
    return [found[pair] for pair in pairs]


def _page_permissions(actions):
    # Wagtail names them after the base page model, which a site may swap
    # (``WAGTAIL_PAGE_MODEL``): ``wagtailcore.add_page`` by default.
    meta = get_base_page_model()._meta
    return _permissions(
        [(meta.app_label, f"{action}_{meta.model_name}") for action in actions]
    )


def index_pages():
    """The package's index pages, live or not, in the order of the page tree."""
    pages = []
    for model in INDEX_PAGES:
        pages.extend(model.objects.all())
    return sorted(pages, key=lambda page: page.path)


def _set_group(name, pages):
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.set(_permissions(MODEL_PERMISSIONS[name]))
    wanted = {
        (page.pk, permission.pk)
        for page in pages
        for permission in _page_permissions(PAGE_PERMISSIONS[name])
    }
    existing = GroupPagePermission.objects.filter(group=group)
    existing.exclude(
        pk__in=[
            row.pk for row in existing if (row.page_id, row.permission_id) in wanted
        ]
    ).delete()
    have = set(existing.values_list("page_id", "permission_id"))
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page_id=page_id, permission_id=permission_id)
        for page_id, permission_id in sorted(wanted - have)
    )
    root = Collection.get_first_root_node()
    wanted = {permission.pk for permission in _permissions(COLLECTION_PERMISSIONS)}
    rows = GroupCollectionPermission.objects.filter(group=group)
    rows.exclude(collection=root, permission_id__in=wanted).delete()
    have = set(rows.values_list("permission_id", flat=True))
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(group=group, collection=root, permission_id=pk)
        for pk in sorted(wanted - have)
    )
    return group


def _set_workflow(moderators, pages):
    """The workflow with its one task, on the index pages and the principles.

    A page or a principle that already has another workflow keeps it: that
    was the site's choice.
    """
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK)
    task.active = True
    task.save()
    task.groups.set([moderators])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW)
    if not workflow.active:
        workflow.active = True
        workflow.save()
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    for page in pages:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    WorkflowContentType.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Principle),
        defaults={"workflow": workflow},
    )
    return workflow


@transaction.atomic
def ensure_roles():
    """Create or update the groups and the workflow; return them.

    ``{"editors": Group, "moderators": Group, "workflow": Workflow,
    "pages": [index pages]}``
    """
    pages = index_pages()
    editors = _set_group(EDITORS, pages)
    moderators = _set_group(MODERATORS, pages)
    workflow = _set_workflow(moderators, pages)
    return {
        "editors": editors,
        "moderators": moderators,
        "workflow": workflow,
        "pages": pages,
    }
