"""What every page type of the package shares."""

from ..compat import get_base_page_model
from ..conf import samverkan_settings

BasePage = get_base_page_model()


class SamverkanPageMixin:
    """Gives templates the host site's base template name.

    Package templates extend ``wagtail_samverkan/base.html``, which extends
    the template named by ``WAGTAIL_SAMVERKAN["BASE_TEMPLATE"]``.
    """

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["samverkan_base_template"] = samverkan_settings.BASE_TEMPLATE
        return context
