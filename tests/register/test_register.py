import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from tests.factories import FocusAreaFactory, MunicipalBodyFactory, OrganisationFactory
from tests.testapp.models import Grant
from wagtail_samverkan.models import FocusArea, MunicipalBody, Organisation

pytestmark = pytest.mark.django_db

DECOMPOSED_ASA = "A\u030asa"  # "Åsa" typed as A + combining ring
SWEDISH_NAMES = [
    "Örnen",
    "Zebra",
    "Ängen",
    "Åsen",
    "alfa",
    "Ekorren",
    "Rödakorsgården",
    "Éclair",
    "Beta",
    "Barnö",
    DECOMPOSED_ASA,
    "Röda Korset",
    "Barn i fokus",
]
# As in a dictionary: a space before any letter, é with e, Å Ä Ö after Z.
SWEDISH_ORDER = [
    "alfa",
    "Barn i fokus",
    "Barnö",
    "Beta",
    "Éclair",
    "Ekorren",
    "Röda Korset",
    "Rödakorsgården",
    "Zebra",
    DECOMPOSED_ASA,
    "Åsen",
    "Ängen",
    "Örnen",
]


def test_organisation_number_is_normalised_and_optional():
    organisation = Organisation.objects.create(
        name="A", organisation_number="5560000001"
    )
    assert organisation.organisation_number == "556000-0001"
    blank_one = Organisation.objects.create(name="B", organisation_number="")
    blank_two = Organisation.objects.create(name="C", organisation_number="")
    # Blank numbers are stored as NULL so several organisations may lack one.
    assert (
        blank_one.organisation_number is None and blank_two.organisation_number is None
    )


def test_organisation_clean_names_the_field():
    organisation = Organisation(name="A", organisation_number="556000-0000")
    with pytest.raises(ValidationError) as raised:
        organisation.full_clean()
    assert "organisation_number" in raised.value.message_dict


def test_swedish_ordering_of_organisations_on_this_database():
    for name in SWEDISH_NAMES:
        OrganisationFactory(name=name)
    assert [o.name for o in Organisation.objects.all()] == SWEDISH_ORDER


def test_swedish_ordering_of_bodies_and_focus_areas():
    for name in SWEDISH_NAMES:
        MunicipalBodyFactory(name=name)
        FocusAreaFactory(name=name)
    assert [b.name for b in MunicipalBody.objects.all()] == SWEDISH_ORDER
    assert [f.name for f in FocusArea.objects.all()] == SWEDISH_ORDER


def test_focus_area_slug_from_name():
    area = FocusAreaFactory(name="Barn och unga", slug="")
    assert area.slug == "barn-och-unga"


def test_body_cannot_belong_to_itself_through_others():
    committee = MunicipalBodyFactory(name="Nämnden")
    administration = MunicipalBodyFactory(name="Förvaltningen", parent=committee)
    committee.parent = administration
    with pytest.raises(ValidationError) as raised:
        committee.full_clean()
    assert "parent" in raised.value.message_dict


# --- The admin -------------------------------------------------------------


