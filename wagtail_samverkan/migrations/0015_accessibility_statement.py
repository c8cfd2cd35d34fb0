import django.db.models.deletion
import wagtail.fields
import wagtail_samverkan.core.pages
import swapper
from django.db import migrations, models

from wagtail_samverkan.compat import PAGE_MODEL, PAGE_PTR


class Migration(migrations.Migration):
    dependencies = [
        swapper.dependency("wagtailcore", "Page"),
        ("wagtail_samverkan", "0014_editors_reminders"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="AccessibilityStatementPage",
            fields=[
                (
                    PAGE_PTR,
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=PAGE_MODEL,
                    ),
                ),
                (
                    "intro",
                    models.TextField(
                        blank=True,
                        help_text="Who stands behind the site and what the statement covers, in a few sentences.",
                        verbose_name="introduction",
                    ),
                ),
                (
                    "compliance",
                    models.CharField(
                        choices=[
                            ("full", "Fully compliant"),
                            ("partial", "Partially compliant"),
                            ("not", "Not compliant"),
                        ],
                        default="partial",
                        help_text="How far the site complies with the law on accessibility of digital public services (WCAG 2.1 AA).",
                        max_length=16,
                        verbose_name="compliance status",
                    ),
                ),
                (
                    "known_problems",
                    wagtail.fields.StreamField(
                        [("problem", 4)],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.blocks.TextBlock",
                                (),
                                {
                                    "help_text": "What does not work, and for whom.",
                                    "label": "Problem",
                                },
                            ),
                            1: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "For example “1.4.11 Non-text contrast”.",
                                    "label": "WCAG success criterion",
                                    "required": False,
                                },
                            ),
                            2: (
                                "wagtail.blocks.ChoiceBlock",
                                [],
                                {
                                    "choices": [
                                        ("non_compliance", "Not yet fixed"),
                                        (
                                            "disproportionate_burden",
                                            "Disproportionate burden",
                                        ),
                                        (
                                            "outside_scope",
                                            "Outside the scope of the law",
                                        ),
                                    ],
                                    "label": "Reason",
                                },
                            ),
                            3: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "When and how the problem will be fixed, if it will.",
                                    "label": "Planned fix",
                                    "required": False,
                                },
                            ),
                            4: (
                                "wagtail.blocks.StructBlock",
                                [
                                    [
                                        ("problem", 0),
                                        ("criterion", 1),
                                        ("reason", 2),
                                        ("planned_fix", 3),
                                    ]
                                ],
                                {},
                            ),
                        },
                        help_text="Content that is not accessible, why, and when it will be fixed.",
                        verbose_name="known problems",
                    ),
                ),
                (
                    "assessment_method",
                    models.TextField(
                        blank=True,
                        help_text="For example a self-assessment, automatic tests or an external review.",
                        verbose_name="how the site was assessed",
                    ),
                ),
                (
                    "assessed_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="date of assessment"
                    ),
                ),
                (
                    "statement_date",
                    models.DateField(
                        blank=True,
                        help_text="When the statement was written or last reviewed.",
                        null=True,
                        verbose_name="date of the statement",
                    ),
                ),
                (
                    "contact_email",
                    models.EmailField(
                        blank=True,
                        max_length=254,
                        verbose_name="e-mail for reporting problems",
                    ),
                ),
                (
                    "contact_phone",
                    models.CharField(
                        blank=True,
                        max_length=40,
                        verbose_name="telephone for reporting problems",
                    ),
                ),
                (
                    "response_time",
                    models.CharField(
                        blank=True,
                        help_text="For example “We answer within five working days.”",
                        max_length=200,
                        verbose_name="response time",
                    ),
                ),
                (
                    "complaint_url",
                    models.URLField(
                        default="https://www.digg.se/tdosanmalan",
                        help_text="Where a visitor can complain to the supervisory authority, the Agency for Digital Government (DIGG).",
                        verbose_name="complaint procedure",
                    ),
                ),
            ],
            options={
                "verbose_name": "accessibility statement",
                "verbose_name_plural": "accessibility statements",
            },
            bases=(wagtail_samverkan.core.pages.SamverkanPageMixin, PAGE_MODEL),
        ),
    ]
