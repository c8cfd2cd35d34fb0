"""The agreement page as visitors see it: parts, status, versions, easy-to-read route."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import PageViewRestriction

from tests.agreement.helpers import make_agreement, make_document, make_index
from tests.conftest import publish
from tests.factories import OrganisationFactory, PrincipleFactory
from wagtail_samverkan.models import (
    AgreementFollowUp,
    AgreementMilestone,
    AgreementPage,
    AgreementPrinciple,
    AgreementSignatory,
    AgreementStatus,
    MunicipalBody,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 6, 1)


@pytest.fixture
def index(home_page):
    return make_index(home_page)


def html(response):
    assert response.status_code == 200
    return response.content.decode()


# --- Rendering -----------------------------------------------------------------


def test_agreement_page_shows_every_part(client, index):
    council = MunicipalBody.objects.create(name="Kommunfullmäktige", kind="council")
    document = make_document(size=150_000)
    report = make_document(title="Uppföljning 2022", name="uppfoljning.docx", size=4096)
    page = make_agreement(
        index,
        decided_by=council,
        registration_number="KS 2021-00123",
        signed_document=document,
        signatory_count=85,
        other_party="de idéburna organisationerna i Testkommunen",
        intro="Så samarbetar vi.",
        body=[("heading", "Bakgrund"), ("paragraph", "<p>Texten om bakgrunden.</p>")],
        easy_read_body=[("paragraph", "<p>Lätt text.</p>")],
    )
    follow_up = page.follow_ups.first()
    follow_up.document = report
    follow_up.save()
    content = html(client.get(page.url))
    assert "<h1>Överenskommelse 2021</h1>" in content
    assert "sv-status--in_force" in content
    assert "Kommunfullmäktige" in content and "KS 2021-00123" in content
    assert '<time datetime="2021-12-16">16 december 2021</time>' in content
    assert "Testkommunen och de idéburna organisationerna i Testkommunen" in content
    assert "85 organisationer" in content
    # The table of contents links to the body's heading and every section.
    toc = content[content.index('class="sv-toc"') : content.index("</nav>")]
    heading_id = re.search(r'<h2 id="(avsnitt-[^"]+)">Bakgrund</h2>', content).group(1)
    for anchor in (heading_id, "principer", "historik", "uppfoljning", "undertecknad"):
        assert f'href="#{anchor}"' in toc
        assert f'id="{anchor}"' in content
    # One section per principle, with both parties' commitments side by side.
    assert "Princip nummer 1" in content
    assert 'class="sv-commitments"' in content
    assert "Testkommunen åtar sig" in content and "Kommunen lovar 1." in content
    assert "Organisationerna åtar sig" in content and "Föreningarna lovar 1." in content
    # The timeline is an ordered list with machine-readable dates.
    assert '<ol class="sv-timeline">' in content
    assert '<time class="sv-timeline__date" datetime="1990">1990</time>' in content
    # The follow-up and the signed document, with file type and size.
    assert "Uppföljning 1" in content
    assert re.search(r"\(DOCX, 4,0\s+kB\)", content), content
    assert re.search(
        r"Den undertecknade överenskommelsen <span[^>]*>\(PDF, 146,5\s+kB\)", content
    )
    assert f'href="{page.url}lattlast/"' in content


def test_signatories_are_listed_and_counted(client, index):
    page = make_agreement(index)
    for name in ("Föreningen Ett", "Föreningen Två"):
        AgreementSignatory.objects.create(
            page=page, organisation=OrganisationFactory(name=name)
        )
    content = html(client.get(page.url))
    assert "Föreningen Ett" in content and "Föreningen Två" in content
    assert "2 organisationer" in content
    assert 'href="#undertecknad"' in content


def test_draft_principle_is_not_shown(client, index):
    page = make_agreement(index)
    draft = PrincipleFactory(name="Hemlig utkastprincip", live=False)
    AgreementPrinciple.objects.create(
        page=page, principle=draft, municipality_commitments="<p>x</p>"
    )
    content = html(client.get(page.url))
    assert "Princip nummer 1" in content
    assert "Hemlig utkastprincip" not in content


def test_principle_with_unpublished_changes_shows_the_published_wording(client, index):
    page = make_agreement(index)
    principle = page.agreement_principles.first().principle
    principle.name = "Ny formulering i utkast"
    principle.save_revision()  # a draft: the row keeps the published text
    content = html(client.get(page.url))
    assert "Princip nummer 1" in content
    assert "Ny formulering i utkast" not in content


def test_milestone_precision_is_displayed(client, index):
    page = make_agreement(index, milestones=0)
    AgreementMilestone.objects.create(
        page=page, date=datetime.date(2011, 1, 1), precision="year", title="Motion"
    )
    AgreementMilestone.objects.create(
        page=page, date=datetime.date(2013, 5, 1), precision="month", title="Bifall"
    )
    AgreementMilestone.objects.create(
        page=page, date=datetime.date(2015, 3, 26), precision="day", title="Fråga"
    )
    content = html(client.get(page.url))
    assert '<time class="sv-timeline__date" datetime="2011">2011</time>' in content
    assert (
        '<time class="sv-timeline__date" datetime="2013-05">maj 2013</time>' in content
    )
    assert (
        '<time class="sv-timeline__date" datetime="2015-03-26">26 mars 2015</time>'
        in content
    )
    assert "1 januari 2011" not in content


def test_milestone_date_must_fit_its_precision():
    with pytest.raises(ValidationError) as raised:
        AgreementMilestone(
            date=datetime.date(2011, 5, 3), precision="year", title="x"
        ).clean()
    assert "date" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        AgreementMilestone(
            date=datetime.date(2013, 5, 3), precision="month", title="x"
        ).clean()
    assert "2013-05-01" in raised.value.message_dict["date"][0]
    AgreementMilestone(
        date=datetime.date(2013, 5, 1), precision="month", title="x"
    ).clean()
    AgreementMilestone(
        date=datetime.date(2013, 5, 3), precision="day", title="x"
    ).clean()


# --- Status and versions -------------------------------------------------------


def test_status_from_dates(index):
    page = make_agreement(index, valid_from=datetime.date(2022, 1, 1), valid_until=None)
    assert (
        page.get_status(datetime.date(2021, 12, 31)) == AgreementStatus.NOT_YET_IN_FORCE
    )
    assert page.get_status(datetime.date(2022, 1, 1)) == AgreementStatus.IN_FORCE
    page.valid_until = datetime.date(2023, 12, 31)
    assert page.get_status(datetime.date(2023, 12, 31)) == AgreementStatus.IN_FORCE
    assert page.get_status(datetime.date(2024, 1, 1)) == AgreementStatus.EXPIRED


def test_status_with_missing_dates(index):
    page = make_agreement(index, valid_from=None, decision_date=None)
    assert page.get_status(TODAY) == AgreementStatus.IN_FORCE
    page.decision_date = datetime.date(2030, 1, 1)
    # Without "valid from" the decision date is the start.
    assert page.get_status(TODAY) == AgreementStatus.NOT_YET_IN_FORCE


def test_superseded_by_a_later_live_agreement(client, index):
    old = make_agreement(
        index,
        slug="v2016",
        title="Överenskommelse 2016",
        valid_from=datetime.date(2016, 6, 1),
    )
    new = make_agreement(index, supersedes=old, valid_from=datetime.date(2022, 1, 1))
    assert old.get_status(TODAY) == AgreementStatus.SUPERSEDED
    assert old.get_status(datetime.date(2021, 6, 1)) == AgreementStatus.IN_FORCE
    assert new.get_status(TODAY) == AgreementStatus.IN_FORCE
    content = html(client.get(old.url))
    assert "sv-status--superseded" in content
    assert "Den här versionen av överenskommelsen har ersatts." in content
    assert f'href="{new.url}"' in content
    content = html(client.get(new.url))
    assert f'<a href="{old.url}">Ersätter 2016 års version</a>' in content


def test_a_draft_successor_does_not_supersede(index):
    old = make_agreement(index, slug="v2016", valid_from=datetime.date(2016, 6, 1))
    make_agreement(index, supersedes=old, live=False)
    assert old.get_status(TODAY) == AgreementStatus.IN_FORCE


def test_superseded_page_links_to_the_newest_version(client, index):
    first = make_agreement(
        index, slug="v1", title="V1", valid_from=datetime.date(2010, 1, 1)
    )
    second = make_agreement(
        index,
        slug="v2",
        title="V2",
        supersedes=first,
        valid_from=datetime.date(2016, 1, 1),
    )
    third = make_agreement(
        index,
        slug="v3",
        title="V3",
        supersedes=second,
        valid_from=datetime.date(2022, 1, 1),
    )
    assert first.get_version_in_force(TODAY) == third
    content = html(client.get(first.url))
    assert f'href="{third.url}"' in content


def test_a_cycle_of_supersedes_links_does_not_loop(client, index):
    a = make_agreement(index, slug="a", title="A", valid_from=datetime.date(2016, 1, 1))
    b = make_agreement(
        index, slug="b", title="B", supersedes=a, valid_from=datetime.date(2022, 1, 1)
    )
    # A cycle that validation would refuse, written straight to the database.
    AgreementPage.objects.filter(pk=a.pk).update(supersedes=b)
    a.refresh_from_db()
    assert a.get_status(TODAY) == AgreementStatus.SUPERSEDED
    assert b.get_status(TODAY) == AgreementStatus.IN_FORCE
    assert a.get_version_in_force(TODAY) == b
    # Without dates both count as replaced; following the links still ends.
    AgreementPage.objects.filter(pk__in=[a.pk, b.pk]).update(
        valid_from=None, decision_date=None
    )
    a.refresh_from_db()
    assert a.get_version_in_force(TODAY) in (a, b)
    assert html(client.get(a.url))
    assert html(client.get(b.url))


def test_validation_dates_and_supersedes(index):
    page = make_agreement(index, valid_from=datetime.date(2022, 1, 1))
    page.valid_until = datetime.date(2021, 1, 1)
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert "valid_until" in raised.value.message_dict
    page.valid_until = None
    page.supersedes = page
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert "supersedes" in raised.value.message_dict
    other = make_agreement(index, slug="annan", supersedes=page)
    page.supersedes = other
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert "cirkel" in raised.value.message_dict["supersedes"][0]


# --- The easy-to-read version --------------------------------------------------


def test_easy_read_route(client, index):
    page = make_agreement(
        index, easy_read_body=[("paragraph", "<p>Vi lovar att prata med varandra.</p>")]
    )
    content = html(client.get(page.url + "lattlast/"))
    assert "Vi lovar att prata med varandra." in content
    assert 'class="sv-easy-read"' in content
    assert f'<a href="{page.url}">Tillbaka till hela överenskommelsen</a>' in content
    assert "lättläst" in content


def test_no_easy_read_version_gives_404_and_no_link(client, index):
    page = make_agreement(index)
    assert client.get(page.url + "lattlast/").status_code == 404
    assert "lattlast/" not in html(client.get(page.url))


@pytest.mark.parametrize(
    "suffix", ["lattlast/extra/", "finns-inte/", "?sida=x&%ff", "lattlast/?a=%00"]
)
def test_bad_addresses_give_404_or_200(client, index, suffix):
    page = make_agreement(index, easy_read_body=[("paragraph", "<p>Lätt.</p>")])
    assert client.get(page.url + suffix).status_code in (200, 404)


# --- The index page ------------------------------------------------------------


def test_index_lists_live_public_agreements_only(client, index):
    old = make_agreement(
        index,
        slug="v2016",
        title="Överenskommelse 2016",
        valid_from=datetime.date(2016, 6, 1),
    )
    make_agreement(index, supersedes=old)
    make_agreement(index, slug="utkast", title="Utkastet", live=False)
    hidden = make_agreement(index, slug="hemlig", title="Den hemliga")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    content = html(client.get(index.url))
    assert "Överenskommelse 2021" in content and "Överenskommelse 2016" in content
    assert "Utkastet" not in content and "Den hemliga" not in content
    assert content.index("Överenskommelse 2021") < content.index("Överenskommelse 2016")
    assert "sv-status--superseded" in content


def test_private_agreement_is_not_served_to_visitors(client, index):
    page = make_agreement(index, easy_read_body=[("paragraph", "<p>Lätt.</p>")])
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert client.get(page.url).status_code in (302, 403)
    assert client.get(page.url + "lattlast/").status_code in (302, 403)


def test_unpublished_agreement_is_not_served(client, index):
    page = make_agreement(index, live=True)
    url = page.url
    page.unpublish()
    assert client.get(url).status_code == 404
    publish(page)
    assert client.get(url).status_code == 200


# --- Translations of principles ------------------------------------------------


def test_principles_are_shown_in_the_active_language(index):
    from django.utils import translation
    from wagtail.models import Locale

    english = Locale.objects.create(language_code="en")
    page = make_agreement(index)
    swedish = page.agreement_principles.first().principle
    translated = swedish.copy_for_translation(english)
    translated.name = "Dialogue"
    translated.live = False
    translated.save()
    with translation.override("en"):
        # An unpublished translation falls back to the published Swedish one.
        assert page.get_principle_sections()[0].shown_principle == swedish
        translated.save_revision().publish()
        assert page.get_principle_sections()[0].shown_principle.name == "Dialogue"
    with translation.override("sv"):
        assert page.get_principle_sections()[0].shown_principle == swedish


def test_sitemap_lists_live_agreements_and_their_easy_read_version(client, index):
    page = make_agreement(index, easy_read_body=[("paragraph", "<p>Lätt.</p>")])
    make_agreement(index, slug="utkast", live=False)
    content = client.get("/sitemap.xml").content.decode()
    assert f"http://localhost{page.url}</loc>" in content
    assert f"http://localhost{page.url}lattlast/</loc>" in content
    assert "/utkast/" not in content


def test_a_call_out_heading_is_a_heading_at_the_level_of_its_place(client, index):
    import json

    body = json.dumps(
        [
            {"type": "callout", "value": {"heading": "Först", "text": "<p>A</p>"}},
            {"type": "heading", "value": "Ett avsnitt"},
            {"type": "callout", "value": {"heading": "Sedan", "text": "<p>B</p>"}},
        ]
    )
    page = make_agreement(index, body=body)
    content = client.get(page.url).content.decode()
    # Before the body's first section heading a call-out heading is an h2,
    # inside a section an h3.
    assert '<h2 class="sv-callout__heading">Först</h2>' in content
    assert '<h3 class="sv-callout__heading">Sedan</h3>' in content
    assert "<strong>Sedan</strong>" not in content


# --- What a replaced agreement says ------------------------------------------


def test_a_replaced_agreement_says_when_it_ceased_to_apply(client, index):
    old = make_agreement(
        index,
        slug="v2016",
        title="Överenskommelse 2016",
        valid_from=datetime.date(2016, 7, 1),
    )
    make_agreement(index, supersedes=old, valid_from=datetime.date(2022, 1, 1))
    content = html(client.get(old.url))
    assert "<dt>Gällde</dt>" in content
    assert 'datetime="2021-12-31">31 december 2021</time>' in content
    assert "Den gällde till och med 31 december 2021." in content
    # Its own end wins when it came first.
    AgreementPage.objects.filter(pk=old.pk).update(
        valid_until=datetime.date(2020, 12, 31)
    )
    old.refresh_from_db()
    assert old.get_last_day(TODAY) == datetime.date(2020, 12, 31)


def test_an_agreement_in_force_has_no_end_of_its_successor(client, index):
    current = make_agreement(index, valid_from=datetime.date(2022, 1, 1))
    content = html(client.get(current.url))
    assert "<dt>Gäller</dt>" in content
    assert "till och med" not in content
    assert current.get_last_day(TODAY) is None


def test_easy_read_page_links_to_the_easy_read_version_in_force(client, index):
    old = make_agreement(
        index,
        slug="v2016",
        title="Överenskommelse 2016",
        valid_from=datetime.date(2016, 7, 1),
        easy_read_body=[("paragraph", "<p>Gammal lättläst.</p>")],
    )
    new = make_agreement(
        index,
        supersedes=old,
        valid_from=datetime.date(2022, 1, 1),
        easy_read_body=[("paragraph", "<p>Ny lättläst.</p>")],
    )
    content = html(client.get(old.url + "lattlast/"))
    assert f'href="{new.url}lattlast/"' in content
    assert "på lättläst svenska" in content
    # The full page still links to the full version in force.
    content = html(client.get(old.url))
    assert f'href="{new.url}"' in content
    assert f'href="{new.url}lattlast/"' not in content


def test_easy_read_page_links_to_the_full_version_when_it_has_no_easy_read(
    client, index
):
    old = make_agreement(
        index,
        slug="v2016",
        valid_from=datetime.date(2016, 7, 1),
        easy_read_body=[("paragraph", "<p>Gammal lättläst.</p>")],
    )
    new = make_agreement(index, supersedes=old, valid_from=datetime.date(2022, 1, 1))
    content = html(client.get(old.url + "lattlast/"))
    assert f'href="{new.url}"' in content
    assert f'href="{new.url}lattlast/"' not in content


def test_follow_up_heading_does_not_repeat_its_year(client, index):
    page = make_agreement(index, follow_ups=0)
    page.follow_ups.add(
        AgreementFollowUp(period="2022", title="Årlig uppföljning 2022", summary="K.")
    )
    page.follow_ups.add(
        AgreementFollowUp(period="2023–2024", title="Utvärdering", summary="K.")
    )
    page.save_revision().publish()
    content = html(client.get(page.url))
    assert "<h3>Årlig uppföljning 2022</h3>" in content
    assert "(2022)" not in content
    assert "<h3>Utvärdering (2023–2024)</h3>" in content


def test_a_follow_up_still_to_be_made_says_when_it_is_due(client, index):
    from wagtail_samverkan.models import AgreementFollowUp

    page = make_agreement(index, follow_ups=0)
    AgreementFollowUp.objects.create(
        page=page,
        period="2027",
        title="Årlig uppföljning",
        due_date=datetime.date(2027, 3, 31),
    )
    AgreementFollowUp.objects.create(
        page=page,
        period="2026",
        title="Gjord uppföljning",
        due_date=datetime.date(2026, 3, 31),
        summary="Klar.",
    )
    content = " ".join(client.get(page.url).content.decode().split())
    assert "Planerad, ska vara klar senast 31 mars 2027." in content
    # Once made, the summary says what came of it instead.
    assert content.count("Planerad, ska vara klar senast") == 1
