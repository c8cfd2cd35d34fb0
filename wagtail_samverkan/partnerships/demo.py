"""Demo IOPs: seventeen fictional partnerships from 2013 to 2026.

All partnerships, people, addresses and numbers are made up. Funding rows,
follow-ups and contact persons are generated from a few figures per IOP so
that the register has realistic sums, periods and statuses.
"""

import datetime

from wagtail_samverkan.core import demo
from wagtail_samverkan.core.demo import show_in_menus
from wagtail_samverkan.partnerships.models import (
    PartnershipContact,
    PartnershipFocusArea,
    PartnershipFollowUp,
    PartnershipFunding,
    PartnershipIndexPage,
    PartnershipPage,
    PartnershipPartner,
    PartnershipPrinciple,
)

INDEX_SLUG = "iop"
MODELS = []
INDEX_TITLE = "Idéburna offentliga partnerskap (IOP)"
INDEX_INTRO = (
    "<p>Ett idéburet offentligt partnerskap, IOP, är ett avtal mellan kommunen och en "
    "eller flera föreningar som vill nå samma mål. Det är varken bidrag eller upphandling: "
    "båda parter bidrar med pengar, lokaler eller arbetstid, och samarbetet följs upp "
    "tillsammans.</p><p>Här ser du alla partnerskap kommunen har haft sedan 2013, vad de "
    "kostar och hur länge de gäller. Du kan också ladda ner uppgifterna som öppna data.</p>"
)

D = datetime.date
LAST_FUNDED_YEAR = 2027

