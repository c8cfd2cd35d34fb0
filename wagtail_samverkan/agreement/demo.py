"""Demo content for the agreement: the six principles and two versions.

A Borås-like history: an agreement adopted in 2016 and replaced by a revised
agreement adopted in December 2021. The years and the milestones follow the
real history; the exact decision days and case numbers are made up.
"""

import datetime

from wagtail_samverkan.agreement.models import (
    AgreementFollowUp,
    AgreementIndexPage,
    AgreementMilestone,
    AgreementPage,
    AgreementPrinciple,
    AgreementSignatory,
    Principle,
)
from wagtail_samverkan.core import demo
from wagtail_samverkan.core.conf import local_today
from wagtail_samverkan.core.demo import show_in_menus

MODELS = [Principle]

INDEX_SLUG = "overenskommelsen"
SLUG_2016 = "overenskommelse-2016"
SLUG_2021 = "overenskommelse-2021"

# (number, name, summary, description)
PRINCIPLES = [
    (
        1,
        "Självständighet och oberoende",
        "Föreningarna bestämmer själva över sitt arbete och får kritisera kommunen.",
        "Idéburna organisationer formar sina egna mål och arbetssätt. De kan säga "
        "emot och granska det offentliga utan att samarbetet eller bidragen sätts i fråga.",
    ),
    (
        2,
        "Dialog",
        "Vi pratar med varandra ofta, öppet och i god tid.",
        "Kontakten mellan parterna är återkommande och öppen för många. Den ger ett "
        "bredare underlag när beslut ska fattas.",
    ),
    (
        3,
        "Kvalitet",
        "Vi följer upp arbetet tillsammans mot mål vi har kommit överens om.",
        "Parterna enas om vad som är god kvalitet och följer löpande upp att "
        "verksamheten lever upp till det.",
    ),
    (
        4,
        "Långsiktighet",
        "Vi planerar för flera år så att samarbetet blir stabilt.",
        "Gemensamma mål och planer över längre tid ger trygghet för både "
        "föreningarna och kommunen.",
    ),
    (
        5,
        "Öppenhet och insyn",
        "Vi delar information med varandra och är öppna mot invånarna.",
        "Parterna ger varandra tillgång till den information som behövs och "
        "berättar öppet för invånarna om hur de samarbetar.",
    ),
    (
        6,
        "Mångfald",
        "Alla ska kunna vara med, med sitt engagemang och sina intressen.",
        "Samarbetet välkomnar organisationer av alla slag och storlekar, och "
        "människor med olika bakgrund och erfarenheter.",
    ),
]

# Commitments by principle number: (the municipality, the organisations)
COMMITMENTS_2021 = {
    1: (
        "respektera att föreningarna själva bestämmer över sina mål, "
        "och ta emot kritik utan att det påverkar stödet",
        "vara tydliga med vilka de företräder och själva ta ansvar för sin verksamhet",
    ),
    2: (
        "bjuda in till dialogmöten minst två gånger om året och ta med "
        "föreningarna tidigt när frågor som rör dem ska utredas",
        "komma till mötena, föra fram sina medlemmars erfarenheter och sprida "
        "information vidare i sina nätverk",
    ),
    3: (
        "tillsammans med föreningarna ta fram mål och följa upp dem varje år",
        "redovisa hur verksamheten går och delta i den gemensamma uppföljningen",
    ),
    4: (
        "ge stöd och överenskommelser som gäller i flera år när det är möjligt",
        "planera sin verksamhet långsiktigt och berätta i god tid om förändringar",
    ),
    5: (
        "publicera beslut, underlag och kontaktvägar så att de är lätta att hitta",
        "vara öppna om hur verksamheten finansieras och hur den styrs",
    ),
    6: (
        "nå ut till små och nya föreningar, inte bara till de stora och etablerade",
        "välkomna nya medlemmar och samarbeta över gränser mellan föreningar",
    ),
}

