"""Replace Wagtail's welcome page with our HomePage and point the default site at it."""

from django.db import migrations

INTRO = (
    "<p>ICS Akademi er læringsplatformen for ICS-metoden: grundkursus og superbrugerforløb, "
    "kursusdage og temadage, og overblik over kommunens licens-compliance.</p>"
)


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("content", "HomePage")
    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, slug="home").delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="content")
    locale = Locale.objects.first() or Locale.objects.create(language_code="da")
    root = Page.objects.get(depth=1)
    numchild = Page.objects.filter(depth=2).count()
    path = f"{root.path}{numchild + 1:04d}"
    homepage = HomePage.objects.create(
        title="ICS Akademi", draft_title="ICS Akademi", slug="forside", content_type=content_type,
        path=path, depth=2, numchild=0, url_path="/forside/", locale=locale, intro=INTRO, live=True,
    )
    root.numchild = numchild + 1
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": homepage, "site_name": "ICS Akademi"}
    )


class Migration(migrations.Migration):
    dependencies = [("content", "0001_initial"), ("wagtailcore", "0094_alter_page_locale")]
    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