# Each IOP: title, slug, partners (the first leads), focus areas, committee,
# administration, period, money per year, texts and people.
IOPS = [
    {
        "slug": "sprakvanner",
        "title": "Språkvänner i Hässleholmen",
        "summary": "Nyanlända vuxna övar svenska med frivilliga språkvänner varje vecka.",
        "partners": ["Föreningen Gemensam Grund", "Equmeniaförsamlingen Centrum"],
        "focus": ["integration"],
        "committee": "Arbetslivsnämnden",
        "administration": "Arbetslivsförvaltningen",
        "target_group": "Vuxna som bott kortare tid än tre år i kommunen.",
        "start": D(2013, 9, 1),
        "end": D(2016, 8, 31),
        "amount": 350_000,
        "own": 60_000,
        "in_kind": (
            "Lokaler i församlingshemmet och cirka 1 500 ideella timmar per år.",
            180_000,
        ),
        "background": "Många nyanlända fick vänta länge på undervisning i svenska och saknade någon att prata med utanför skolan.",
        "purpose": "Att fler ska våga använda svenskan i vardagen och få kontakter i staden.",
        "contribution": "Föreningen rekryterar och stöttar språkvännerna. Kommunen betalar en samordnare på halvtid och sprider information via etableringen.",
        "contacts": [
            (
                "Amina Yusuf",
                "Samordnare",
                "Föreningen Gemensam Grund",
                "amina.yusuf@example.org",
                "",
                True,
            ),
            (
                "Per Lindqvist",
                "Handläggare",
                "Arbetslivsförvaltningen",
                "per.lindqvist@example.org",
                "033-00 00 11",
                False,
            ),
        ],
    },
    {
        "slug": "kvinnojour-skyddat-boende",
        "title": "Skyddat boende och stödsamtal",
        "summary": "Kvinnojouren driver skyddat boende och ger stödsamtal till våldsutsatta kvinnor och deras barn.",
        "partners": ["Kvinnojouren Trygga Händer"],
        "focus": ["social-inkludering", "halsa"],
        "committee": "Individ- och familjeomsorgsnämnden",
        "administration": "Individ- och familjeomsorgsförvaltningen",
        "target_group": "Kvinnor och barn som utsatts för våld i nära relationer.",
        "start": D(2014, 1, 1),
        "end": None,
        "amount": 1_400_000,
        "own": 150_000,
        "in_kind": ("Jourtelefon bemannad av ideella kvällar och helger.", 400_000),
        "background": "Jouren har funnits i staden i över trettio år och har förtroende hos dem som inte vill vända sig till myndigheter.",
        "purpose": "Att alla som utsätts för våld ska få skydd snabbt och stöd att gå vidare.",
        "contribution": "Jouren står för boendet, jourtelefonen och stödsamtalen. Kommunen bidrar med pengar och en kontaktperson på socialtjänsten.",
        "notice": "Tolv månaders uppsägning. Villkoren ses över vart tredje år.",
        "contacts": [
            (
                "Jouren",
                "Jourtelefon",
                "Kvinnojouren Trygga Händer",
                "jouren@example.org",
                "033-00 00 20",
                True,
            ),
            (
                "Helena Borg",
                "Verksamhetsledare",
                "Kvinnojouren Trygga Händer",
                "helena.borg@example.org",
                "",
                False,
            ),
        ],
    },
    {
        "slug": "nattharbarget",
        "title": "Natthärbärge och dagcentral",
        "summary": "Stadsmissionen håller öppet natthärbärge och en dagcentral med mat, dusch och samtal.",
        "partners": ["Stadsmissionen i Sjuhäradsbygden"],
        "focus": ["social-inkludering"],
        "committee": "Individ- och familjeomsorgsnämnden",
        "administration": "Individ- och familjeomsorgsförvaltningen",
        "target_group": "Personer i hemlöshet eller akut utsatthet.",
        "start": D(2015, 1, 1),
        "end": D(2018, 12, 31),
        "amount": 2_100_000,
        "own": 400_000,
        "in_kind": ("Insamlade livsmedel och kläder samt volontärer i köket.", 350_000),
        "background": "Antalet personer som sov ute ökade och kommunens egna platser räckte inte vintertid.",
        "purpose": "Att ingen ska behöva sova ute och att fler ska få kontakt med stöd och vård.",
        "contribution": "Stadsmissionen driver verksamheten med anställd personal och volontärer. Kommunen hyr ut lokalen till självkostnad och betalar ett årligt belopp.",
        "contacts": [
            (
                "Jonas Ek",
                "Föreståndare",
                "Stadsmissionen i Sjuhäradsbygden",
                "jonas.ek@example.org",
                "",
                False,
            ),
        ],
    },
    {
        "slug": "spontanidrott-norrby",
        "title": "Spontanidrott på fredagskvällar",
        "summary": "Öppna idrottshallar med ledare på fredagskvällar för unga i Norrby.",
        "partners": ["Idrottsalliansen Norrby", "Ungdomens Hus Ekorren"],
        "focus": ["barn-och-unga", "idrott"],
        "committee": "Fritids- och folkhälsonämnden",
        "administration": "Fritids- och folkhälsoförvaltningen",
        "target_group": "Unga mellan 12 och 20 år.",
        "start": D(2016, 1, 1),
        "end": D(2019, 12, 31),
        "amount": 480_000,
        "own": 40_000,
        "in_kind": ("Ledare från föreningarnas egna lag.", 120_000),
        "background": "Unga i stadsdelen efterfrågade något att göra sena kvällar i helgerna.",
        "purpose": "Att ge unga en trygg och rolig mötesplats och fler vägar in i föreningslivet.",
        "contribution": "Föreningarna ansvarar för ledare och aktiviteter. Kommunen står för hallarna och vaktmästare.",
        "contacts": [
            (
                "Omar Haddad",
                "Ordförande",
                "Idrottsalliansen Norrby",
                "omar.haddad@example.org",
                "",
                True,
            ),
        ],
    },
    {
        "slug": "silvertraffen",
        "title": "Silverträffen – gemenskap för äldre",
        "summary": "Träffpunkter med fika, friskvård och hjälp med mobil och dator för äldre.",
        "partners": [
            "Seniornätverket Silverträffen",
            "Röda Korset Boråskretsen (fiktiv)",
        ],
        "focus": ["aldre", "halsa"],
        "committee": "Sociala omsorgsnämnden",
        "administration": "Vård- och äldreförvaltningen",
        "target_group": "Äldre som bor hemma och känner sig ensamma.",
        "start": D(2017, 3, 1),
        "end": D(2021, 2, 28),
        "amount": 620_000,
        "own": 90_000,
        "in_kind": ("Cirka 2 000 ideella timmar per år.", 300_000),
        "background": "Ofrivillig ensamhet bland äldre var ett av de största problemen i kommunens folkhälsoenkät.",
        "purpose": "Att minska ensamheten och göra det lättare för äldre att klara digitala tjänster.",
        "contribution": "Föreningarna håller i träffarna och utbildar volontärer. Kommunen lånar ut lokaler på träffpunkterna och informerar via hemtjänsten.",
        "contacts": [
            (
                "Birgitta Sandén",
                "Samordnare",
                "Seniornätverket Silverträffen",
                "birgitta.sanden@example.org",
                "070-000 00 31",
                True,
            ),
            (
                "Lars Holm",
                "Enhetschef",
                "Vård- och äldreförvaltningen",
                "lars.holm@example.org",
                "",
                False,
            ),
        ],
    },
    {
        "slug": "arbetstraning-vaven",
        "title": "Arbetsträning i textil- och cykelverkstad",
        "summary": "Arbetsträning för personer långt från arbetsmarknaden i kooperativets verkstäder.",
        "partners": [
            "Arbetsintegrerande kooperativet Väven",
            "Cykelköket Ekonomisk förening",
        ],
        "focus": ["arbete"],
        "committee": "Arbetslivsnämnden",
        "administration": "Arbetslivsförvaltningen",
        "target_group": "Vuxna med försörjningsstöd som har varit utan arbete länge.",
        "start": D(2018, 1, 1),
        "end": D(2024, 12, 31),
        "amount": 900_000,
        "own": 250_000,
        "in_kind": ("Handledning i verkstäderna.", 200_000),
        "background": "Kommunen behövde fler platser för arbetsträning som liknar en riktig arbetsplats.",
        "purpose": "Att deltagarna ska närma sig arbete eller studier.",
        "contribution": "Kooperativen erbjuder platser och handledning. Kommunen anvisar deltagare och betalar per plats och år.",
        "notice": "Sex månaders uppsägning.",
        "contacts": [
            (
                "Sara Nilsson",
                "Verksamhetsledare",
                "Arbetsintegrerande kooperativet Väven",
                "sara.nilsson@example.org",
                "",
                True,
            ),
        ],
    },
    {
        "slug": "brukarrad-beroende",
        "title": "Brukarråd och kamratstöd vid beroende",
        "summary": "Brukarföreningen ger kamratstöd och för fram brukarnas röst i kommunens beroendevård.",
        "partners": ["Brukarföreningen Rösten"],
        "focus": ["halsa", "social-inkludering"],
        "committee": "Individ- och familjeomsorgsnämnden",
        "administration": "Individ- och familjeomsorgsförvaltningen",
        "target_group": "Personer med erfarenhet av missbruk eller beroende.",
        "start": D(2019, 1, 1),
        "end": D(2022, 12, 31),
        "terminated_on": D(2020, 10, 31),
        "termination_reason": "Föreningen kunde inte längre bemanna verksamheten under pandemin och parterna kom överens om att avsluta partnerskapet i förtid.",
        "amount": 300_000,
        "own": 10_000,
        "in_kind": ("Kamratstödjare med egen erfarenhet.", 80_000),
        "background": "Brukarnas erfarenheter togs sällan till vara när beroendevården planerades.",
        "purpose": "Att brukarna ska bli delaktiga och få stöd av någon som varit i samma situation.",
        "contribution": "Föreningen ordnar kamratstöd och brukarråd. Kommunen betalar samordning och deltar i råden.",
        "contacts": [
            (
                "Mikael Ström",
                "Ordförande",
                "Brukarföreningen Rösten",
                "mikael.strom@example.org",
                "",
                False,
            ),
        ],
    },
    {
        "slug": "laxhjalp-al-noor",
        "title": "Läxhjälp och föräldrastöd",
        "summary": "Läxhjälp för skolbarn och samtalsgrupper för föräldrar om skolan i Sverige.",
        "partners": ["Islamiska kulturföreningen Al-Noor", "Föreningen Gemensam Grund"],
        "focus": ["barn-och-unga", "integration"],
        "committee": "Förskolenämnden",
        "administration": None,
        "target_group": "Barn i årskurs 4–9 och deras föräldrar.",
        "start": D(2019, 8, 15),
        "end": D(2023, 6, 30),
        "amount": 420_000,
        "own": 50_000,
        "in_kind": ("Lokaler kvällstid och ideella läxhjälpare.", 150_000),
        "background": "Många föräldrar ville stötta sina barn i skolan men kände inte till hur skolan fungerar.",
        "purpose": "Att fler elever ska klara skolan och att föräldrar ska känna sig delaktiga.",
        "contribution": "Föreningarna ordnar läxhjälp och samtalsgrupper. Kommunen bidrar med pengar och kontakt med skolorna.",
        "contacts": [
            (
                "Yasmin Khalil",
                "Projektledare",
                "Islamiska kulturföreningen Al-Noor",
                "yasmin.khalil@example.org",
                "",
                True,
            ),
            (
                "Eva Lund",
                "Rektor",
                "Förskolenämnden",
                "eva.lund@example.org",
                "033-00 00 44",
                False,
            ),
        ],
    },
    {
        "slug": "naturskola",
        "title": "Naturskola för alla",
        "summary": "Friluftsdagar och naturskola för skolklasser och familjer, också för den som aldrig varit i skogen.",
        "partners": ["Friluftsfrämjandet Sjuhärad"],
        "focus": ["idrott", "barn-och-unga"],
        "committee": "Fritids- och folkhälsonämnden",
        "administration": "Fritids- och folkhälsoförvaltningen",
        "target_group": "Skolklasser och familjer, särskilt i områden med låg delaktighet i friluftslivet.",
        "start": D(2020, 4, 1),
        "end": D(2027, 3, 31),
        "amount": 380_000,
        "own": 60_000,
        "in_kind": ("Utrustning och utbildade ledare.", 140_000),
        "background": "Allt färre barn vistas i naturen på fritiden.",
        "purpose": "Att fler barn och familjer ska upptäcka naturen nära staden.",
        "contribution": "Föreningen planerar och leder aktiviteterna. Kommunen står för transporter och ett årligt belopp.",
        "notice": "Sex månaders uppsägning. Omförhandling efter tre år.",
        "contacts": [
            (
                "Anders Berg",
                "Naturvägledare",
                "Friluftsfrämjandet Sjuhärad",
                "anders.berg@example.org",
                "070-000 00 52",
                True,
            ),
        ],
    },
    {
        "slug": "teaterverkstad",
        "title": "Teater- och skrivarverkstad för unga",
        "summary": "Unga skriver och spelar egen teater med stöd av erfarna amatörskådespelare.",
        "partners": ["Teaterföreningen Ridån"],
        "focus": ["kultur", "barn-och-unga"],
        "committee": "Kulturnämnden",
        "administration": "Kulturförvaltningen",
        "target_group": "Unga mellan 13 och 19 år.",
        "start": D(2021, 1, 1),
        "end": D(2025, 12, 31),
        "amount": 260_000,
        "own": 30_000,
        "in_kind": ("Scen, ljus och kostymförråd.", 90_000),
        "background": "Kulturskolans teaterkurser var fulla och nådde mest unga från vissa delar av staden.",
        "purpose": "Att fler unga ska få uttrycka sig genom teater och skrivande.",
        "contribution": "Föreningen leder verkstäderna. Kommunen lånar ut scenen på kulturhuset och marknadsför föreställningarna.",
        "contacts": [
            (
                "Klara Holmberg",
                "Ledare",
                "Teaterföreningen Ridån",
                "klara.holmberg@example.org",
                "",
                True,
            ),
        ],
    },
    {
        "slug": "anhorigstod",
        "title": "Stöd till anhöriga",
        "summary": "Samtalsgrupper, avlösning och rådgivning för den som vårdar en närstående.",
        "partners": ["Anhörigföreningen Vi Tillsammans"],
        "focus": ["aldre", "halsa"],
        "committee": "Sociala omsorgsnämnden",
        "administration": "Vård- och äldreförvaltningen",
        "target_group": "Anhöriga som vårdar eller stöttar en närstående.",
        "start": D(2021, 9, 1),
        "end": None,
        "amount": 540_000,
        "own": 40_000,
        "in_kind": ("Ideella samtalsledare.", 110_000),
        "background": "Anhöriga gör en stor insats men får ofta för lite stöd själva.",
        "purpose": "Att anhöriga ska orka och få möjlighet att ta hand om sin egen hälsa.",
        "contribution": "Föreningen håller i grupper och rådgivning. Kommunen erbjuder avlösning och hänvisar anhöriga till föreningen.",
        "notice": "Tolv månaders uppsägning.",
        "contacts": [
            (
                "Ingrid Wall",
                "Anhörigkonsulent",
                "Vård- och äldreförvaltningen",
                "ingrid.wall@example.org",
                "033-00 00 61",
                True,
            ),
            (
                "Göran Persson (fiktiv)",
                "Ordförande",
                "Anhörigföreningen Vi Tillsammans",
                "goran@example.org",
                "",
                False,
            ),
        ],
    },
    {
        "slug": "hembygdsgarden",
        "title": "Öppen hembygdsgård",
        "summary": "Hembygdsgården hålls öppen för skolor och allmänhet med visningar och berättarkvällar.",
        "partners": ["Åsbo Hembygdsförening"],
        "focus": ["kultur"],
        "committee": "Kulturnämnden",
        "administration": "Kulturförvaltningen",
        "target_group": "Skolklasser, nyinflyttade och alla som är nyfikna på bygdens historia.",
        "start": D(2022, 5, 1),
        "end": D(2026, 4, 30),
        "amount": 150_000,
        "own": 35_000,
        "in_kind": ("Skötsel av gården och ideella guider.", 95_000),
        "background": "Gården är kulturhistoriskt värdefull men var bara öppen några dagar om året.",
        "purpose": "Att göra lokalhistorien tillgänglig för fler.",
        "contribution": "Föreningen sköter gården och visningarna. Kommunen bidrar till underhåll och bokar skolbesök.",
        "contacts": [
            (
                "Ulla Åkesson",
                "Kassör",
                "Åsbo Hembygdsförening",
                "ulla.akesson@example.org",
                "",
                True,
            ),
        ],
    },
    {
        "slug": "stadsodling",
        "title": "Gemensamma odlingar i bostadsområden",
        "summary": "Odlingslotter och trädgårdsträffar mellan husen, öppna för alla som bor i området.",
        "partners": ["Ängens Odlarförening", "Hyresgästföreningen Hässleholmen"],
        "focus": ["social-inkludering", "halsa"],
        "committee": "Fritids- och folkhälsonämnden",
        "administration": "Fritids- och folkhälsoförvaltningen",
        "target_group": "Boende i flerbostadsområden.",
        "start": D(2023, 4, 1),
        "end": D(2027, 3, 31),
        "amount": 210_000,
        "own": 25_000,
        "in_kind": (
            "Odlingsmark från bostadsbolaget och ideella trädgårdsvärdar.",
            70_000,
        ),
        "background": "Boende ville ha fler mötesplatser utomhus och möjlighet att odla.",
        "purpose": "Att grannar ska lära känna varandra och trivas i sitt område.",
        "contribution": "Föreningarna organiserar odlingarna. Kommunen bidrar med pengar och samordnar med bostadsbolaget.",
        "contacts": [
            (
                "Fatima Ali",
                "Trädgårdsvärd",
                "Ängens Odlarförening",
                "fatima.ali@example.org",
                "",
                True,
            ),
        ],
    },
    {
        "slug": "mentorskap",
        "title": "Mentorer för unga på väg ut i arbetslivet",
        "summary": "Unga vuxna får en mentor från näringslivet under ett år.",
        "partners": ["Stiftelsen Öppna Dörrar"],
        "focus": ["arbete", "barn-och-unga"],
        "committee": "Arbetslivsnämnden",
        "administration": "Arbetslivsförvaltningen",
        "target_group": "Unga mellan 18 och 25 år som varken arbetar eller studerar.",
        "start": D(2024, 1, 1),
        "end": D(2027, 12, 31),
        "amount": 700_000,
        "own": 200_000,
        "in_kind": ("Mentorer som ger sin tid ideellt.", 260_000),
        "background": "Unga utan nätverk har svårare att få sitt första jobb.",
        "purpose": "Att fler unga ska komma i arbete eller börja studera.",
        "contribution": "Stiftelsen rekryterar mentorer och matchar dem med deltagare. Kommunen hänvisar unga och följer upp resultaten.",
        "notice": "Sex månaders uppsägning.",
        "contacts": [
            (
                "Daniel Roos",
                "Programansvarig",
                "Stiftelsen Öppna Dörrar",
                "daniel.roos@example.org",
                "",
                True,
            ),
            (
                "Maria Öberg",
                "Handläggare",
                "Arbetslivsförvaltningen",
                "maria.oberg@example.org",
                "",
                False,
            ),
        ],
    },
    {
        "slug": "schack-i-skolan",
        "title": "Schack för barn och seniorer",
        "summary": "Schackträffar där barn och äldre spelar tillsammans på bibliotek och träffpunkter.",
        "partners": ["Örnens Schackklubb"],
        "focus": ["barn-och-unga", "aldre"],
        "committee": "Kulturnämnden",
        "administration": "Kulturförvaltningen",
        "target_group": "Barn 7–12 år och äldre.",
        "start": D(2025, 1, 1),
        "end": D(2027, 12, 31),
        "amount": 90_000,
        "own": 15_000,
        "in_kind": ("Schackmaterial och ideella ledare.", 40_000),
        "background": "Klubben ville nå nya grupper och biblioteken sökte aktiviteter över generationsgränser.",
        "purpose": "Att skapa möten mellan generationer kring ett gemensamt intresse.",
        "contribution": "Klubben leder träffarna. Kommunen upplåter biblioteken och sprider information.",
        "contacts": [
            (
                "Viktor Ahl",
                "Ordförande",
                "Örnens Schackklubb",
                "viktor.ahl@example.org",
                "",
                True,
            ),
        ],
    },
    {
        "slug": "dans-for-alla",
        "title": "Dans för alla",
        "summary": "Dansgrupper för barn och unga med funktionsvariationer, med assistenter på plats.",
        "partners": ["Zebra Dansförening"],
        "focus": ["kultur", "barn-och-unga"],
        "committee": "Kulturnämnden",
        "administration": "Kulturförvaltningen",
        "target_group": "Barn och unga med funktionsvariationer.",
        "start": D(2026, 12, 15),
        "end": D(2029, 12, 31),
        "amount": 180_000,
        "own": 20_000,
        "in_kind": ("Danslokal och ideella assistenter.", 60_000),
        "background": "Det finns få fritidsaktiviteter anpassade för barn med funktionsvariationer.",
        "purpose": "Att alla barn ska kunna dansa på sina egna villkor.",
        "contribution": "Föreningen leder dansen. Kommunen bidrar med pengar och anpassade lokaler.",
        "contacts": [
            (
                "Nora Blom",
                "Danspedagog",
                "Zebra Dansförening",
                "nora.blom@example.org",
                "",
                False,
            ),
        ],
    },
    {
        "slug": "besoksverksamhet",
        "title": "Besöksvänner på äldreboenden",
        "summary": "Frivilliga besöksvänner som regelbundet träffar boende på kommunens äldreboenden.",
        "partners": [
            "Röda Korset Boråskretsen (fiktiv)",
            "Seniornätverket Silverträffen",
        ],
        "focus": ["aldre", "social-inkludering"],
        "committee": "Sociala omsorgsnämnden",
        "administration": "Vård- och äldreförvaltningen",
        "target_group": "Boende på äldreboenden som får få besök.",
        "start": D(2027, 1, 1),
        "end": D(2030, 12, 31),
        "amount": 240_000,
        "own": 30_000,
        "in_kind": ("Utbildade besöksvänner.", 150_000),
        "background": "Personalen på äldreboendena ser att många boende får sällan besök.",
        "purpose": "Att boende ska få fler meningsfulla möten i vardagen.",
        "contribution": "Föreningarna utbildar och samordnar besöksvännerna. Kommunen bidrar med samordning på boendena.",
        "contacts": [],
    },
]


