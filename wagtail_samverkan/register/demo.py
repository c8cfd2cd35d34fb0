"""Register content: organisations, municipal bodies and focus areas.

All organisations are fictional. Organisation numbers are built from a
fictional stem with a correct Luhn check digit, so they validate but belong
to no real organisation.
"""

from django.utils.translation import gettext as _

from wagtail_samverkan.core import demo
from wagtail_samverkan.core.validators import luhn_ok
from wagtail_samverkan.register.models import FocusArea, MunicipalBody, Organisation

# The models this area's demo fills: their rows the demo did not record are
# the host's own content.
MODELS = [Organisation, MunicipalBody, FocusArea]

FOCUS_AREAS = [
    ("Integration", "integration", "Etablering och delaktighet för nyanlända."),
    (
        "Social inkludering",
        "social-inkludering",
        "Att ingen ska stå utanför gemenskapen.",
    ),
    ("Barn och unga", "barn-och-unga", "Fritid, stöd och trygghet för barn och unga."),
    ("Äldre", "aldre", "Gemenskap och stöd för äldre invånare."),
    ("Hälsa", "halsa", "Fysisk och psykisk hälsa, förebyggande arbete."),
    ("Kultur", "kultur", "Kulturliv, bildning och skapande."),
    ("Idrott och friluftsliv", "idrott", "Rörelse, idrott och natur för alla."),
    ("Arbete och sysselsättning", "arbete", "Vägar till arbete, praktik och studier."),
]

# (name, kind, parent name)
MUNICIPAL_BODIES = [
    ("Kommunfullmäktige", "council", None),
    ("Kommunstyrelsen", "committee", None),
    ("Sociala omsorgsnämnden", "committee", None),
    ("Individ- och familjeomsorgsnämnden", "committee", None),
    ("Fritids- och folkhälsonämnden", "committee", None),
    ("Kulturnämnden", "committee", None),
    ("Förskolenämnden", "committee", None),
    ("Arbetslivsnämnden", "committee", None),
    ("Beredningen för medborgarinflytande", "other", "Kommunfullmäktige"),
    ("Stadsledningskansliet", "administration", "Kommunstyrelsen"),
    ("Vård- och äldreförvaltningen", "administration", "Sociala omsorgsnämnden"),
    (
        "Individ- och familjeomsorgsförvaltningen",
        "administration",
        "Individ- och familjeomsorgsnämnden",
    ),
    (
        "Fritids- och folkhälsoförvaltningen",
        "administration",
        "Fritids- och folkhälsonämnden",
    ),
    ("Kulturförvaltningen", "administration", "Kulturnämnden"),
    ("Arbetslivsförvaltningen", "administration", "Arbetslivsnämnden"),
    ("Stadens bostadsbolag AB", "company", None),
]

