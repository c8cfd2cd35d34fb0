"""The accessibility statement is the package's own page type, made by the demo.

The plain page the example site started with is removed, so that the demo's
statement (``samverkan_demo``) takes its address, ``/tillganglighet/``, which
the footer links to. A statement an editor has changed is kept.
"""

from django.db import migrations


def remove_plain_statement(apps, schema_editor):
    StandardPage = apps.get_model("home.StandardPage")
    Page = apps.get_model("wagtailcore.Page")
    statement = StandardPage.objects.filter(
        url_path="/home/tillganglighet/", numchild=0, has_unpublished_changes=False
    ).first()
    if statement is None or statement.latest_revision_id is not None:
        return
    parent = Page.objects.get(path=statement.path[:-4])
    statement.delete()
    parent.numchild = Page.objects.filter(
        path__startswith=parent.path, depth=parent.depth + 1
    ).count()
    parent.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [("home", "0003_site_address")]

    operations = [
        migrations.RunPython(remove_plain_statement, migrations.RunPython.noop)
    ]