def _committee_date(start):
    """The decision is made a couple of months before the start."""
    month = start.month - 3
    year = start.year
    if month < 1:
        month += 12
        year -= 1
    return D(year, month, 15)


def _registration_number(committee, start, index):
    prefix = "".join(
        word[0] for word in committee.replace("-", " ").split()[:2]
    ).upper()
    return f"{prefix} {start.year - 1 if start.month < 4 else start.year}-{(index + 1) * 37:05d}"


def _funding_years(item):
    last = item.get("terminated_on") or item["end"]
    last_year = last.year if last else LAST_FUNDED_YEAR - 1
    return range(item["start"].year, min(last_year, LAST_FUNDED_YEAR) + 1)


def _body(item):
    return [
        ("heading", "Bakgrund"),
        ("paragraph", f"<p>{item['background']}</p>"),
        ("heading", "Syfte och mål"),
        ("paragraph", f"<p>{item['purpose']}</p>"),
        ("heading", "Vad parterna bidrar med"),
        ("paragraph", f"<p>{item['contribution']}</p>"),
    ]


def _follow_ups(item, today):
    last = item.get("terminated_on") or item["end"] or today
    rows = []
    for year in range(item["start"].year, min(last.year, today.year - 1) + 1):
        rows.append(
            (
                D(year + 1, 3, 31),
                f"Årsrapport {year}",
                f"Parterna har gått igenom året {year} tillsammans: deltagande, ekonomi och "
                "vad som behöver ändras till nästa år.",
            )
        )
    rows = rows[-3:]
    if item["end"] and item["end"] < today and not item.get("terminated_on"):
        rows.append(
            (
                item["end"] + datetime.timedelta(days=60),
                "Slututvärdering",
                "En gemensam utvärdering av hela perioden, med förslag om vad som bör hända "
                "efter partnerskapet.",
            )
        )
    return rows


