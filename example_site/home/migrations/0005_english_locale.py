"""The example site publishes in English too: the English locale.

The demo (``samverkan_demo``) translates some of its content into English
when the site has this locale.
"""

from django.db import migrations


def add_english(apps, schema_editor):
    apps.get_model("wagtailcore.Locale").objects.get_or_create(language_code="en")


def remove_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    if not Page.objects.filter(locale__language_code="en").exists():
        Locale.objects.filter(language_code="en").delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0004_statement_from_the_package")]

    operations = [migrations.RunPython(add_english, remove_english)]
