"""python -m bench [--scale N] [--repeat N] [--only TOPIC]: build a world, measure, report."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configure(data_dir: Path) -> Path:
    """Point Django at a throwaway SQLite world; return where the results go."""
    results_dir = Path(os.environ.get("FAZHI_DATA_DIR") or ROOT / "var") / "bench"
    os.environ["FAZHI_DATA_DIR"] = str(data_dir)
    os.environ.pop("FAZHI_DATABASE_URL", None)
    os.environ["FAZHI_DEBUG"] = "0"
    os.environ["FAZHI_STATIC_MANIFEST"] = "0"  # no collectstatic in a throwaway dir
    os.environ["FAZHI_LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
    return results_dir


def build_world(scale: int) -> None:
    from django.core.management import call_command, get_commands

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if "demo" in get_commands():
        call_command("demo", "--scale", str(scale), "--seed", "2026", verbosity=0)
    else:  # before the demo world existed: a street and one staff account
        from django.contrib.auth import get_user_model

        from fazhi.core.roles import Role
        from fazhi.org.models import Region

        street = Region.objects.create(name="西马街道", level=Region.Level.SUBDISTRICT, code="XM")
        for i in range(60):
            Region.objects.create(name=f"社区{i}", level=Region.Level.COMMUNITY,
                                  code=f"XM-{i}", parent=street)
        get_user_model().objects.create_user(username="staff", role=Role.STREET_STAFF)


def modules(only: str | None) -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])
                   if m.name.startswith("bench_"))
    return [n for n in names if only is None or n == f"bench_{only}"]


def print_table(results: list) -> None:
    header = f"{'benchmark':<58} {'value':>10} {'baseline':>10} {'unit':<8} {'ratio':>7}  goal"
    print(header)
    print("-" * len(header))
    for r in results:
        verdict = "" if r.ok is None else ("ok" if r.ok else "MISSED")
        print(f"{r.name:<58} {r.value:>10} {r.baseline:>10} {r.unit:<8} {r.ratio:>7}  "
              f"{r.goal} {verdict}".rstrip())


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scale", type=int, default=5, help="demo world scale (default 5)")
    parser.add_argument("--repeat", type=int, default=300, help="timed runs of each (300)")
    parser.add_argument("--warmup", type=int, default=30, help="untimed runs first (30)")
    parser.add_argument("--only", help="run bench_<ONLY> alone")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as tmp:
        results_dir = configure(Path(tmp))
        import django

        django.setup()
        import logging

        logging.getLogger("django.request").setLevel(logging.ERROR)  # expected 403s while probing
        from django.conf import settings
        from django.contrib.auth import get_user_model

        from bench.core import Context

        settings.ROOT_URLCONF = "bench.urls"
        print(f"Building a demo world (scale {args.scale}) in {tmp} ...", flush=True)
        build_world(args.scale)
        ctx = Context(data_dir=Path(tmp), repeat=args.repeat, warmup=args.warmup,
                      usernames=list(get_user_model().objects.values_list("username", flat=True)))
        results, crashed = [], []
        for name in modules(args.only):
            print(f"Running {name} ...", flush=True)
            try:
                results.extend(importlib.import_module(f"bench.{name}").run(ctx))
            except Exception:
                traceback.print_exc()
                crashed.append(name)

    print()
    print_table(results)
    results_dir.mkdir(parents=True, exist_ok=True)
    out = results_dir / "results.json"
    out.write_text(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2) + "\n",
                   encoding="utf-8")
    print(f"\nWritten to {out}")
    # A report, not a gate: a missed goal shows as MISSED above; a crash fails.
    if crashed:
        print(f"Crashed: {', '.join(crashed)}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
