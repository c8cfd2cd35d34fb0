from django.db import migrations, models

from wagtail_samverkan.collation import sort_text


def fill_title_sort(apps, schema_editor):
    PartnershipPage = apps.get_model("wagtail_samverkan", "PartnershipPage")
    pages = PartnershipPage.objects.using(schema_editor.connection.alias)
    batch = []
    for page in pages.only("pk", "title").iterator(chunk_size=500):
        page.title_sort = sort_text(page.title)
        batch.append(page)
        if len(batch) == 500:
            pages.bulk_update(batch, ["title_sort"])
            batch = []
    if batch:
        pages.bulk_update(batch, ["title_sort"])


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_samverkan", "0006_partnerships_principles_performance"),
    ]

    operations = [
        migrations.AddField(
            model_name="partnershippage",
            name="title_sort",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                max_length=255,
                verbose_name="title sort key",
            ),
        ),
        migrations.RunPython(fill_title_sort, migrations.RunPython.noop),
    ]
