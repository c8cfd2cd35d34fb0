"""The site's data catalogue in DCAT-AP-SE, the profile Sweden's data portal harvests.

Each area says which datasets it publishes (``register_datasets``, called
when the area's ``dcat`` module is imported from ``ready()``); the core knows
no area and only turns their descriptions into one ``dcat:Catalog`` with
``rdflib``. Only datasets of the areas a site uses and of live, public pages
are described. The catalogue is served as Turtle, RDF/XML and JSON-LD (see
``docs/open-data.md``).

The catalogue, its publisher and contact point are named by addresses on the
site; each dataset also carries a ``dcterms:identifier`` built from the
publisher id and the page's stored key, which stays when the site moves.
"""

import dataclasses
import datetime

from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, XSD

from wagtail_samverkan.core import cache, conditional
from wagtail_samverkan.core.conf import area_enabled, samverkan_settings
from wagtail_samverkan.core.identifiers import absolute_url, publisher_id

DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
DATA_THEME = Namespace(EU + "data-theme/")
FILE_TYPE = Namespace(EU + "file-type/")
LANGUAGE = Namespace(EU + "language/")
ACCESS_RIGHT = Namespace(EU + "access-right/")
AVAILABILITY = Namespace(EU + "planned-availability/")
PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")
IANA = "https://www.iana.org/assignments/media-types/"
#: Sweden in GeoNames: the coverage while ``SPATIAL_COVERAGE`` is unset.
SWEDEN = "http://sws.geonames.org/2661886/"

#: The serialisations offered: ``{extension: (rdflib format, media type)}``.
FORMATS = {
    "ttl": ("turtle", "text/turtle"),
    "rdf": ("pretty-xml", "application/rdf+xml"),
    "jsonld": ("json-ld", "application/ld+json"),
}
#: The URL names of the catalogue's addresses in ``wagtail_samverkan.urls``:
#: one serialisation (``dcat.ttl``), and the one address that negotiates.
URL_NAME = "wagtail_samverkan_dcat"
NEGOTIATED_URL_NAME = "wagtail_samverkan_dcat_negotiated"

#: The languages of the EU vocabulary for the page languages a site may use.
LANGUAGES = {"sv": "SWE", "en": "ENG", "fi": "FIN", "nb": "NOR", "no": "NOR"}


@dataclasses.dataclass
class Distribution:
    """One file of a dataset."""

    title: str
    description: str
    url: str  # absolute
    media_type: str  # IANA, e.g. "text/csv"
    file_type: str  # EU file-type code, e.g. "CSV"
    conforms_to: str = ""  # a schema or standard the file follows


@dataclasses.dataclass
class Dataset:
    """One dataset: what a page publishes, with its files."""

    identifier: str
    title: str
    description: str
    landing_page: str  # absolute
    language: str
    keywords: list
    themes: list  # EU data-theme codes
    issued: datetime.datetime | None
    modified: datetime.datetime | None
    distributions: list
    conforms_to: str = ""


_PROVIDERS = []


def register_datasets(area, provider):
    """``provider(site, request)`` gives the area's datasets on ``site``.

    It is asked only while the site uses ``area`` (``AREAS``), and must give
    live, public pages only, in a number of queries that does not grow with
    the number of pages.
    """
    if (area, provider) not in _PROVIDERS:
        _PROVIDERS.append((area, provider))


def published_pages(model, child_model, site):
    """Live, public ``model`` pages on ``site``, each with ``latest_child``.

    ``latest_child`` is when the newest live, public child of ``child_model``
    was last published. One query whatever the number of pages.
    """
    from django.db.models import F, OuterRef, Subquery

    from wagtail_samverkan.core.pages import not_private_q

    children = (
        child_model.objects.live()
        .filter(
            not_private_q(),
            path__startswith=OuterRef("path"),
            depth=OuterRef("depth") + 1,
        )
        .order_by(F("last_published_at").desc(nulls_last=True))
        .values("last_published_at")[:1]
    )
    return (
        model.objects.live()
        .filter(not_private_q(), path__startswith=site.root_page.path)
        .select_related("locale")
        .annotate(latest_child=Subquery(children))
        .order_by("path")
    )


def modified(page):
    """The later of the page's and its newest child's last publication."""
    dates = [d for d in (page.last_published_at, page.latest_child) if d]
    return max(dates) if dates else None


def datasets(site, request):
    found = []
    for area, provider in _PROVIDERS:
        if site is not None and area_enabled(area):
            found += provider(site, request)
    return found


