"""The bench's million-case SQLite world for bench_cases: built with bulk inserts (cases,
their handling deadlines, follow-ups and the FTS5 rows) and cached under var/bench/, keyed by
this generator and the size, so a rerun reuses it. A reused file is migrated forward first
(``reuse``): building a million cases takes the better part of an hour on the shared machine,
and a new migration (an index, most often) is what a change brings; a file whose migrations
no longer agree with the code's is built again."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import connection, connections, transaction

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = "4"  # bump when the rows written below change
COMMUNITIES = 12
YEAR = 2024


def _key(n: int) -> str:
    return hashlib.sha256(f"{GENERATOR}:{n}".encode()).hexdigest()[:16]


def reuse(path: Path) -> bool:
    """Migrate a cached world forward; False (and the file gone) if it cannot be."""
    from django.core.management import call_command

    started = time.perf_counter()
    try:
        with use_database(path):
            call_command("migrate", verbosity=0)
    except Exception as exc:  # an edited or removed migration: build it again
        print(f"  cannot migrate {path.name} ({exc}); building it again", flush=True)
        for stale in path.parent.glob(path.name + "*"):
            stale.unlink()
        return False
    print(f"  reusing {path} (migrated in {time.perf_counter() - started:.0f} s)", flush=True)
    return True


@contextmanager
def use_database(path: Path) -> Iterator[None]:
    conn = connections["default"]
    old = conn.settings_dict["NAME"]
    conn.close()
    conn.settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        conn.close()
        conn.settings_dict["NAME"] = old


def _world() -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from fazhi.accounts.services import user_create
    from fazhi.core.roles import Role
    from fazhi.org.models import Region

    district = Region.objects.create(name="江岸区", level=Region.Level.DISTRICT, code="JA")
    street = Region.objects.create(name="西马街道", level=Region.Level.SUBDISTRICT, code="XM",
                                   parent=district)
    communities = [Region.objects.create(name=f"社区{i:02d}", level=Region.Level.COMMUNITY,
                                         code=f"XM-{i:02d}", parent=street)
                   for i in range(COMMUNITIES)]

    def user(name: str, role: str, community: Any = None) -> Any:
        return user_create(actor=None, username=name, password="x", role=role,
                           display_name=name, check_password=False,
                           community_id=community.pk if community else None)

    user("staff", Role.STREET_STAFF)
    user("worker", Role.COMMUNITY_WORKER, communities[0])
    handlers = [user(f"mediator{i}", Role.MEDIATOR, communities[i % COMMUNITIES])
                for i in range(24)]
    admin = user("benchadmin", Role.SYSTEM_ADMIN)
    get_user_model().objects.filter(pk=admin.pk).update(is_superuser=True, is_staff=True)
    return {"communities": [c.pk for c in communities], "handlers": [h.pk for h in handlers]}


PLACES = ["江汉北路", "高雄路", "西马路", "黄浦大街", "三阳路", "解放大道", "中山大道", "胜利街",
          "惠济路", "台北路"]
PROBLEMS = [
    "楼上卫生间漏水导致我家天花板发霉", "邻居夜间装修噪音扰民", "物业公司拒不维修电梯",
    "公司拖欠工资两个月", "租客拖欠房租拒不搬离", "楼道堆放杂物堵塞消防通道",
    "小区停车位被长期占用", "宠物狗咬伤老人拒绝赔偿", "家庭赡养费用分担争议",
    "遗产继承房屋分割纠纷", "装修公司延误工期质量不合格", "网购商品退货商家拒绝",
    "餐馆油烟排放影响居民", "违章搭建占用公共绿地", "医疗费用报销争议",
    "交通事故赔偿金额分歧", "拆迁补偿标准不一致", "供暖不足要求退费",
    "小区自来水长期水压不足", "快递驿站噪音和占道", "劳动合同解除经济补偿",
    "借款到期不还", "邻里之间排水管道堵塞", "广场舞音量过大", "高空抛物砸坏车辆",
    "共有房屋出售意见不一", "幼儿园收费退费纠纷", "燃气管道改造入户争议",
    "外墙脱落隐患无人处理", "电动车楼道充电安全隐患",
]
DETAILS = ["多次协商未果", "请求社区协调", "希望尽快处理", "已向物业反映无效",
           "涉及多户居民", "对方态度恶劣"]


def _pool() -> list[tuple[str, str, str, str]]:
    from fazhi.core.textsearch import index_text

    pool = []
    for i, problem in enumerate(PROBLEMS):
        for j, place in enumerate(PLACES):
            detail = DETAILS[(i + j) % len(DETAILS)]
            title = problem[:12]
            description = f"{place}{j + 1}号居民反映：{problem}，{detail}。"
            address = f"{place}{j + 1}号"
            pool.append((title, description, address,
                         index_text(title, description, address)))
    return pool


def _ts(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _fill(n: int, world: dict[str, Any]) -> None:
    from fazhi.cases.models import Category, DeadlineRule

    rng = random.Random(2026)
    pool = _pool()
    cats = {kind: list(Category.objects.filter(kind=kind).values_list("pk", flat=True))
            for kind in ("dispute", "appeal", "petition")}
    rules = {kind: DeadlineRule.objects.get(code=code).pk for kind, code in
             (("dispute", "mediation-conclude"), ("appeal", "appeal-general"),
              ("petition", "petition-conclude"))}
    channels = ["station", "workroom", "phone", "hotline", "letter_visit", "grid", "police",
                "court", "online"]
    outcomes = {"dispute": ["agreement_written"] * 6 + ["agreement_oral", "resolved"]
                + ["mediation_terminated"] * 2, "appeal": ["resolved"] * 9 + ["withdrawn"],
                "petition": ["answered"] * 8 + ["not_accepted", "diverted"]}
    open_states = ["received", "accepted", "in_progress", "in_progress", "in_progress",
                   "referred", "paused", "escalated"]
    start = dt.datetime(2016, 1, 1, tzinfo=dt.UTC)
    span = (dt.datetime(2026, 1, 1, tzinfo=dt.UTC) - start).total_seconds()
    now = dt.datetime.now(dt.UTC)
    open_from = n - max(n // 40, 1)  # the newest 2.5 % are open, received in recent weeks
    seq: dict[int, int] = {}
    cases: list[tuple[Any, ...]] = []
    deadlines: list[tuple[Any, ...]] = []
    follow_ups: list[tuple[Any, ...]] = []
    search: list[tuple[Any, ...]] = []
    cur = connection.cursor()
    case_sql = (
        "INSERT INTO cases_case (id, number, tracking_code, kind, backlog, channel, "
        "hotline_number, source, category_id, community_id, address, title, description, "
        "amount, risk, risk_reasons, group_size, state, outcome, outcome_route, summary, "
        "agreement_amount, prevented_criminal, prevented_persons, handler_id, supervised, "
        "follow_up_required, satisfaction, received_at, accepted_at, first_response_at, "
        "concluded_at, closed_at, due_at, created_at, updated_at, version) VALUES ("
        "%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
        "%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)")
    deadline_sql = ("INSERT INTO cases_deadline (case_id, rule_id, started_at, due_at, pauses, "
                    "extensions, extended_amount, status, finished_at, reminded, provisional) "
                    "VALUES (%s, %s, %s, %s, '[]', 0, 0, %s, %s, '', 0)")
    follow_sql = ("INSERT INTO cases_followup (case_id, at, contact, performed, satisfaction, "
                  "sued, risk_signs, note, by_resident) VALUES (%s, %s, '电话回访', 1, %s, 0, "
                  "'', %s, 0)")
    search_sql = "INSERT INTO cases_search (rowid, body) VALUES (%s, %s)"

    def flush() -> None:
        cur.executemany(case_sql, cases)
        cur.executemany(deadline_sql, deadlines)
        cur.executemany(follow_sql, follow_ups)
        cur.executemany(search_sql, search)
        for batch in (cases, deadlines, follow_ups, search):
            batch.clear()

    for pk in range(1, n + 1):
        kind = rng.choices(("dispute", "appeal", "petition"), (6, 3, 1))[0]
        is_open = pk > open_from
        received = (now - dt.timedelta(days=40 * (n - pk) / max(n - open_from, 1),
                                       minutes=rng.randrange(600)) if is_open
                    else start + dt.timedelta(seconds=span * pk / (open_from + 1)))
        year = received.year
        seq[year] = seq.get(year, 0) + 1
        title, description, address, body = pool[rng.randrange(len(pool))]
        accepted = received + dt.timedelta(hours=rng.randrange(1, 48))
        due = accepted + dt.timedelta(days=30 if kind != "appeal" else 7)
        state, outcome, concluded, closed = rng.choice(open_states), "", None, None
        satisfaction, handler, amount = "", None, None
        if not is_open:
            state, outcome = "closed", rng.choice(outcomes[kind])
            concluded = accepted + dt.timedelta(days=rng.randrange(1, 40), hours=3)
            closed = concluded + dt.timedelta(days=5)
            satisfaction = rng.choice(("satisfied", "satisfied", "basic", "dissatisfied"))
            if outcome.startswith("agreement"):
                amount = rng.randrange(500, 50000)
        if state not in ("received", "accepted"):
            handler = rng.choice(world["handlers"])
        community = (None if rng.random() < 0.05 else rng.choice(world["communities"]))
        cases.append((
            pk, f"XM-{year}-{seq[year]:06d}", f"B{pk:09d}", kind,
            kind == "petition" and rng.random() < 0.02, rng.choice(channels),
            "12345-x", "application", rng.choice(cats[kind]), community, address, title,
            description, None, rng.choice(("low", "low", "low", "medium", "high")), "[]", 1,
            state, outcome, "", "已办结" if outcome else "", amount,
            rng.random() < 0.01, 0, handler, False, kind != "appeal", satisfaction,
            _ts(received), _ts(accepted), _ts(accepted), concluded and _ts(concluded),
            closed and _ts(closed), None if concluded else _ts(due), _ts(received),
            _ts(closed or accepted), 1))
        status = ("running" if concluded is None
                  else "met" if concluded <= due else "missed")
        deadlines.append((pk, rules[kind], _ts(accepted), _ts(due), status,
                          concluded and _ts(concluded)))
        if closed is not None and kind != "appeal":
            follow_ups.append((pk, _ts(closed - dt.timedelta(days=1)), satisfaction,
                               "仍未履行" if satisfaction == "dissatisfied" else ""))
        search.append((pk, body))
        if len(cases) >= 20000:
            flush()
    flush()
    # No ANALYZE: the application never runs it on its SQLite file, so the planner here works
    # from the same heuristics as in production (with ANALYZE's averages SQLite scans the
    # table for "state IN (open states)" instead of using cases_state_due).


def _build(path: Path, n: int) -> None:
    from django.core.management import call_command

    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob(f"cases-{n}-*.sqlite3*"):  # stale builds of this size
        old.unlink()
    building = path.with_name(path.name + ".building")
    building.unlink(missing_ok=True)
    started = time.perf_counter()
    with use_database(building):
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=OFF")
            cursor.execute("PRAGMA synchronous=OFF")
        with transaction.atomic():
            world = _world()
            _fill(n, world)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
    building.rename(path)
    print(f"  built {n:,} cases in {time.perf_counter() - started:.0f} s: {path}", flush=True)


def ensure_world(n: int) -> Path:
    path = ROOT / "var" / "bench" / f"cases-{n}-{_key(n)}.sqlite3"
    if not (path.exists() and reuse(path)):
        print(f"  building {n:,} cases (cached for reruns) ...", flush=True)
        _build(path, n)
    return path
