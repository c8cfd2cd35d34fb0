"""The core's tables: the cache generations every process reads, the record
of what the demo content created, and the site's accessibility statement."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField

from wagtail_samverkan.core.pages import BasePage, SamverkanPageMixin

#: The supervisory authority's complaint procedure for the accessibility law.
DIGG_COMPLAINT_URL = "https://www.digg.se/tdosanmalan"


class KnownProblemBlock(blocks.StructBlock):
    """One known accessibility problem of the site."""

    problem = blocks.TextBlock(
        label=_("Problem"), help_text=_("What does not work, and for whom.")
    )
    criterion = blocks.CharBlock(
        label=_("WCAG success criterion"),
        required=False,
        help_text=_("For example “1.4.11 Non-text contrast”."),
    )
    reason = blocks.ChoiceBlock(
        label=_("Reason"),
        choices=[
            ("non_compliance", _("Not yet fixed")),
            ("disproportionate_burden", _("Disproportionate burden")),
            ("outside_scope", _("Outside the scope of the law")),
        ],
        default="non_compliance",
    )
    planned_fix = blocks.CharBlock(
        label=_("Planned fix"),
        required=False,
        help_text=_("When and how the problem will be fixed, if it will."),
    )

    class Meta:
        label = _("Known problem")
        icon = "warning"


class CacheGeneration(models.Model):
    """The current generation of one cache area.

    It lives in the database, not in the cache, so that a change committed
    by any process (another server worker, ``publish_scheduled`` from cron,
    an import in a shell) is seen by every process on its next request,
    whatever cache the site has.
    """

    area = models.CharField(_("area"), max_length=64, primary_key=True)
    token = models.CharField(_("token"), max_length=32)

    class Meta:
        verbose_name = _("cache generation")
        verbose_name_plural = _("cache generations")

    def __str__(self):
        return f"{self.area}: {self.token}"


class DemoRecord(models.Model):
    """One row or page that ``samverkan_demo`` created, under a stable key.

    The demo finds its own content only through these records, never by a
    name, number or slug, so it cannot take over a host's row that happens to
    look like demo content. The key (``"register:organisation:802400100"``)
    names the demo item, so a row an editor renamed is still found and updated.
    """

    key = models.CharField(_("key"), max_length=255, unique=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE
    )
    object_id = models.CharField(_("object id"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo record")
        verbose_name_plural = _("demo records")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                name="samverkan_demorecord_unique_object",
            )
        ]

    def __str__(self):
        return self.key


class AccessibilityStatementPage(SamverkanPageMixin, BasePage):
    """A site's accessibility statement, as the Swedish law asks for it.

    Lagen (2018:1937) om tillgänglighet till digital offentlig service asks a
    public body to say how far its site complies, what is not accessible and
    why, how it was assessed and when, how to report a problem and where to
    complain; the fields follow the model statement of the supervisory
    authority (DIGG). The page also says what the package's own pages meet,
    so that a host states it once for every page of the package.
    """

    class Compliance(models.TextChoices):
        FULL = "full", _("Fully compliant")
        PARTIAL = "partial", _("Partially compliant")
        NOT = "not", _("Not compliant")

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "Who stands behind the site and what the statement covers, in a few sentences."
        ),
    )
    compliance = models.CharField(
        _("compliance status"),
        max_length=16,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_(
            "How far the site complies with the law on accessibility of digital "
            "public services (WCAG 2.1 AA)."
        ),
    )
    known_problems = StreamField(
        [("problem", KnownProblemBlock())],
        verbose_name=_("known problems"),
        blank=True,
        help_text=_("Content that is not accessible, why, and when it will be fixed."),
    )
    assessment_method = models.TextField(
        _("how the site was assessed"),
        blank=True,
        help_text=_(
            "For example a self-assessment, automatic tests or an external review."
        ),
    )
    assessed_on = models.DateField(_("date of assessment"), null=True, blank=True)
    statement_date = models.DateField(
        _("date of the statement"),
        null=True,
        blank=True,
        help_text=_("When the statement was written or last reviewed."),
    )
    contact_email = models.EmailField(_("e-mail for reporting problems"), blank=True)
    contact_phone = models.CharField(
        _("telephone for reporting problems"), max_length=40, blank=True
    )
    response_time = models.CharField(
        _("response time"),
        max_length=200,
        blank=True,
        help_text=_("For example “We answer within five working days.”"),
    )
    complaint_url = models.URLField(
        _("complaint procedure"),
        default=DIGG_COMPLAINT_URL,
        help_text=_(
            "Where a visitor can complain to the supervisory authority, the Agency "
            "for Digital Government (DIGG)."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("compliance"),
        FieldPanel("known_problems"),
        MultiFieldPanel(
            [
                FieldPanel("assessment_method"),
                FieldRowPanel(
                    [FieldPanel("assessed_on"), FieldPanel("statement_date")]
                ),
            ],
            heading=_("Assessment"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("contact_email"), FieldPanel("contact_phone")]
                ),
                FieldPanel("response_time"),
                FieldPanel("complaint_url"),
            ],
            heading=_("Reporting problems"),
        ),
    ]
    subpage_types = []
    template = "wagtail_samverkan/accessibility_statement_page.html"

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def get_meta_description(self):
        return super().get_meta_description() or str(
            _(
                "How accessible the site is, and where to turn if something does not work."
            )
        )
