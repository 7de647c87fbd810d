"""Two dispute categories read as near-duplicates of appeal topics on the resident's form
(物业 beside 物业服务, 其它 beside 其他诉求). They belong to different kinds, so merging them would
give a dispute an appeal's topic and deadline rules; instead each gets a name that says its kind,
and the rows (and every case pointing at them) stay as they are."""

from django.db import migrations

RENAMES = {"property-mgmt": ("物业", "物业纠纷"), "dispute-other": ("其它", "其他纠纷")}


def rename(apps, schema_editor):
    Category = apps.get_model("cases", "Category")
    for code, (old, new) in RENAMES.items():
        Category.objects.filter(code=code, name=old).update(name=new)


def restore(apps, schema_editor):
    Category = apps.get_model("cases", "Category")
    for code, (old, new) in RENAMES.items():
        Category.objects.filter(code=code, name=new).update(name=old)


class Migration(migrations.Migration):
    dependencies = [("cases", "0013_shorten_over_long_case_texts")]
    operations = [migrations.RunPython(rename, restore)]
