"""Move every app's in-app notices into the one inbox: cases' Notification, outreach's
Reminder and exams' ExamReminder, with their times and read state kept."""

from django.db import migrations

BATCH = 1000


def _copy(Notification, rows, topic, subject, key):
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        batch.append(Notification(user_id=row.user_id, topic=topic, subject_id=subject(row),
                                  key=key(row), text=row.text, created_at=row.created_at,
                                  read_at=row.read_at))
        if len(batch) == BATCH:
            Notification.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Notification.objects.bulk_create(batch, ignore_conflicts=True)


def forwards(apps, schema_editor):
    Notification = apps.get_model("inbox", "Notification")
    # Keep each notice's own time: this historical copy of the field must not stamp "now".
    Notification._meta.get_field("created_at").auto_now_add = False
    _copy(Notification, apps.get_model("cases", "Notification").objects.all(), "case",
          lambda r: r.case_id, lambda r: r.key)
    _copy(Notification, apps.get_model("outreach", "Reminder").objects.select_related("item"),
          "list", lambda r: r.item.responsibility_list_id,
          lambda r: f"list-item:{r.item_id}:{r.month}")
    _copy(Notification, apps.get_model("exams", "ExamReminder").objects.all(), "exam",
          lambda r: r.exam_id, lambda r: f"exam:{r.exam_id}:{r.day.isoformat()}")


class Migration(migrations.Migration):
    dependencies = [
        ("inbox", "0001_initial"),
        ("cases", "0016_party_name_looked_up"),
        ("outreach", "0005_text_length_limits"),
        ("exams", "0001_exam_bank_papers"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
