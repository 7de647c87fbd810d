"""``fazhi demo``: build the deterministic demo world of a Xima-like sub-district.

Builders are modules ``fazhi/demo/world_<app>.py`` with ``build(rng, world)``; each app adds
ONE line to BUILDERS below. They run in order, in one transaction, sharing one seeded random
generator and one ``World`` (see fazhi/demo/world.py).
"""

from __future__ import annotations

import datetime as dt
import random
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from fazhi.demo.world import DEMO_PASSWORD, World
from fazhi.demo.world_accounts import ACCOUNTS, NOTE
from fazhi.org.models import Region

BUILDERS = [
    "fazhi.demo.world_org",
    "fazhi.demo.world_accounts",
    "fazhi.demo.world_outreach",
    "fazhi.demo.world_cases",
    "fazhi.demo.world_portal",
    "fazhi.demo.world_voting",
    "fazhi.demo.world_exams",
    "fazhi.demo.world_assessments",
    "fazhi.demo.world_contests",
    "fazhi.demo.world_dutyreviews",
    "fazhi.demo.world_study",
    # other apps add their builder here, one line each, e.g. "fazhi.demo.world_cases",
]
SEED = 20170401  # Xima's "三代" mechanism started in 2017


def account_table(rows: list[dict[str, str]]) -> str:
    header = ("username", "password", "role", "community", "mobile", "TOTP")
    lines = [" | ".join(header)]
    for r in rows:
        lines.append(" | ".join((r["username"], r["password"], r["role"], r["community"],
                                 r["mobile"], r["totp"])))
    lines.append("")
    lines.append(gettext(NOTE))
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Build the demo world (Xima-like sub-district, one account per role) on an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing (and succeed) when the database already has users.")
        parser.add_argument("--scale", type=int, default=1,
                            help="Multiply people and units by N (benchmarks build large worlds).")
        parser.add_argument("--print-accounts", action="store_true",
                            help="Print the demo account table (also on an existing demo world).")
        parser.add_argument("--seed", type=int, default=SEED, help="Random seed.")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                            help="Build dates relative to this day (YYYY-MM-DD); default today.")

    def handle(self, *args: object, if_empty: bool, scale: int, print_accounts: bool, seed: int,
               today: dt.date | None, **options: object) -> None:
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        populated = get_user_model().objects.exists() or Region.objects.exists()
        if populated:
            if print_accounts:
                self.stdout.write(self._existing_table())
                return
            if if_empty:
                self.stdout.write("The database already has data: demo world not built.")
                return
            raise CommandError(
                "The database is not empty: the demo world is built only on an empty database. "
                "Use --if-empty to skip quietly, or start from a fresh FAZHI_DATA_DIR.")
        world = World(scale=scale, today=today or timezone.localdate())
        rng = random.Random(seed)
        with transaction.atomic():
            for path in BUILDERS:
                import_module(path).build(rng, world)  # type: ignore[attr-defined]
        table = account_table(world.accounts)
        target = Path(settings.DATA_DIR) / "demo_accounts.txt"
        target.write_text(table + "\n", encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(
            f"Demo world built: {len(world.communities)} communities, "
            f"{sum(len(v) for v in world.units.values())} units, "
            f"{sum(len(v) for v in world.people.values())} people, "
            f"{len(world.accounts)} accounts (table in {target})."))
        if print_accounts:
            self.stdout.write(table)

    def _existing_table(self) -> str:
        target = Path(settings.DATA_DIR) / "demo_accounts.txt"
        if target.exists():
            return target.read_text(encoding="utf-8").rstrip()
        users = {u.username: u for u in get_user_model().objects.filter(
            username__in=[a[0] for a in ACCOUNTS]).select_related("community")}
        rows = [{"username": name, "password": DEMO_PASSWORD, "role": str(role.label),
                 "community": getattr(users[name].community, "name", "—"),
                 "mobile": users[name].mobile_masked, "totp": "", "what": label}
                for name, role, _c, _k, label in ACCOUNTS if name in users]
        return account_table(rows)
