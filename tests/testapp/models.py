"""Models of the host project used by the tests.

``HostPage`` stands for a municipality's own page type that uses the
package's StreamField blocks; ``Grant`` stands for a host model that refers
to the register and must stop an organisation from being deleted.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.snippets.models import register_snippet

from wagtail_samverkan.blocks import SAMVERKAN_BLOCKS
from wagtail_samverkan.core.compat import get_base_page_model

Page = get_base_page_model()


class HostPage(Page):
    body = StreamField(SAMVERKAN_BLOCKS, blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]


class Grant(models.Model):
    title = models.CharField(max_length=255)
    organisation = models.ForeignKey(
        "wagtail_samverkan.Organisation", on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("title"), FieldPanel("organisation")]

    def __str__(self):
        return self.title


register_snippet(Grant)
