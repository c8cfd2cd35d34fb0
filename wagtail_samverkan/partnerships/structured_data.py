"""schema.org ``Dataset`` as JSON-LD for the IOP register.

Dataset search engines (Google Dataset Search and others that read
schema.org) find the register's open data through it: the dataset, its
publisher and one ``DataDownload`` per file. It is made from the page and the
settings only, so it adds no query to the register.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from wagtail_samverkan.core.conf import samverkan_settings
from wagtail_samverkan.core.identifiers import absolute_url, publisher_id
from wagtail_samverkan.core.pages import active_language_code
from wagtail_samverkan.core.structured_data import json_ld

#: Google asks for a description of at least 50 characters.
MIN_DESCRIPTION = 50


def dataset_data(index_page, request=None) -> dict:
    """The register as a schema.org ``Dataset`` with its downloads."""
    municipality = samverkan_settings.MUNICIPALITY_NAME
    description = index_page.get_meta_description()
    if len(description) < MIN_DESCRIPTION:
        description = _(
            "The idea-based public partnerships (IOPs) of %(publisher)s: partners, "
            "periods, responsible bodies, focus areas and funding per year, as open data."
        ) % {"publisher": municipality or index_page.title}
    urls = index_page.export_urls(request)
    downloads = [
        ("export_csv", "text/csv", _("The IOPs as CSV")),
        ("export_json", "application/json", _("The IOPs as JSON")),
        ("export_360giving", "application/json", _("The IOPs as 360Giving grant data")),
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": index_page.title,
        "description": description,
        "url": index_page.get_full_url(request),
        "inLanguage": active_language_code(),
        "isAccessibleForFree": True,
        # The licence the data catalogue gives (CC0 unless the site says otherwise).
        "license": samverkan_settings.OPEN_DATA_LICENSE,
        "distribution": [
            {
                "@type": "DataDownload",
                "name": str(name),
                "encodingFormat": media_type,
                "contentUrl": absolute_url(urls[key], request=request),
            }
            for key, media_type, name in downloads
            if urls.get(key)
        ],
    }
    if urls.get("export_schema"):
        data["schemaVersion"] = absolute_url(urls["export_schema"], request=request)
    if municipality:
        publisher = {"@type": "GovernmentOrganization", "name": municipality}
        if publisher_id():
            publisher["identifier"] = publisher_id()
        data["creator"] = data["publisher"] = publisher
        data["spatialCoverage"] = {"@type": "Place", "name": municipality}
    return data


def dataset_json_ld(index_page, request=None):
    """The escaped JSON-LD text, ready for the template."""
    return json_ld(dataset_data(index_page, request))