# (name, kind, stem of nine digits, description)
ORGANISATIONS = [
    (
        "Föreningen Gemensam Grund",
        "association",
        "802400100",
        "Mötesplats och läxhjälp för nyanlända familjer.",
    ),
    (
        "Kvinnojouren Trygga Händer",
        "association",
        "802400118",
        "Stöd och skyddat boende för våldsutsatta.",
    ),
    (
        "Stadsmissionen i Sjuhäradsbygden",
        "foundation",
        "802400126",
        "Sociala insatser för människor i utsatthet.",
    ),
    (
        "Idrottsalliansen Norrby",
        "association",
        "802400134",
        "Spontanidrott och läger för barn och unga.",
    ),
    (
        "Seniornätverket Silverträffen",
        "association",
        "802400142",
        "Träffar, friskvård och digital hjälp för äldre.",
    ),
    (
        "Ungdomens Hus Ekorren",
        "association",
        "802400159",
        "Fritidsgård som drivs av unga själva.",
    ),
    (
        "Equmeniaförsamlingen Centrum",
        "faith_community",
        "802400167",
        "Öppen kyrka med språkcafé och soppkök.",
    ),
    (
        "Islamiska kulturföreningen Al-Noor",
        "faith_community",
        "802400175",
        "Läxhjälp, samtalsgrupper och föräldrastöd.",
    ),
    (
        "Arbetsintegrerande kooperativet Väven",
        "cooperative",
        "769600183",
        "Arbetsträning i textil- och cykelverkstad.",
    ),
    (
        "Brukarföreningen Rösten",
        "association",
        "802400191",
        "Egenorganisering för personer med beroende.",
    ),
    (
        "Hyresgästföreningen Hässleholmen",
        "association",
        "802400209",
        "Bovänliga aktiviteter i flerbostadsområden.",
    ),
    (
        "Friluftsfrämjandet Sjuhärad",
        "association",
        "802400217",
        "Friluftsliv och naturskola för alla åldrar.",
    ),
    (
        "Teaterföreningen Ridån",
        "association",
        "802400225",
        "Amatörteater och skrivarverkstäder.",
    ),
    (
        "Stiftelsen Öppna Dörrar",
        "foundation",
        "802400233",
        "Mentorskap för unga på väg ut i arbetslivet.",
    ),
    (
        "Anhörigföreningen Vi Tillsammans",
        "association",
        "802400241",
        "Stöd till anhöriga som vårdar en närstående.",
    ),
    (
        "Åsbo Hembygdsförening",
        "association",
        "802400258",
        "Lokalhistoria och öppet hembygdsgårdsliv.",
    ),
    (
        "Ängens Odlarförening",
        "association",
        "802400266",
        "Stadsodling och gemensamma trädgårdar.",
    ),
    (
        "Örnens Schackklubb",
        "association",
        "802400274",
        "Schack för barn, unga och seniorer.",
    ),
    (
        "Röda Korset Boråskretsen (fiktiv)",
        "association",
        "802400282",
        "Besöksverksamhet och första hjälpen-kurser.",
    ),
    (
        "Zebra Dansförening",
        "association",
        "802400290",
        "Dans för barn och unga med funktionsvariationer.",
    ),
    (
        "Cykelköket Ekonomisk förening",
        "cooperative",
        "769600308",
        "Cykelverkstad och arbetsträning.",
    ),
]


def with_check_digit(stem: str) -> str:
    """Append the Luhn check digit to nine digits and format as NNNNNN-NNNN."""
    for digit in "0123456789":
        candidate = stem + digit
        if luhn_ok(candidate):
            return f"{candidate[:6]}-{candidate[6:]}"
    raise ValueError(stem)  # pragma: no cover - every stem has one check digit


def load(context):
    """Create or update the register content; returns the objects by name.

    Rows are found by the demo's record, never by name, number or slug. Where a
    host row already holds a unique value (an organisation number, a focus
    area's slug), the demo row goes without the number or takes another slug,
    and ``context["notices"]`` says so.
    """
    locale = context["locale"]
    notices = context.setdefault("notices", [])
    areas = {}
    for name, slug, description in FOCUS_AREAS:
        key = f"register:focus-area:{slug}"
        area = demo.recorded(FocusArea, key) or FocusArea(locale=locale)
        area.name, area.description = name, description
        area.slug = demo.free_value(FocusArea, "slug", slug, own=area, locale=locale)
        area.save()
        areas[slug] = demo.record(key, area)

    bodies = {}
    for name, kind, parent in MUNICIPAL_BODIES:
        key = f"register:body:{name}"
        body = demo.recorded(MunicipalBody, key) or MunicipalBody(locale=locale)
        body.name, body.kind, body.parent = name, kind, bodies.get(parent)
        body.save()
        bodies[name] = demo.record(key, body)

    organisations = {}
    for name, kind, stem, description in ORGANISATIONS:
        key = f"register:organisation:{stem}"
        organisation = demo.recorded(Organisation, key) or Organisation()
        number = with_check_digit(stem)
        holder = (
            Organisation.objects.filter(organisation_number=number)
            .exclude(pk=organisation.pk)
            .first()
        )
        if holder is not None:
            # The number is unique: the host's organisation keeps it.
            notices.append(
                _(
                    "The organisation number %(number)s belongs to “%(holder)s” on "
                    "this site; the demo organisation “%(name)s” has none."
                )
                % {"number": number, "holder": holder, "name": name}
            )
            number = None
        organisation.name, organisation.kind = name, kind
        organisation.organisation_number = number
        organisation.description, organisation.website = description, ""
        organisation.save()
        organisations[name] = demo.record(key, organisation)
    return {"focus_areas": areas, "bodies": bodies, "organisations": organisations}
