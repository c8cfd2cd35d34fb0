import django.db.models.deletion
from django.db import migrations, models
from wagtail.images import get_image_model_string


class Migration(migrations.Migration):
    # The host's image model (WAGTAILIMAGES_IMAGE_MODEL), as the field has it.
    dependencies = [
        ("wagtail_samverkan", "0012_demo_records"),
        migrations.swappable_dependency(get_image_model_string()),
    ]

    operations = [
        migrations.AddField(
            model_name="eventpage",
            name="image",
            field=models.ForeignKey(
                blank=True,
                help_text="Shown on the page, and where the page is shared or found by search engines. Give the image a description: it is the image's text alternative.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=get_image_model_string(),
                verbose_name="image",
            ),
        ),
    ]
