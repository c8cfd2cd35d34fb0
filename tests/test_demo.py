"""``samverkan_demo`` on a site with content of its own: the demo touches only
the rows it recorded, refuses where it would meet the host's content, and
removes exactly what it created."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.forms.models import model_to_dict

from tests.factories import (
    create_calendar,
    create_event,
    make_partnership,
    make_register,
)
from tests.testapp.models import Grant
from wagtail_samverkan.core.compat import get_base_page_model
from wagtail_samverkan.models import (
    DemoRecord,
    EventIndexPage,
    EventPage,
    FocusArea,
    MunicipalBody,
    Organisation,
    PartnershipIndexPage,
    PartnershipPage,
    PartnershipPartner,
    Principle,
)
from wagtail_samverkan.register.demo import ORGANISATIONS, with_check_digit

pytestmark = pytest.mark.django_db

Page = get_base_page_model()

FIRST_DEMO_NUMBER = with_check_digit(ORGANISATIONS[0][2])


def run(*args):
    out = io.StringIO()
    call_command("samverkan_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def host(root_page, locale):
    """A site with its own organisation, focus area, body, calendar and register."""
    organisation = Organisation.objects.create(
        name="Värdens förening", organisation_number=FIRST_DEMO_NUMBER
    )
    focus_area = FocusArea.objects.create(
        name="Kultur", slug="kultur", locale=locale, description="Värdens egen."
    )
    body = MunicipalBody.objects.create(
        name="Kulturnämnden", kind="committee", locale=locale
    )
    calendar = create_calendar(
        root_page, title="Möten och evenemang", slug="moten-och-evenemang"
    )
    events = [
        create_event(
            calendar,
            title=f"Värdens möte {day}",
            slug=f"vardens-mote-{day}",
            start_date=datetime.date(2030, 5, day),
            organiser_organisation=organisation,
        )
        for day in (5, 12, 19)
    ]
    register = make_register(root_page, title="Värdens IOP", slug="iop")
    partnership = make_partnership(
        register,
        title="Värdens partnerskap",
        slug="vardens-partnerskap",
        partners=[organisation],
        responsible_body=body,
    )
    return {
        "organisation": organisation,
        "focus_area": focus_area,
        "body": body,
        "calendar": calendar,
        "events": events,
        "register": register,
        "partnership": partnership,
        "root": root_page,
    }


def snapshot(host):
    """Every field of the host's rows and pages, and what hangs under them."""
    state = {}
    for name in ("organisation", "focus_area", "body"):
        obj = host[name]
        state[name] = model_to_dict(type(obj)._base_manager.get(pk=obj.pk))
    pages = [
        host["calendar"],
        *host["events"],
        host["register"],
        host["partnership"],
    ]
    for page in pages:
        fresh = type(page)._base_manager.get(pk=page.pk)
        state[f"page {page.pk}"] = model_to_dict(fresh)
        state[f"children {page.pk}"] = list(
            fresh.get_children().values_list("pk", "slug", "title")
        )
    root = Page.objects.get(pk=host["root"].pk)
    state["root"] = {k: v for k, v in model_to_dict(root).items() if k != "numchild"}
    state["partners"] = list(
        PartnershipPartner.objects.filter(page=host["partnership"]).values()
    )
    state["occurrences"] = sorted(
        (event.pk, list(event.occurrences.values_list("start", "end")))
        for event in EventPage.objects.filter(pk__in=[e.pk for e in host["events"]])
    )
    return state


def all_rows():
    """``{(model, pk)}`` of the package's rows and of every page."""
    rows = set()
    for model in (Organisation, FocusArea, MunicipalBody, Principle):
        rows |= {
            (model.__name__, pk) for pk in model.objects.values_list("pk", flat=True)
        }
    rows |= {("Page", pk) for pk in Page.objects.values_list("pk", flat=True)}
    return rows


def test_the_demo_refuses_a_site_with_its_own_content(host):
    before, rows = snapshot(host), all_rows()
    with pytest.raises(CommandError) as refused:
        run()
    message = str(refused.value)
    for name in ("Värdens förening", "Kultur", "Kulturnämnden", "--alongside"):
        assert name in message
    assert "Möten och evenemang" in message
    assert snapshot(host) == before
    assert all_rows() == rows
    assert not DemoRecord.objects.exists()


def test_load_reset_and_remove_leave_the_host_content_unchanged(host):
    assert FIRST_DEMO_NUMBER == "802400-1003"
    before, rows = snapshot(host), all_rows()

    out = run("--alongside")
    assert snapshot(host) == before
    # The number stays with the host's organisation; the demo's has none.
    assert FIRST_DEMO_NUMBER in out and "Värdens förening" in out
    demo_organisation = Organisation.objects.get(name=ORGANISATIONS[0][0])
    assert demo_organisation.organisation_number is None
    demo_kultur = FocusArea.objects.exclude(pk=host["focus_area"].pk).get(name="Kultur")
    assert demo_kultur.slug != "kultur"
    # Everything of the demo is under a page of its own, none under the host's.
    demo_root = Page.objects.child_of(host["root"]).get(slug="samverkan-demo")
    demo_calendar = EventIndexPage.objects.exclude(pk=host["calendar"].pk).get()
    assert demo_calendar.get_parent().pk == demo_root.pk
    assert PartnershipPage.objects.child_of(host["register"]).count() == 1
    assert PartnershipIndexPage.objects.child_of(demo_root).count() == 1
    loaded = all_rows()
    assert loaded > rows
    records = DemoRecord.objects.count()
    assert records == len(loaded - rows)

    run("--alongside")
    assert snapshot(host) == before
    assert all_rows() == loaded
    assert DemoRecord.objects.count() == records

    run("--reset", "--alongside")
    assert snapshot(host) == before
    assert len(all_rows() - rows) == len(loaded - rows)
    assert DemoRecord.objects.count() == records

    run("--remove")
    assert snapshot(host) == before
    assert all_rows() == rows
    assert not DemoRecord.objects.exists()


