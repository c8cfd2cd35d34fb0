"""Ready-made roles: the groups, their exact permissions, the workflow, the command."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from tests.agreement.helpers import make_index
from tests.factories import (
    MunicipalBodyFactory,
    OrganisationFactory,
    create_calendar,
    make_register,
)
from tests.partnerships.test_pages import add_url, form_data
from wagtail_samverkan.core.compat import get_base_page_model
from wagtail_samverkan.models import PartnershipPage

pytestmark = pytest.mark.django_db

#: The base page model's name, as in its permissions' codenames (``add_page``).
PAGE = get_base_page_model()._meta.model_name


@pytest.fixture
def index_pages(root_page):
    return [
        make_index(root_page),
        make_register(root_page),
        create_calendar(root_page),
    ]


def run():
    out = io.StringIO()
    call_command("samverkan_roles", stdout=out)
    return out.getvalue()


def model_permissions(group):
    return {
        (p.content_type.app_label, p.codename)
        for p in group.permissions.select_related("content_type")
    }


def page_permissions(group):
    return {
        (row.page_id, row.permission.codename)
        for row in GroupPagePermission.objects.filter(group=group).select_related(
            "permission"
        )
    }


def collection_permissions(group):
    return {
        (row.collection.depth, row.permission.codename)
        for row in GroupCollectionPermission.objects.filter(group=group).select_related(
            "permission", "collection"
        )
    }


REGISTER = {
    ("wagtail_samverkan", f"{action}_{model}")
    for model in ("organisation", "municipalbody", "focusarea")
    for action in ("add", "change", "delete")
}
MEDIA = {
    (1, "add_image"),
    (1, "change_image"),
    (1, "choose_image"),
    (1, "add_document"),
    (1, "change_document"),
    (1, "choose_document"),
}


def test_the_editors_group_has_exactly_the_permissions_the_areas_need(index_pages):
    output = run()
    editors = Group.objects.get(name="Samverkan – redaktörer")
    assert model_permissions(editors) == {
        ("wagtailadmin", "access_admin"),
        *REGISTER,
        ("wagtail_samverkan", "add_principle"),
        ("wagtail_samverkan", "change_principle"),
    }
    assert page_permissions(editors) == {
        (page.pk, codename)
        for page in index_pages
        for codename in (f"add_{PAGE}", f"change_{PAGE}")
    }
    assert collection_permissions(editors) == MEDIA
    assert "Samverkan – redaktörer" in output


def test_the_moderators_group_may_also_publish(index_pages):
    run()
    moderators = Group.objects.get(name="Samverkan – granskare")
    assert model_permissions(moderators) == {
        ("wagtailadmin", "access_admin"),
        *REGISTER,
        ("wagtail_samverkan", "add_principle"),
        ("wagtail_samverkan", "change_principle"),
        ("wagtail_samverkan", "publish_principle"),
        ("wagtail_samverkan", "lock_principle"),
        ("wagtail_samverkan", "unlock_principle"),
    }
    assert page_permissions(moderators) == {
        (page.pk, codename)
        for page in index_pages
        for codename in (
            f"add_{PAGE}",
            f"change_{PAGE}",
            f"publish_{PAGE}",
            f"lock_{PAGE}",
            f"unlock_{PAGE}",
        )
    }


def test_the_workflow_has_a_swedish_name_and_the_moderators_task(index_pages):
    run()
    workflow = Workflow.objects.get(name="Granskning av samverkan")
    (task,) = [
        link.task.specific for link in WorkflowTask.objects.filter(workflow=workflow)
    ]
    assert isinstance(task, GroupApprovalTask)
    assert task.name == "Granskare godkänner"
    assert [group.name for group in task.groups.all()] == ["Samverkan – granskare"]
    assert set(
        WorkflowPage.objects.filter(workflow=workflow).values_list("page_id", flat=True)
    ) == {page.pk for page in index_pages}
    assert WorkflowContentType.objects.filter(workflow=workflow).count() == 1


def counts():
    return [
        model.objects.count()
        for model in (
            Group,
            GroupPagePermission,
            GroupCollectionPermission,
            Workflow,
            GroupApprovalTask,
            WorkflowTask,
            WorkflowPage,
            WorkflowContentType,
        )
    ]


def test_running_again_changes_nothing_and_restores_what_was_changed(index_pages):
    run()
    before = counts()
    editors = Group.objects.get(name="Samverkan – redaktörer")
    permissions = model_permissions(editors)
    run()
    assert counts() == before
    # A permission added by hand, or one removed, is put back as listed.
    from django.contrib.auth.models import Permission

    editors.permissions.add(Permission.objects.get(codename="delete_principle"))
    GroupPagePermission.objects.filter(group=editors).first().delete()
    run()
    assert counts() == before
    assert model_permissions(editors) == permissions


def test_a_page_with_a_workflow_of_its_own_keeps_it(index_pages):
    other = Workflow.objects.create(name="Kommunens egen granskning")
    WorkflowPage.objects.create(page=index_pages[0], workflow=other)
    run()
    assert WorkflowPage.objects.get(page=index_pages[0]).workflow == other


def test_without_index_pages_the_command_says_to_run_it_again(root_page):
    with translation.override("sv"):
        output = run()
    assert "Kör kommandot igen" in output
    assert not GroupPagePermission.objects.filter(
        group__name__startswith="Samverkan"
    ).exists()


@pytest.fixture
def editor_client(client, django_user_model, index_pages):
    run()
    user = django_user_model.objects.create_user(
        username="redaktor", password="x", first_name="Rut", last_name="Redaktör"
    )
    user.groups.add(Group.objects.get(name="Samverkan – redaktörer"))
    client.force_login(user)
    return client


def test_an_editor_can_create_an_iop_and_submit_it_for_moderation(
    editor_client, index_pages
):
    register = index_pages[1]
    assert editor_client.get(add_url(register)).status_code == 200
    data = form_data(
        partners=[{"organisation": OrganisationFactory().pk, "role": "lead"}],
        publish=False,
    )
    data["action-submit"] = "action-submit"
    response = editor_client.post(add_url(register), data)
    assert response.status_code == 302, response.context["form"].errors
    page = PartnershipPage.objects.get(slug="laxhjalp-i-norrby")
    assert not page.live
    assert page.current_workflow_state.workflow.name == "Granskning av samverkan"


def test_an_editor_cannot_publish_an_iop(editor_client, index_pages):
    register = index_pages[1]
    response = editor_client.post(
        add_url(register),
        form_data(
            partners=[{"organisation": OrganisationFactory().pk, "role": "lead"}]
        ),
    )
    page = PartnershipPage.objects.get(slug="laxhjalp-i-norrby")
    assert not page.live
    assert response.status_code == 302


def test_an_editor_cannot_do_unrelated_things(editor_client, root_page):
    # No pages outside the package's areas.
    home_add = reverse("wagtailadmin_pages:add_subpage", args=(root_page.pk,))
    assert editor_client.get(home_add).status_code in (302, 403)
    assert editor_client.get(
        reverse("wagtailadmin_pages:edit", args=(root_page.pk,))
    ).status_code in (302, 403)
    # No users, groups, sites or settings.
    for name in (
        "wagtailusers_users:index",
        "wagtailusers_groups:index",
        "wagtailsites:index",
    ):
        assert editor_client.get(reverse(name)).status_code in (302, 403), name
    # The register, yes.
    body = MunicipalBodyFactory()
    assert (
        editor_client.get(
            reverse(
                "wagtailsnippets_wagtail_samverkan_municipalbody:edit", args=(body.pk,)
            )
        ).status_code
        == 200
    )


def test_the_index_pages_are_not_the_whole_tree(index_pages):
    run()
    editors = Group.objects.get(name="Samverkan – redaktörer")
    assert get_base_page_model().get_first_root_node().pk not in {
        page_id for page_id, _codename in page_permissions(editors)
    }


def test_the_demo_uses_the_roles_and_its_admin_has_a_name(root_page, django_user_model):
    call_command("samverkan_demo", "--admin", stdout=io.StringIO())
    editors = Group.objects.get(name="Samverkan – redaktörer")
    assert len({page_id for page_id, _ in page_permissions(editors)}) == 3
    admin = django_user_model.objects.get(username="admin")
    assert (admin.first_name, admin.last_name) == ("Demo", "Administratör")
    # Removing the demo removes its pages and so their permissions; the
    # groups and the workflow stay, for the site's own pages.
    call_command("samverkan_demo", "--remove", stdout=io.StringIO())
    assert Group.objects.filter(name="Samverkan – redaktörer").exists()
    assert not GroupPagePermission.objects.filter(group=editors).exists()
    assert Workflow.objects.filter(name="Granskning av samverkan").exists()