COMMITMENTS_2016 = {
    1: (
        "respektera föreningarnas rätt att själva välja sina frågor",
        "stå för sina egna ställningstaganden",
    ),
    2: ("ordna dialogmöten med föreningslivet", "delta i dialogmötena"),
    3: ("följa upp överenskommelsen", "bidra med sina erfarenheter i uppföljningen"),
    4: ("sträva efter fleråriga avtal", "planera för längre perioder"),
    5: ("informera om kommande beslut", "informera om sin verksamhet"),
    6: ("välkomna alla slags föreningar", "vara öppna för nya medlemmar"),
}

# (date, precision, title, text)
MILESTONES = [
    (
        datetime.date(2008, 1, 1),
        "year",
        "Den nationella överenskommelsen",
        "Regeringen, kommunernas och regionernas förbund och idéburna "
        "organisationer på det sociala området enas om sex principer.",
    ),
    (
        datetime.date(2011, 1, 1),
        "year",
        "En motion i kommunfullmäktige",
        "En ledamot föreslår att kommunen ska ta fram en egen lokal överenskommelse.",
    ),
    (
        datetime.date(2013, 1, 1),
        "year",
        "Motionen bifalls",
        "Fullmäktige säger ja, och sociala omsorgsnämnden får uppdraget.",
    ),
    (
        datetime.date(2015, 3, 26),
        "day",
        "En fråga sätter fart på arbetet",
        "En fråga i fullmäktige om hur det går gör att det stillastående arbetet kommer i gång igen.",
    ),
    (
        datetime.date(2016, 1, 1),
        "year",
        "Den första överenskommelsen antas",
        "Efter dialogmöten där föreningar och kommun deltog antas överenskommelsen. "
        "85 organisationer skriver under.",
    ),
    (
        datetime.date(2018, 1, 1),
        "year",
        "Ett gemensamt samråd startar",
        "Kommunen och den idéburna sektorn börjar träffas i ett samråd några gånger om året.",
    ),
    (
        datetime.date(2021, 12, 1),
        "month",
        "Den reviderade överenskommelsen antas",
        "Beredningen för medborgarinflytande lägger fram en reviderad överenskommelse, "
        "som fullmäktige antar i december.",
    ),
]

FOLLOW_UPS = [
    (
        "2022",
        "Årlig uppföljning 2022",
        "Samrådet gick igenom hur båda parter har levt upp till sina åtaganden. "
        "Dialogmötena hölls som planerat; fler små föreningar behöver nås.",
    ),
    (
        "2023–2024",
        "Utvärdering av samrådet",
        "En gemensam arbetsgrupp intervjuade föreningar och tjänstepersoner om hur "
        "samrådet fungerar och föreslog en tydligare uppdragsplan.",
    ),
]


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def _heading(text):
    return {"type": "heading", "value": text}


BODY_2021 = [
    _heading("Varför en överenskommelse?"),
    _paragraph(
        "Kommunen och de idéburna organisationerna gör mycket för invånarna, var "
        "för sig och tillsammans. Överenskommelsen beskriver hur vi vill samarbeta: "
        "som jämbördiga parter, med respekt för varandras roller."
    ),
    _heading("Vad är nytt i den här versionen?"),
    _paragraph(
        "Den reviderade överenskommelsen bygger på erfarenheterna från 2016 års "
        "version och från samrådet som startade 2018. Åtagandena är mer konkreta, "
        "och uppföljningen görs varje år."
    ),
    {
        "type": "callout",
        "value": {
            "heading": "Vill din förening skriva under?",
            "text": "<p>Kontakta kommunens samordnare för civilsamhället så berättar vi hur det går till.</p>",
        },
    },
]

BODY_2016 = [
    _heading("Bakgrund"),
    _paragraph(
        "Den första lokala överenskommelsen togs fram i dialog mellan föreningslivet "
        "och kommunen och bygger på den nationella överenskommelsens sex principer."
    ),
]

EASY_READ_2021 = [
    _heading("Vad är överenskommelsen?"),
    _paragraph(
        "Överenskommelsen är ett papper där kommunen och föreningarna skriver hur de "
        "ska arbeta tillsammans."
    ),
    _heading("Det här lovar vi varandra"),
    _paragraph("Vi möts som jämlikar."),
    _paragraph("Föreningarna bestämmer själva. De får säga vad de tycker om kommunen."),
    _paragraph("Vi berättar för varandra vad vi gör."),
    _paragraph("Vi träffas ofta och planerar för lång tid."),
    _paragraph("Vi tar med dem som berörs redan från början."),
    _paragraph("Vi följer upp arbetet tillsammans."),
]