def test_a_rerun_updates_the_demo_row_an_editor_renamed(root_page):
    run()
    organisation = Organisation.objects.get(name=ORGANISATIONS[0][0])
    organisation.name = "Omdöpt"
    organisation.save()
    count = Organisation.objects.count()
    run()
    organisation.refresh_from_db()
    assert organisation.name == ORGANISATIONS[0][0]
    assert Organisation.objects.count() == count


def test_a_rerun_refuses_once_the_host_added_content(root_page):
    run()
    Organisation.objects.create(name="Ny förening efteråt")
    with pytest.raises(CommandError, match="Ny förening efteråt"):
        run()
    # ``--reset`` is refused as a whole: the demo stays as it was.
    records = DemoRecord.objects.count()
    with pytest.raises(CommandError, match="Ny förening efteråt"):
        run("--reset")
    assert DemoRecord.objects.count() == records
    assert Organisation.objects.filter(name=ORGANISATIONS[0][0]).exists()


def test_remove_on_an_empty_site_leaves_only_the_site(root_page):
    rows = all_rows()
    run()
    assert EventPage.objects.exists()
    run("--remove")
    assert all_rows() == rows
    assert not DemoRecord.objects.exists()
    for model in (Organisation, FocusArea, MunicipalBody, Principle):
        assert not model.objects.exists()


def demo_state():
    return sorted(DemoRecord.objects.values_list("key", "content_type", "object_id"))


@pytest.mark.parametrize("option", ["--remove", "--reset"])
def test_remove_refuses_when_host_content_refers_to_the_demo(root_page, option):
    run()
    demo_organisation = Organisation.objects.get(name=ORGANISATIONS[0][0])
    calendar = EventIndexPage.objects.get()
    grant = Grant.objects.create(title="Värdens bidrag", organisation=demo_organisation)
    register = make_register(root_page, title="Värdens register", slug="vardens-iop")
    partnership = make_partnership(
        register, title="Värdens partnerskap", partners=[demo_organisation]
    )
    own_event = create_event(calendar, title="Värdens eget möte", slug="vardens-mote")
    before, rows = demo_state(), all_rows()

    with pytest.raises(CommandError) as refused:
        run(option)
    message = str(refused.value)
    assert "Värdens bidrag" in message
    assert "Värdens partnerskap" in message
    assert "Värdens eget möte" in message
    assert ORGANISATIONS[0][0] in message
    # Nothing was deleted, the demo's rows nor the host's.
    assert demo_state() == before
    assert all_rows() == rows
    assert Grant.objects.filter(pk=grant.pk).exists()
    assert PartnershipPage.objects.filter(pk=partnership.pk).exists()
    assert EventPage.objects.filter(pk=own_event.pk).exists()

    # Once the host's content no longer refers to the demo, it goes.
    grant.delete()
    partnership.delete()
    own_event.delete()
    run("--remove")
    assert not DemoRecord.objects.exists()
    assert PartnershipIndexPage.objects.filter(pk=register.pk).exists()


def test_beside_pages_loads_next_to_other_pages_only(root_page):
    from tests.testapp.models import HostPage

    own = root_page.add_child(instance=HostPage(title="Kontakt", slug="kontakt"))
    before = model_to_dict(Page.objects.get(pk=own.pk))
    with pytest.raises(CommandError, match="Kontakt"):
        run()
    assert not DemoRecord.objects.exists()
    run("--beside-pages")
    assert EventIndexPage.objects.child_of(root_page).count() == 1
    assert model_to_dict(Page.objects.get(pk=own.pk)) == before
    run("--beside-pages")
    run("--remove")
    assert list(Page.objects.child_of(root_page).values_list("pk", flat=True)) == [
        own.pk
    ]
    # Content of the package is never something to load beside.
    Organisation.objects.create(name="Värdens förening")
    with pytest.raises(CommandError, match="Värdens förening"):
        run("--beside-pages")
    assert not DemoRecord.objects.exists()


def test_remove_and_reset_together_are_refused(root_page):
    with pytest.raises(CommandError, match="--remove"):
        run("--remove", "--reset")


def test_english_translations_where_the_site_has_english(root_page):
    """With an English locale the demo translates the agreement in force, its
    principles, two IOPs and the calendar; --remove removes them and leaves
    the locale, which is the host's."""
    from wagtail.models import Locale

    from wagtail_samverkan.models import AgreementPage

    english = Locale.objects.create(language_code="en")
    pages_before = Page.objects.count()
    run()
    agreement = AgreementPage.objects.get(locale=english)
    assert agreement.live and agreement.title == "Agreement 2021"
    assert agreement.registration_number == "KS 2021-00456"
    assert PartnershipPage.objects.filter(locale=english, live=True).count() == 2
    assert EventIndexPage.objects.filter(locale=english, live=True).count() == 1
    assert Principle.objects.filter(locale=english, live=True).count() == 6
    assert AgreementPage.objects.filter(locale=english).count() == 1
    assert Principle.objects.get(locale=english, number=1).name == "Independence"

    # The site's home, the index, the agreement, the register and two IOPs,
    # the calendar and three meetings.
    assert Page.objects.filter(locale=english).count() == 10
    run()
    assert Page.objects.filter(locale=english).count() == 10

    run("--remove")
    assert Page.objects.count() == pages_before
    assert not Principle.objects.filter(locale=english).exists()
    assert Locale.objects.filter(pk=english.pk).exists()
