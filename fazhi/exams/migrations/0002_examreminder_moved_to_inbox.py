from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("exams", "0001_exam_bank_papers"),
        ("inbox", "0002_move_notifications"),  # its rows are in the inbox now
    ]

    operations = [migrations.DeleteModel(name="ExamReminder")]
