"""On SQLite, number each page's full-text row by its publish time, then its page id
(``portal.models.search_key``, written out here as it is today), so that FTS5 hands out the
matches newest first. PostgreSQL keeps its rows by page id: nothing to do there."""

import datetime as dt

from django.db import migrations

PAGE_BITS = 31
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
BOUND = (1 << 32) - 1


def _key(published_at, page_id):
    seconds = max(-BOUND, min(BOUND, (published_at - EPOCH) // dt.timedelta(seconds=1)))
    return (seconds << PAGE_BITS) + page_id


def _renumber(schema_editor, new_rowid):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT rowid, title, body FROM portal_search")
        rows = [(new_rowid(rowid), title, body) for rowid, title, body in cursor.fetchall()]
        cursor.execute("DELETE FROM portal_search")
        cursor.executemany("INSERT INTO portal_search (rowid, title, body) VALUES (%s, %s, %s)",
                           [row for row in rows if row[0] is not None])


def by_time(apps, schema_editor):
    SearchEntry = apps.get_model("portal", "SearchEntry")
    times = dict(SearchEntry.objects.values_list("page_id", "published_at"))
    _renumber(schema_editor, lambda page_id: (_key(times[page_id], page_id)
                                              if page_id in times else None))


def by_page(apps, schema_editor):
    _renumber(schema_editor, lambda key: key & ((1 << PAGE_BITS) - 1))


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0003_search_index"),
    ]

    operations = [
        migrations.RunPython(by_time, by_page),
    ]