def test_samverkan_menu_groups_the_register(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    content = response.content.decode()
    assert "Samverkan" in content
    for url_name in (
        "wagtailsnippets_wagtail_samverkan_organisation:list",
        "wagtailsnippets_wagtail_samverkan_municipalbody:list",
        "wagtailsnippets_wagtail_samverkan_focusarea:list",
    ):
        assert admin_client.get(reverse(url_name)).status_code == 200


def test_admin_lists_organisations_in_swedish_order_and_reverse(admin_client):
    for name in SWEDISH_NAMES:
        OrganisationFactory(name=name)
    url = reverse("wagtailsnippets_wagtail_samverkan_organisation:list")
    content = admin_client.get(url).content.decode()
    positions = [content.index(f">{name}<") for name in SWEDISH_ORDER]
    assert positions == sorted(positions)
    content = admin_client.get(url, {"ordering": "-name"}).content.decode()
    positions = [content.index(f">{name}<") for name in SWEDISH_ORDER]
    assert positions == sorted(positions, reverse=True)


def test_admin_search_by_name_and_number(admin_client):
    OrganisationFactory(name="Schackklubben Örnen", organisation_number="802400-2746")
    OrganisationFactory(name="Teaterföreningen")
    url = reverse("wagtailsnippets_wagtail_samverkan_organisation:list")
    by_name = admin_client.get(url, {"q": "Schack"}).content.decode()
    assert "Schackklubben Örnen" in by_name and "Teaterföreningen" not in by_name
    for query in ("802400-2746", "8024002746", "802400"):
        by_number = admin_client.get(url, {"q": query}).content.decode()
        assert "Schackklubben Örnen" in by_number, query
        assert "Teaterföreningen" not in by_number, query


def test_admin_filter_by_kind(admin_client):
    OrganisationFactory(name="Stiftelsen Ett", kind="foundation")
    OrganisationFactory(name="Föreningen Två", kind="association")
    url = reverse("wagtailsnippets_wagtail_samverkan_organisation:list")
    content = admin_client.get(url, {"kind": "foundation"}).content.decode()
    assert "Stiftelsen Ett" in content and "Föreningen Två" not in content


def test_admin_form_shows_a_bad_organisation_number(admin_client):
    url = reverse("wagtailsnippets_wagtail_samverkan_organisation:add")
    response = admin_client.post(
        url,
        {
            "name": "Ny förening",
            "organisation_number": "556000-0000",
            "kind": "association",
        },
    )
    assert response.status_code == 200
    assert "organisation_number" in response.context["form"].errors
    assert not Organisation.objects.filter(name="Ny förening").exists()


def test_admin_form_normalises_a_number(admin_client):
    url = reverse("wagtailsnippets_wagtail_samverkan_organisation:add")
    response = admin_client.post(
        url,
        {
            "name": "Ny förening",
            "organisation_number": "5560000001",
            "kind": "association",
        },
    )
    assert response.status_code == 302
    assert (
        Organisation.objects.get(name="Ny förening").organisation_number
        == "556000-0001"
    )


def test_admin_form_refuses_a_duplicate_number(admin_client):
    OrganisationFactory(organisation_number="556000-0001")
    url = reverse("wagtailsnippets_wagtail_samverkan_organisation:add")
    response = admin_client.post(
        url,
        {"name": "Kopia", "organisation_number": "5560000001", "kind": "association"},
    )
    assert response.status_code == 200
    assert "organisation_number" in response.context["form"].errors


def test_deleting_a_referenced_organisation_is_refused_with_an_explanation(
    admin_client,
):
    organisation = OrganisationFactory(name="Föreningen Kvar")
    Grant.objects.create(title="Bidrag till läger", organisation=organisation)
    url = reverse(
        "wagtailsnippets_wagtail_samverkan_organisation:delete", args=[organisation.pk]
    )
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    assert confirm.context["is_protected"] is True
    response = admin_client.post(url, follow=True)
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert any("Föreningen Kvar" in m and "Bidrag till läger" in m for m in messages), (
        messages
    )


def test_deleting_a_body_protected_outside_the_reference_index_explains(
    admin_client, monkeypatch
):
    committee = MunicipalBodyFactory(name="Kulturnämnden")
    MunicipalBodyFactory(name="Kulturförvaltningen", parent=committee)
    # Simulate a reference Wagtail's index does not know about.
    from wagtail.models import ReferenceIndex

    monkeypatch.setattr(
        ReferenceIndex,
        "get_grouped_references_to",
        classmethod(lambda cls, obj: _NoUsage()),
    )
    url = reverse(
        "wagtailsnippets_wagtail_samverkan_municipalbody:delete", args=[committee.pk]
    )
    response = admin_client.post(url, follow=True)
    assert MunicipalBody.objects.filter(pk=committee.pk).exists()
    messages = [str(m) for m in response.context["messages"]]
    assert any("Kulturförvaltningen" in m and "Kulturnämnden" in m for m in messages), (
        messages
    )


class _NoUsage:
    is_protected = False

    def count(self):
        return 0

    def __iter__(self):
        return iter([])

    def __len__(self):
        return 0


def test_deleting_an_unreferenced_organisation_works(admin_client):
    organisation = OrganisationFactory()
    url = reverse(
        "wagtailsnippets_wagtail_samverkan_organisation:delete", args=[organisation.pk]
    )
    assert admin_client.post(url).status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def test_database_vendor_is_reported(capsys):
    # Makes the database a run used visible in the test output.
    print(f"database: {connection.vendor}")
    assert connection.vendor in {"sqlite", "postgresql"}


def test_host_models_can_relate_to_the_register_with_parental_m2m():
    """modelcluster orders unsaved relations by Meta.ordering, which must be plain fields."""
    from modelcluster.queryset import FakeQuerySet

    first, second = FocusAreaFactory(name="Örnar"), FocusAreaFactory(name="Aspar")

    fake = FakeQuerySet(FocusArea, [first, second])
    assert [area.name for area in fake.order_by(*FocusArea._meta.ordering)] == [
        "Aspar",
        "Örnar",
    ]
    assert [
        area.name for area in FocusArea.objects.filter(pk__in=[first.pk, second.pk])
    ] == [
        "Aspar",
        "Örnar",
    ]


def test_the_sort_key_follows_renames_and_is_filled_for_existing_rows():
    import importlib
    from types import SimpleNamespace

    from django.apps import apps

    first = OrganisationFactory(name="Örnen")
    OrganisationFactory(name="Bokcirkeln")
    first.name = "Alfa"
    first.save(update_fields=["name"])
    assert [o.name for o in Organisation.objects.all()] == ["Alfa", "Bokcirkeln"]
    # Binary order would put "Öl…" first; Swedish order puts å before ö.
    FocusAreaFactory(name="Ölkultur")
    FocusAreaFactory(name="ålderdom")
    # Rows from before the sort key existed get it from the migration.
    Organisation.objects.update(name_sort="")
    FocusArea.objects.update(name_sort="")
    migration = importlib.import_module(
        "wagtail_samverkan.migrations.0009_register_name_sort"
    )
    migration.fill_name_sort(apps, SimpleNamespace(connection=connection))
    assert [o.name for o in Organisation.objects.all()] == ["Alfa", "Bokcirkeln"]
    assert [a.name for a in FocusArea.objects.all()] == ["ålderdom", "Ölkultur"]
