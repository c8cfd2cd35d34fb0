"""The yardstick: a plain Wagtail page with a rich-text body.

Every ratio of the benchmark is an endpoint's median over this page's median,
measured in the same run: the example site's ``StandardPage`` (title, intro
and a ``RichTextField`` body) rendered with the site's base template.
"""

from ..pages import create_page
from .base import Endpoint, Scenario, rich_text


class BaselineScenario(Scenario):
    name = "baseline"
    title = "Plain page"

    def load(self):
        from example_site.home.models import StandardPage  # noqa: F401

    def build(self, ctx):
        from example_site.home.models import StandardPage

        page = create_page(
            ctx.home,
            StandardPage(
                title="Om samverkan i kommunen",
                slug="bench-plain-page",
                intro="En vanlig sida med löptext, som jämförelse.",
                body=rich_text(ctx.rng, paragraphs=6),
            ),
        )
        ctx.pages["plain"] = page
        ctx.counts["plain pages"] = 1

    def endpoints(self, ctx):
        return [
            Endpoint("plain page (rich text)", ctx.pages["plain"].url, kind="baseline")
        ]


SCENARIO = BaselineScenario()