EASY_READ_2016 = [
    _paragraph(
        "Det här var den första överenskommelsen. Den har ersatts av en ny från 2021."
    ),
]


def _principles(locale):
    result = {}
    for number, name, summary, description in PRINCIPLES:
        key = f"agreement:principle:{number}"
        principle = demo.recorded(Principle, key) or Principle(
            locale=locale, source=Principle.Source.NATIONAL, number=number
        )
        principle.name = name
        principle.summary = summary
        principle.description = f"<p>{description}</p>"
        principle.save()
        principle.save_revision().publish()
        result[number] = demo.record(key, principle)
    return result


def _index(parent):
    index = demo.recorded(AgreementIndexPage, "agreement:index")
    if index is None:
        index = AgreementIndexPage(
            title="Överenskommelsen", slug=demo.free_slug(parent, INDEX_SLUG)
        )
        parent.add_child(instance=index)
        demo.record("agreement:index", index)
    index.title = "Överenskommelsen med civilsamhället"
    show_in_menus(index)
    index.intro = (
        "<p>Kommunen och de idéburna organisationerna har en gemensam överenskommelse "
        "om hur de samarbetar. Här finns den version som gäller och de tidigare.</p>"
    )
    index.save_revision().publish()
    return index


def _agreement(
    index, slug, fields, principles, commitments, milestones, follow_ups, signatories
):
    key = f"agreement:page:{slug}"
    page = demo.recorded(AgreementPage, key)
    created = page is None
    if created:
        page = AgreementPage(slug=demo.free_slug(index, slug), title=fields["title"])
    for name, value in fields.items():
        setattr(page, name, value)
    page.agreement_principles = [
        AgreementPrinciple(
            principle=principles[number],
            municipality_commitments=f"<p>{commitments[number][0]}.</p>",
            organisations_commitments=f"<p>{commitments[number][1]}.</p>",
        )
        for number in sorted(principles)
    ]
    page.milestones = [
        AgreementMilestone(date=date, precision=precision, title=title, text=text)
        for date, precision, title, text in milestones
    ]
    rows = [
        AgreementFollowUp(period=period, title=title, summary=summary)
        for period, title, summary in follow_ups
    ]
    if slug == SLUG_2021:
        # The agreement in force has its next follow-up ahead, due within the
        # editors' cockpit's window whenever the demo is loaded.
        due = local_today() + datetime.timedelta(days=45)
        rows.append(
            AgreementFollowUp(
                period=str(due.year),
                title=f"Årlig uppföljning {due.year}",
                due_date=due,
            )
        )
    page.follow_ups = rows
    page.signatories = [AgreementSignatory(organisation=o) for o in signatories]
    if created:
        index.add_child(instance=page)
        demo.record(key, page)
    page.save_revision().publish()
    return AgreementPage.objects.get(pk=page.pk)


def load(context):
    locale = context["locale"]
    register = context.get("register") or {}
    bodies = register.get("bodies", {})
    organisations = list(register.get("organisations", {}).values())
    council = bodies.get("Kommunfullmäktige")
    principles = _principles(locale)
    index = _index(context["parent"])
    agreement_2016 = _agreement(
        index,
        SLUG_2016,
        {
            "title": "Överenskommelse 2016",
            "intro": "Den första lokala överenskommelsen mellan kommunen och den idéburna sektorn.",
            "other_party": "de idéburna organisationerna i kommunen",
            "body": BODY_2016,
            "easy_read_body": EASY_READ_2016,
            "decided_by": council,
            "decision_date": datetime.date(2016, 6, 16),
            "registration_number": "KS 2015-00321",
            "valid_from": datetime.date(2016, 7, 1),
            "valid_until": None,
            "signatory_count": 85,
            "supersedes": None,
        },
        principles,
        COMMITMENTS_2016,
        MILESTONES[:5],
        [],
        [],
    )
    agreement_2021 = _agreement(
        index,
        SLUG_2021,
        {
            "title": "Överenskommelse 2021",
            "intro": (
                "Den reviderade överenskommelsen om hur kommunen och de idéburna "
                "organisationerna samarbetar, antagen i december 2021."
            ),
            "other_party": "de idéburna organisationerna i kommunen",
            "body": BODY_2021,
            "easy_read_body": EASY_READ_2021,
            "decided_by": council,
            "decision_date": datetime.date(2021, 12, 16),
            "registration_number": "KS 2021-00456",
            "valid_from": datetime.date(2022, 1, 1),
            "valid_until": None,
            "signatory_count": None,
            "supersedes": agreement_2016,
        },
        principles,
        COMMITMENTS_2021,
        MILESTONES,
        FOLLOW_UPS,
        organisations[:12],
    )
    return {
        "index": index,
        "agreements": [agreement_2016, agreement_2021],
        "principles": principles,
    }


