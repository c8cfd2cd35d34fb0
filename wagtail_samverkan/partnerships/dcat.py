"""The IOP registers in the site's data catalogue (see ``core.dcat``)."""

from django.utils.translation import gettext as _

from wagtail_samverkan.core import dcat
from wagtail_samverkan.core.identifiers import absolute_url, id_prefix, page_key

#: The 360Giving Data Standard the 360Giving file follows.
GIVING360_STANDARD = "https://standard.threesixtygiving.org/en/1.4/"


def datasets(site, request):
    from wagtail_samverkan.partnerships.models import (
        PartnershipIndexPage,
        PartnershipPage,
    )

    found = []
    for register in dcat.published_pages(PartnershipIndexPage, PartnershipPage, site):
        landing = register.get_full_url(request)
        if not landing:
            continue
        urls = {
            name: absolute_url(href, request=request)
            for name, href in register.export_urls(request).items()
        }
        files = [
            dcat.Distribution(
                title=_("The IOP register as CSV"),
                description=_("One row per IOP, UTF-8, comma-separated."),
                url=urls["export_csv"],
                media_type="text/csv",
                file_type="CSV",
            ),
            dcat.Distribution(
                title=_("The IOP register as JSON"),
                description=_(
                    "One object per IOP with its partners, funding, principles "
                    "and public contacts, following a versioned JSON Schema."
                ),
                url=urls["export_json"],
                media_type="application/json",
                file_type="JSON",
                conforms_to=urls["export_schema"],
            ),
        ]
        if "export_360giving" in urls:
            files.append(
                dcat.Distribution(
                    title=_("The IOP register as 360Giving data"),
                    description=_(
                        "One grant per IOP in the 360Giving Data Standard "
                        "(JSON package schema 1.4)."
                    ),
                    url=urls["export_360giving"],
                    media_type="application/json",
                    file_type="JSON",
                    conforms_to=GIVING360_STANDARD,
                )
            )
        found.append(
            dcat.Dataset(
                identifier=f"{id_prefix()}:iop-register:{page_key(register)}",
                title=register.title,
                description=register.get_meta_description()
                or _(
                    "The municipality's idea-based public partnerships (IOP): "
                    "partners, period, funding, responsible committee and status."
                ),
                landing_page=landing,
                language=register.locale.language_code,
                keywords=[
                    _("IOP"),
                    _("idea-based public partnership"),
                    _("civil society"),
                    _("associations"),
                ],
                themes=["GOVE", "SOCI"],
                issued=register.first_published_at,
                modified=dcat.modified(register),
                distributions=files,
                conforms_to=urls["export_schema"],
            )
        )
    return found


dcat.register_datasets("partnerships", datasets)
