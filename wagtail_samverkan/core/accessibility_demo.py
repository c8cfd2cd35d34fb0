"""Demo accessibility statement: what the example municipality says of its site."""

import datetime

from django.utils import timezone

from wagtail_samverkan.core import demo
from wagtail_samverkan.core.models import AccessibilityStatementPage

KEY = "core:accessibility-statement"
SLUG = "tillganglighet"

MODELS = []


def fields(today):
    return {
        "title": "Tillgänglighetsredogörelse",
        "intro": (
            "Borås-liknande stad står bakom den här webbplatsen. Vi vill att alla ska "
            "kunna använda den, oavsett funktionsförmåga. Här beskriver vi hur väl "
            "webbplatsen uppfyller lagen om tillgänglighet till digital offentlig "
            "service, vilka brister vi känner till och hur du når oss om något inte "
            "fungerar."
        ),
        "compliance": AccessibilityStatementPage.Compliance.PARTIAL,
        "known_problems": [
            (
                "problem",
                {
                    "problem": (
                        "Dokument som föreningarna laddar upp, till exempel "
                        "verksamhetsplaner och avtal i pdf, är inte alltid gjorda "
                        "för skärmläsare."
                    ),
                    "criterion": "1.3.1 Information och relationer",
                    "reason": "non_compliance",
                    "planned_fix": (
                        "Vi ber föreningarna om tillgängliga filer och gör om de "
                        "viktigaste dokumenten till webbsidor under året."
                    ),
                },
            ),
            (
                "problem",
                {
                    "problem": ("Inspelningar från äldre dialogmöten saknar textning."),
                    "criterion": "1.2.2 Undertexter (förinspelade)",
                    "reason": "outside_scope",
                    "planned_fix": (
                        "Inspelningarna publicerades före den 23 september 2020, då "
                        "kraven började gälla. Hör av dig om du behöver innehållet i text."
                    ),
                },
            ),
        ],
        "assessment_method": (
            "Vi har själva granskat webbplatsen med tangentbord och skärmläsare. "
            "Varje sida testas dessutom automatiskt i en webbläsare med axe, i "
            "flera skärmbredder och i 200 procents förstoring."
        ),
        "assessed_on": today - datetime.timedelta(days=30),
        "statement_date": today - datetime.timedelta(days=14),
        "contact_email": "tillganglighet@example.org",
        "contact_phone": "033-35 70 00",
        "response_time": "Vi svarar inom fem arbetsdagar.",
    }


def load(context):
    """Create or update the demo accessibility statement under the demo's parent."""
    parent = context["parent"]
    page = demo.recorded(AccessibilityStatementPage, KEY)
    values = fields(timezone.localdate())
    if page is None:
        page = AccessibilityStatementPage(
            slug=demo.free_slug(parent, SLUG),
            locale=context["locale"],
            live=False,
            **values,
        )
        parent.add_child(instance=page)
        demo.record(KEY, page)
    else:
        for name, value in values.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return {"page": AccessibilityStatementPage.objects.get(pk=page.pk)}
