from django.db import migrations, models

from wagtail_samverkan.collation import sort_text

MODELS = ("Organisation", "MunicipalBody", "FocusArea")


def fill_name_sort(apps, schema_editor):
    for name in MODELS:
        rows = apps.get_model("wagtail_samverkan", name).objects.using(
            schema_editor.connection.alias
        )
        batch = []
        for row in rows.only("pk", "name").iterator(chunk_size=500):
            row.name_sort = sort_text(row.name)
            batch.append(row)
            if len(batch) == 500:
                rows.bulk_update(batch, ["name_sort"])
                batch = []
        if batch:
            rows.bulk_update(batch, ["name_sort"])


def name_sort_field():
    return models.CharField(
        db_index=True,
        default="",
        editable=False,
        max_length=255,
        verbose_name="name sort key",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_samverkan", "0008_event_ical_text"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=name.lower(), name="name_sort", field=name_sort_field()
            )
            for name in MODELS
        ),
        migrations.RunPython(fill_name_sort, migrations.RunPython.noop),
    ]