def catalogue_url(request, extension=""):
    """The absolute address of the catalogue (of one serialisation)."""
    if extension:
        href = reverse(URL_NAME, kwargs={"extension": extension})
    else:
        href = reverse(NEGOTIATED_URL_NAME)
    return absolute_url(href, request=request)


def catalogue_link(request):
    """``(media type, address, title)`` of the Turtle catalogue, or None.

    None when the host site has not included ``wagtail_samverkan.urls``.
    """
    from django.urls import NoReverseMatch

    try:
        href = reverse(URL_NAME, kwargs={"extension": "ttl"})
    except NoReverseMatch:
        return None
    return ("text/turtle", href, _("The data catalogue (DCAT-AP-SE)"))


def _date(value):
    if isinstance(value, datetime.datetime):
        return Literal(value.replace(microsecond=0), datatype=XSD.dateTime)
    return Literal(value, datatype=XSD.date)


def _publisher(graph, node, lang):
    name = samverkan_settings.MUNICIPALITY_NAME
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, RDF.type, FOAF.Organization))
    graph.add((node, FOAF.name, Literal(name or _("The publisher"), lang=lang)))
    graph.add((node, DCTERMS.type, PUBLISHER_TYPE.LocalAuthority))
    graph.add(
        (
            node,
            DCTERMS.description,
            Literal(
                _(
                    "%(name)s publishes its cooperation with civil society: the "
                    "agreement, the idea-based public partnerships (IOP) and the "
                    "meetings."
                )
                % {"name": name or _("The municipality")},
                lang=lang,
            ),
        )
    )
    if publisher_id():
        graph.add((node, DCTERMS.identifier, Literal(publisher_id())))


def _contact_point(graph, node):
    """The contact point (vCard), or False when no address to write to is set."""
    email = samverkan_settings.CONTACT_EMAIL
    if not email:
        return False
    graph.add((node, RDF.type, VCARD.Organization))
    name = samverkan_settings.CONTACT_NAME or samverkan_settings.MUNICIPALITY_NAME
    graph.add((node, VCARD.fn, Literal(name or email)))
    graph.add((node, VCARD.hasEmail, URIRef("mailto:" + email)))
    phone = "".join(samverkan_settings.CONTACT_PHONE.split())
    if phone:
        telephone = BNode()
        graph.add((node, VCARD.hasTelephone, telephone))
        graph.add((telephone, VCARD.hasValue, URIRef("tel:" + phone)))
    address = samverkan_settings.CONTACT_ADDRESS or {}
    if any(address.values()):
        postal = BNode()
        graph.add((node, VCARD.hasAddress, postal))
        graph.add((postal, RDF.type, VCARD.Address))
        for key, prop in (
            ("street_address", VCARD["street-address"]),
            ("postal_code", VCARD["postal-code"]),
            ("locality", VCARD.locality),
            ("country_name", VCARD["country-name"]),
        ):
            if address.get(key):
                graph.add((postal, prop, Literal(address[key])))
    return True


