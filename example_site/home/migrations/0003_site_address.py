"""The example site's Site is the address `make demo` serves it on.

Feeds, exports and structured data give absolute addresses on the Site's
host name and port, so they must be the ones the site is reached at.
"""

from django.db import migrations


def serve_address(apps, schema_editor):
    apps.get_model("wagtailcore.Site").objects.filter(
        is_default_site=True, hostname="localhost", port=80
    ).update(hostname="127.0.0.1", port=8000)


def stock_address(apps, schema_editor):
    apps.get_model("wagtailcore.Site").objects.filter(
        is_default_site=True, hostname="127.0.0.1", port=8000
    ).update(hostname="localhost", port=80)


class Migration(migrations.Migration):
    dependencies = [("home", "0002_create_homepage")]

    operations = [migrations.RunPython(serve_address, stock_address)]
