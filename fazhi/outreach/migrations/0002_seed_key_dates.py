from django.db import migrations

SEED = [
    (4, 15, "全民国家安全教育日", "国家安全法、反间谍法"),
    (6, 26, "国际禁毒日", "禁毒法"),
    (12, 4, "国家宪法日", "宪法"),
]


def seed(apps, schema_editor):
    KeyDate = apps.get_model("outreach", "KeyDate")
    for month, day, name, laws in SEED:
        KeyDate.objects.get_or_create(month=month, day=day, name=name, defaults={"laws": laws})


class Migration(migrations.Migration):
    dependencies = [("outreach", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