def build_graph(request):
    """The catalogue of the request's site as an ``rdflib`` graph."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    found = datasets(site, request)
    lang = (get_language() or "sv").split("-")[0]
    base = catalogue_url(request)
    graph = Graph()
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dcterms", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("dcatap", DCATAP),
    ):
        graph.bind(prefix, namespace)

    catalogue = URIRef(base)
    publisher = URIRef(base + "#publisher")
    contact = URIRef(base + "#contact")
    licence = URIRef(samverkan_settings.OPEN_DATA_LICENSE)
    spatial = URIRef(samverkan_settings.SPATIAL_COVERAGE or SWEDEN)
    name = samverkan_settings.MUNICIPALITY_NAME

    _publisher(graph, publisher, lang)
    has_contact = _contact_point(graph, contact)
    graph.add((spatial, RDF.type, DCTERMS.Location))
    if samverkan_settings.SPATIAL_COVERAGE and name:
        graph.add((spatial, RDFS.label, Literal(name, lang=lang)))

    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add(
        (
            catalogue,
            DCTERMS.title,
            Literal(
                _("Cooperation with civil society: open data")
                + (f" – {name}" if name else ""),
                lang=lang,
            ),
        )
    )
    graph.add(
        (
            catalogue,
            DCTERMS.description,
            Literal(
                _(
                    "The agreement between the municipality and the idea-based "
                    "organisations, the register of idea-based public partnerships "
                    "(IOP) and the calendar of meetings, as open data."
                ),
                lang=lang,
            ),
        )
    )
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, DCTERMS.license, licence))
    graph.add((catalogue, DCTERMS.spatial, spatial))
    graph.add((catalogue, DCAT.themeTaxonomy, URIRef(EU + "data-theme")))
    if site is not None:
        graph.add((catalogue, FOAF.homepage, URIRef(site.root_url + "/")))
    languages = {LANGUAGES.get(d.language, "SWE") for d in found} or {
        LANGUAGES.get(lang, "SWE")
    }
    for code in sorted(languages):
        graph.add((catalogue, DCTERMS.language, LANGUAGE[code]))
    issued = [d.issued for d in found if d.issued]
    modified = [d.modified for d in found if d.modified]
    if issued:
        graph.add((catalogue, DCTERMS.issued, _date(min(issued))))
    if modified:
        graph.add((catalogue, DCTERMS.modified, _date(max(modified))))

    for item in found:
        node = URIRef(item.landing_page + "#dataset")
        graph.add((catalogue, DCAT.dataset, node))
        graph.add((node, RDF.type, DCAT.Dataset))
        graph.add((node, DCTERMS.identifier, Literal(item.identifier)))
        graph.add((node, DCTERMS.title, Literal(item.title, lang=item.language)))
        graph.add(
            (node, DCTERMS.description, Literal(item.description, lang=item.language))
        )
        graph.add((node, DCTERMS.publisher, publisher))
        if has_contact:
            graph.add((node, DCAT.contactPoint, contact))
        for keyword in item.keywords:
            graph.add((node, DCAT.keyword, Literal(keyword, lang=item.language)))
        for theme in item.themes:
            graph.add((node, DCAT.theme, DATA_THEME[theme]))
        graph.add((node, DCTERMS.spatial, spatial))
        graph.add((node, DCTERMS.accessRights, ACCESS_RIGHT.PUBLIC))
        graph.add(
            (node, DCTERMS.language, LANGUAGE[LANGUAGES.get(item.language, "SWE")])
        )
        graph.add((node, DCAT.landingPage, URIRef(item.landing_page)))
        if item.conforms_to:
            graph.add((node, DCTERMS.conformsTo, URIRef(item.conforms_to)))
        if item.issued:
            graph.add((node, DCTERMS.issued, _date(item.issued)))
        if item.modified:
            graph.add((node, DCTERMS.modified, _date(item.modified)))
        for file in item.distributions:
            dist = URIRef(file.url)
            graph.add((node, DCAT.distribution, dist))
            graph.add((dist, RDF.type, DCAT.Distribution))
            graph.add((dist, DCTERMS.title, Literal(file.title, lang=item.language)))
            graph.add(
                (
                    dist,
                    DCTERMS.description,
                    Literal(file.description, lang=item.language),
                )
            )
            graph.add((dist, DCAT.accessURL, URIRef(file.url)))
            graph.add((dist, DCAT.downloadURL, URIRef(file.url)))
            graph.add((dist, DCTERMS.format, FILE_TYPE[file.file_type]))
            graph.add((dist, DCAT.mediaType, URIRef(IANA + file.media_type)))
            graph.add((dist, DCTERMS.license, licence))
            graph.add((dist, DCATAP.availability, AVAILABILITY.STABLE))
            if file.conforms_to:
                graph.add((dist, DCTERMS.conformsTo, URIRef(file.conforms_to)))
            if item.modified:
                graph.add((dist, DCTERMS.modified, _date(item.modified)))
    return graph


def negotiate(request):
    """The extension a request without one asks for: Turtle unless it names another."""
    accept = request.headers.get("Accept", "")
    for extension in ("jsonld", "rdf"):
        if FORMATS[extension][1] in accept:
            return extension
    return "ttl"


def catalogue_view(request, extension=""):
    """The catalogue as Turtle, RDF/XML or JSON-LD (``dcat.ttl``, ``.rdf``, ``.jsonld``)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    extension = extension or negotiate(request)
    rdf_format, media_type = FORMATS[extension]
    key = cache.make_key(
        "dcat",
        extension,
        request.get_host(),
        publisher_id(),
        tuple(sorted(samverkan_settings.AREAS)),
        samverkan_settings.CONTACT_EMAIL,
        samverkan_settings.CONTACT_NAME,
        samverkan_settings.CONTACT_PHONE,
        repr(samverkan_settings.CONTACT_ADDRESS),
        samverkan_settings.OPEN_DATA_LICENSE,
        samverkan_settings.SPATIAL_COVERAGE,
        request=request,
    )
    etag, since = conditional.validators(key)
    response = conditional.not_modified(request, etag, since)
    if response is None:
        body = build_graph(request).serialize(format=rdf_format)
        response = HttpResponse(body, content_type=f"{media_type}; charset=utf-8")
        conditional.add_validators(response, etag, since)
    response["Vary"] = "Accept"
    response["Access-Control-Allow-Origin"] = "*"
    return response