def _index_page(parent):
    index = demo.recorded(PartnershipIndexPage, "partnerships:index")
    if index is None:
        index = PartnershipIndexPage(
            title=INDEX_TITLE,
            slug=demo.free_slug(parent, INDEX_SLUG),
            intro=INDEX_INTRO,
        )
        show_in_menus(index)
        parent.add_child(instance=index)
        demo.record("partnerships:index", index)
    else:
        index = index.specific
        index.title, index.intro = INDEX_TITLE, INDEX_INTRO
        show_in_menus(index)
    index.save_revision().publish()
    return index


# The principles (by number) an IOP builds on: every IOP rests on independence
# and dialogue; long-term work, openness, quality or diversity in turn.
PRINCIPLE_CHOICES = [(1, 2, 4), (1, 2, 5), (1, 2, 3), (1, 2, 6)]


def _principle_numbers(position):
    return PRINCIPLE_CHOICES[position % len(PRINCIPLE_CHOICES)]


def load(context):
    register = context["register"]
    principles = (context.get("agreement") or {}).get("principles") or {}
    index = _index_page(context["parent"])
    today = datetime.date.today()
    pages = {}
    for position, item in enumerate(IOPS):
        key = f"partnerships:iop:{item['slug']}"
        page = demo.recorded(PartnershipPage, key)
        if page is None:
            page = PartnershipPage(slug=demo.free_slug(index, item["slug"]))
            created = True
        else:
            page = page.specific
            created = False
        committee = register["bodies"][item["committee"]]
        page.title = item["title"]
        page.summary = item["summary"]
        page.body = _body(item)
        page.target_group = item["target_group"]
        page.responsible_body = committee
        page.administering_body = (
            register["bodies"][item["administration"]]
            if item["administration"]
            else None
        )
        page.start_date = item["start"]
        page.end_date = item["end"]
        page.notice_period = item.get(
            "notice", "Sex månaders ömsesidig uppsägningstid."
        )
        page.terminated_on = item.get("terminated_on")
        page.termination_reason = item.get("termination_reason", "")
        page.decision_body = committee
        page.decision_date = _committee_date(item["start"])
        page.registration_number = _registration_number(
            item["committee"], item["start"], position
        )

        page.partners = [
            PartnershipPartner(
                organisation=register["organisations"][name],
                role="lead" if number == 0 else "partner",
            )
            for number, name in enumerate(item["partners"])
        ]
        page.focus_area_links = [
            PartnershipFocusArea(focus_area=register["focus_areas"][slug])
            for slug in item["focus"]
        ]
        page.principle_links = [
            PartnershipPrinciple(principle=principles[number])
            for number in _principle_numbers(position)
            if number in principles
        ]
        in_kind_text, in_kind_value = item["in_kind"]
        page.funding_rows = [
            PartnershipFunding(
                year=year,
                municipal_amount=int(round(item["amount"] * 1.03**step, -3)),
                organisation_amount=int(round(item["own"] * 1.02**step, -3)),
                in_kind_description=in_kind_text,
                in_kind_value=in_kind_value,
            )
            for step, year in enumerate(_funding_years(item))
        ]
        page.follow_ups = [
            PartnershipFollowUp(date=date, title=title, summary=summary)
            for date, title, summary in _follow_ups(item, today)
        ]
        page.contacts = [
            PartnershipContact(
                name=name,
                role=role,
                affiliation=affiliation,
                email=email,
                phone=phone,
                show_publicly=public,
            )
            for name, role, affiliation, email, phone, public in item["contacts"]
        ]
        if created:
            index.add_child(instance=page)
            demo.record(key, page)
        page.save_revision().publish()
        pages[item["slug"]] = page
    return {"index": index, "partnerships": pages}


