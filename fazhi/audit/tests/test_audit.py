import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from fazhi.audit.models import Entry
from fazhi.audit.services import audit_prune, audit_record


def test_only_auditors_read_the_log(auditor, street_admin, sysadmin, leader, worker, as_user):
    audit_record(actor=worker, action="update", object_type="org.person", object_repr="张三")
    assert as_user(auditor).get(reverse("audit:list")).status_code == 200
    for user in (street_admin, sysadmin, leader, worker):
        assert as_user(user).get(reverse("audit:list")).status_code == 403


def test_auditors_filter_by_action_and_date(auditor, worker, as_user):
    audit_record(actor=worker, action="update", object_repr="one")
    audit_record(actor=worker, action="export", object_repr="two")
    response = as_user(auditor).get(reverse("audit:list"), {"action": "export"})
    assert [e.object_repr for e in response.context["page"]] == ["two"]
    bad = as_user(auditor).get(reverse("audit:list"), {"since": "2026-02-01", "until": "2026-01-01"})
    assert bad.context["form"].errors["until"]


def test_exporting_the_log_is_itself_audited(auditor, worker, as_user):
    audit_record(actor=worker, action="update", object_repr="张三")
    response = as_user(auditor).get(reverse("audit:export"))
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv") and "张三" in body
    assert Entry.objects.filter(action="export", actor_name="auditor").count() == 1


def test_the_list_query_count_does_not_grow_with_the_page_size(auditor, worker, as_user, django_assert_max_num_queries):
    for i in range(60):
        audit_record(actor=worker, action="update", object_repr=f"row {i}")
    client = as_user(auditor)
    client.get(reverse("audit:list"))  # warm the session
    with django_assert_max_num_queries(8):
        client.get(reverse("audit:list"), {"per_page": 10})
    with django_assert_max_num_queries(8):
        client.get(reverse("audit:list"), {"per_page": 50})


def test_sensitive_values_are_not_written_into_the_log(worker):
    entry = audit_record(actor=worker, action="update", changes={"mobile_enc": ["a", "b"], "name": ["x", "y"]})
    assert entry.changes == {"mobile_enc": "[changed]", "name": ["x", "y"]}


def test_the_database_refuses_to_change_an_entry(worker):
    entry = audit_record(actor=worker, action="update", object_repr="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        Entry.objects.filter(pk=entry.pk).update(object_repr="forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        Entry.objects.filter(pk=entry.pk).delete()
    assert Entry.objects.get(pk=entry.pk).object_repr == "x"


def test_prune_refuses_anything_under_180_days(db):
    with pytest.raises(ValueError):
        audit_prune(older_than_days=179)


def test_prune_deletes_only_old_records(worker):
    recent = audit_record(actor=worker, action="update", object_repr="recent")
    old = audit_record(actor=worker, action="update", object_repr="old")
    with connection.cursor() as cursor:  # back-date one record below the triggers' reach
        table = Entry._meta.db_table
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER audit_entry_guard")
            cursor.execute(f"UPDATE {table} SET at = %s WHERE id = %s", [timezone.now() - dt.timedelta(days=400), old.pk])
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER audit_entry_guard")
        else:
            cursor.execute("DROP TRIGGER audit_entry_no_update")
            cursor.execute(f"UPDATE {table} SET at = %s WHERE id = %s", [(timezone.now() - dt.timedelta(days=400)).strftime("%Y-%m-%d %H:%M:%S"), old.pk])
            cursor.execute(f"CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;")
    assert audit_prune(older_than_days=365) == 1
    assert not Entry.objects.filter(pk=old.pk).exists()
    assert Entry.objects.filter(pk=recent.pk).exists()


def test_the_api_lists_entries_for_auditors_only(auditor, worker, as_user):
    audit_record(actor=worker, action="update", object_repr="x")
    ok = as_user(auditor).get("/api/v1/audit/entries", {"action": "update"})
    assert ok.status_code == 200 and ok.json()["count"] == 1
    assert as_user(worker).get("/api/v1/audit/entries").status_code == 403
