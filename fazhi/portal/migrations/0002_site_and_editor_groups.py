"""The portal's home and its six channels as the site's root, and Wagtail's two stock groups
renamed to the portal's editors and reviewers (their page, image and document permissions and
the moderation workflow stay). ``seed`` is also called by transactional tests after a flush."""

import uuid

from django.db import migrations
from django.utils import timezone

CHANNELS = [
    ("notices", "通知公告", "tongzhi"),
    ("news", "工作动态", "dongtai"),
    ("outreach", "普法宣传", "pufa"),
    ("sandai", "三代工作", "sandai"),
    ("model", "示范创建", "shifan"),
    ("policy", "政策法规", "fagui"),
]


def seed(apps, schema_editor):
    db = schema_editor.connection.alias if schema_editor else "default"
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Group = apps.get_model("auth.Group")
    HomePage = apps.get_model("portal.HomePage")
    ChannelPage = apps.get_model("portal.ChannelPage")
    for old, new in (("Editors", "门户编辑"), ("Moderators", "门户审核")):
        if not Group.objects.using(db).filter(name=new).exists():
            Group.objects.using(db).filter(name=old).update(name=new)
    if HomePage.objects.using(db).exists():
        return
    now = timezone.now()
    locale = (Locale.objects.using(db).first()
              or Locale.objects.using(db).create(language_code="zh-hans"))

    def kind_of(model):
        return ContentType.objects.db_manager(db).get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name)[0]

    root = Page.objects.using(db).filter(depth=1).first()
    if root is None:
        root = Page.objects.using(db).create(
            title="Root", draft_title="Root", slug="root", content_type=kind_of(Page),
            path="0001", depth=1, numchild=0, url_path="/", locale=locale,
            translation_key=uuid.uuid4())
    last = (Page.objects.using(db).filter(depth=2).order_by("-path")
            .values_list("path", flat=True).first())
    home_path = root.path + f"{int(last[-4:]) + 1 if last else 1:04d}"
    common = {"live": True, "first_published_at": now, "last_published_at": now,
              "locale": locale}
    home = HomePage.objects.using(db).create(
        title="法治网", draft_title="法治网", slug="portal", content_type=kind_of(HomePage),
        path=home_path, depth=2, numchild=len(CHANNELS), url_path="/portal/",
        translation_key=uuid.uuid4(), **common)
    for number, (kind, title, slug) in enumerate(CHANNELS, start=1):
        ChannelPage.objects.using(db).create(
            title=title, draft_title=title, slug=slug, kind=kind,
            content_type=kind_of(ChannelPage), path=f"{home_path}{number:04d}", depth=3,
            numchild=0, url_path=f"/portal/{slug}/", translation_key=uuid.uuid4(), **common)
    site = Site.objects.using(db).filter(is_default_site=True).first()
    if site is None:
        Site.objects.using(db).create(hostname="localhost", port=80, root_page_id=home.pk,
                            is_default_site=True, site_name="法治网")
    else:
        site.root_page_id = home.pk
        site.save(using=db, update_fields=["root_page"])
    # Wagtail's stock welcome page, now unused.
    Page.objects.using(db).filter(depth=2, slug="home", content_type=kind_of(Page)).delete()
    root.numchild = Page.objects.using(db).filter(depth=2).count()
    root.save(using=db, update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_pages"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
