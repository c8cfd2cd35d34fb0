"""The agreements in the site's data catalogue (see ``core.dcat``)."""

from django.utils.translation import gettext as _

from wagtail_samverkan.core import dcat
from wagtail_samverkan.core.identifiers import absolute_url, id_prefix, page_key


def datasets(site, request):
    from wagtail_samverkan.agreement.models import AgreementIndexPage, AgreementPage

    found = []
    for index in dcat.published_pages(AgreementIndexPage, AgreementPage, site):
        landing = index.get_full_url(request)
        if not landing:
            continue
        urls = {
            name: absolute_url(href, request=request)
            for name, href in index.export_urls(request).items()
        }
        found.append(
            dcat.Dataset(
                identifier=f"{id_prefix()}:agreements:{page_key(index)}",
                title=index.title,
                description=index.get_meta_description()
                or _(
                    "The agreement between the municipality and the idea-based "
                    "organisations, every version with its status, principles, "
                    "commitments and signatories."
                ),
                landing_page=landing,
                language=index.locale.language_code,
                keywords=[_("agreement"), _("civil society"), _("principles")],
                themes=["GOVE", "SOCI"],
                issued=index.first_published_at,
                modified=dcat.modified(index),
                distributions=[
                    dcat.Distribution(
                        title=_("The agreements as JSON"),
                        description=_(
                            "Every published version of the agreement, following "
                            "a versioned JSON Schema."
                        ),
                        url=urls["agreements_json"],
                        media_type="application/json",
                        file_type="JSON",
                        conforms_to=urls["agreements_schema"],
                    )
                ],
                conforms_to=urls["agreements_schema"],
            )
        )
    return found


dcat.register_datasets("agreement", datasets)
