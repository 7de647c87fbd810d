"""PostgreSQL: the search table keeps no foreign key to cases_case.

``manage.py flush`` (and every transactional test) truncates the tables Django knows; a raw
table with a foreign key to cases_case made PostgreSQL refuse that TRUNCATE. Rows are written
and removed by services/search.py (upsert by case id), so the key added nothing.
"""

from django.db import migrations


def drop_fk(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE cases_search DROP CONSTRAINT IF EXISTS cases_search_case_id_fkey")


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_agent_task_public")]

    operations = [migrations.RunPython(drop_fk, migrations.RunPython.noop)]