# -- English ----------------------------------------------------------------

IOPS_EN = {
    "spontanidrott-norrby": {
        "title": "Drop-in sports on Friday evenings",
        "slug": "drop-in-sports-norrby",
        "summary": "Open sports halls with youth leaders on Friday evenings for young "
        "people in Norrby.",
        "target_group": "Young people aged 12 to 20.",
    },
    "laxhjalp-al-noor": {
        "title": "Homework help and support for parents",
        "slug": "homework-help-al-noor",
        "summary": "Homework help for schoolchildren and discussion groups for parents "
        "about school in Sweden.",
    },
}


def translate(context, locale):
    """English translations of the register page and two IOPs."""
    loaded = context.get("partnerships") or {}
    index = loaded.get("index")
    if index is None:
        return
    demo.translation(
        index,
        locale,
        "partnerships:index:en",
        {
            "title": "Idea-based public partnerships (IOP)",
            "slug": "iop",
            "intro": "<p>An idea-based public partnership, IOP, is an agreement between "
            "the municipality and one or more associations that share a goal. It is "
            "neither a grant nor a procurement: both parties contribute money, premises "
            "or working time, and the cooperation is followed up together.</p>",
        },
    )
    for slug, fields in IOPS_EN.items():
        page = (loaded.get("partnerships") or {}).get(slug)
        if page is not None:
            demo.translation(page, locale, f"partnerships:iop:{slug}:en", fields)
