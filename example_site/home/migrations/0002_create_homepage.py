"""Replace Wagtail's welcome page with the example municipality's home page."""

from django.db import migrations

ACCESSIBILITY_BODY = (
    "<p>Den här webbplatsen är ett exempel som visar paketet wagtail_samverkan. "
    "Vi vill att alla ska kunna använda den, oavsett funktionsförmåga.</p>"
    "<h2>Hur tillgänglig är webbplatsen?</h2>"
    "<p>Sidorna är byggda för att uppfylla WCAG 2.1 på nivå AA. Allt innehåll går "
    "att läsa utan JavaScript, med tangentbord och med skärmläsare. Varje sida "
    "testas automatiskt i en webbläsare med verktyget axe.</p>"
    "<h2>Kontakta oss om något inte fungerar</h2>"
    "<p>Om du stöter på hinder kan du skriva till tillganglighet@example.org. "
    "Du kan också kontakta Myndigheten för digital förvaltning (Digg), som "
    "ansvarar för tillsynen av lagen om tillgänglighet till digital offentlig service.</p>"
)


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("home.HomePage")
    StandardPage = apps.get_model("home.StandardPage")

    Page.objects.filter(depth=2, slug="home").delete()
    Page.objects.filter(depth=1).update(numchild=0)

    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    standard_type, _ = ContentType.objects.get_or_create(
        model="standardpage", app_label="home"
    )
    locale = Locale.objects.order_by("pk").first()
    if locale is None:
        locale = Locale.objects.create(language_code="sv")
    home = HomePage.objects.create(
        title="Samverkan med civilsamhället",
        draft_title="Samverkan med civilsamhället",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=1,
        url_path="/home/",
        locale=locale,
        intro=(
            "Här kan du läsa om hur staden och de idéburna organisationerna "
            "samarbetar: överenskommelsen, partnerskapen och mötena."
        ),
    )
    StandardPage.objects.create(
        title="Tillgänglighetsredogörelse",
        draft_title="Tillgänglighetsredogörelse",
        slug="tillganglighet",
        content_type=standard_type,
        path="000100010001",
        depth=3,
        numchild=0,
        url_path="/home/tillganglighet/",
        locale=locale,
        intro="Så tillgänglig är webbplatsen, och vart du vänder dig om något inte fungerar.",
        body=ACCESSIBILITY_BODY,
        show_in_menus=False,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page_id": home.pk,
            "site_name": "Borås-liknande stad",
        },
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("home.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