# -- English ----------------------------------------------------------------

PRINCIPLES_EN = {
    1: (
        "Independence",
        "Organisations decide on their own work and may criticise the municipality.",
        "Civil-society organisations set their own aims and ways of working. They can "
        "disagree with and scrutinise the public sector without putting the "
        "cooperation or their funding at risk.",
    ),
    2: (
        "Dialogue",
        "We talk with each other often, openly and in good time.",
        "The parties keep in regular contact, open to many, which gives a broader "
        "basis for decisions.",
    ),
    3: (
        "Quality",
        "We follow up the work together against goals we have agreed on.",
        "The parties agree on what good quality is and check together that the work "
        "lives up to it.",
    ),
    4: (
        "Long-term commitment",
        "We plan for several years so that the cooperation is stable.",
        "Shared goals and plans over a longer time give security to the organisations "
        "and to the municipality.",
    ),
    5: (
        "Openness and transparency",
        "We share information with each other and are open towards residents.",
        "The parties give each other the information that is needed and tell "
        "residents openly how they work together.",
    ),
    6: (
        "Diversity",
        "Everyone can take part, with their own commitment and interests.",
        "The cooperation welcomes organisations of every kind and size, and the "
        "municipality's support does not depend on which views they hold.",
    ),
}

BODY_2021_EN = [
    _heading("Why an agreement?"),
    _paragraph(
        "The municipality and the civil-society organisations want residents to have "
        "good lives. The agreement describes how we work together to get there, each "
        "from our own role."
    ),
    _heading("What is new in this version"),
    _paragraph(
        "This version builds on the experience of the first agreement and on the "
        "consultation that started in 2018. The commitments are more concrete, and "
        "the follow-up is done every year."
    ),
]

EASY_READ_2021_EN = [
    _heading("What is the agreement?"),
    _paragraph(
        "The agreement is a paper where the municipality and the associations write "
        "how they will work together."
    ),
]


def translate(context, locale):
    """English translations of the principles, the index and the agreement in force."""
    loaded = context.get("agreement") or {}
    for number, principle in (loaded.get("principles") or {}).items():
        name, summary, description = PRINCIPLES_EN[number]
        demo.translation(
            principle,
            locale,
            f"agreement:principle:{number}:en",
            {"name": name, "summary": summary, "description": f"<p>{description}</p>"},
        )
    index = loaded.get("index")
    if index is not None:
        demo.translation(
            index,
            locale,
            "agreement:index:en",
            {
                "title": "The agreement with civil society",
                "slug": "the-agreement",
                "intro": "<p>The municipality and the civil-society organisations "
                "have a shared agreement on how they work together. Here you find the "
                "version in force.</p>",
            },
        )
        agreement = (loaded.get("agreements") or [None])[-1]
        if agreement is not None:
            demo.translation(
                agreement,
                locale,
                f"agreement:page:{SLUG_2021}:en",
                {
                    "title": "Agreement 2021",
                    "slug": "agreement-2021",
                    "intro": "The revised agreement on how the municipality and the "
                    "civil-society organisations work together, adopted in December "
                    "2021.",
                    "other_party": "the civil-society organisations of the municipality",
                    "body": BODY_2021_EN,
                    "easy_read_body": EASY_READ_2021_EN,
                },
            )
