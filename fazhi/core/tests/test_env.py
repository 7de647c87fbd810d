import re
from pathlib import Path

from fazhi.core import env

ROOT = Path(__file__).resolve().parents[3]


def test_every_variable_read_is_listed_in_env_example():
    listed = set(re.findall(r"^(FAZHI_[A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    read_at_start = set(env.READ)
    in_code = set()
    for path in (ROOT / "fazhi").rglob("*.py"):
        in_code |= set(re.findall(r"env_\w+\(\s*\"(FAZHI_[A-Z0-9_]+)\"", path.read_text()))
    assert read_at_start <= listed
    assert in_code - listed == set()


def test_database_url_becomes_a_postgresql_entry():
    entry = env.database_from_url("postgres://fz:p%40ss@db.local:5433/fazhi")
    assert entry["ENGINE"] == "django.db.backends.postgresql"
    assert (entry["USER"], entry["PASSWORD"], entry["HOST"], entry["PORT"], entry["NAME"]) == (
        "fz", "p@ss", "db.local", "5433", "fazhi")
