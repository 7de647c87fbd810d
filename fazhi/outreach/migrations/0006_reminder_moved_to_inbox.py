from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0005_text_length_limits"),
        ("inbox", "0002_move_notifications"),  # its rows are in the inbox now
    ]

    operations = [migrations.DeleteModel(name="Reminder")]
