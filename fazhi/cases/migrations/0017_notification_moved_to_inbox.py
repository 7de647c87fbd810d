from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0016_party_name_looked_up"),
        ("inbox", "0002_move_notifications"),  # its rows are in the inbox now
    ]

    operations = [migrations.DeleteModel(name="Notification")]
