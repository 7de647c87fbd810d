"""The search benchmark's world: 100,000 published articles in their own SQLite file.

Built with bulk inserts: one article is published through the portal's service and copied
(its wagtailcore_page row with a new tree path, slug and title; its article row), and the
search index rows are written as ``portal.searchindex`` writes them. As in bench/cases_world,
the words come from a pool of a few hundred texts each cut by jieba once (cutting 100,000
bodies would take minutes and measure nothing the search does). Cached under var/bench/ as
the case world is (``cases_world.reuse``: keyed by this generator, migrated forward)."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
import uuid
from pathlib import Path

from django.db import connection, transaction

from bench.cases_world import ROOT, reuse, use_database

GENERATOR = "2"  # bump when the rows written below change

SUBJECTS = ["民法典", "宪法", "人民调解法", "法治宣传教育法", "未成年人保护法", "反电信网络诈骗法",
            "禁毒法", "国家安全法", "物业管理条例", "消费者权益保护法"]
PLACES = ["江汉北路社区", "西马社区", "球场街社区", "台北路社区", "黄浦社区", "惠济社区"]
ACTS = ["普法讲座", "法律咨询", "调解培训", "宣传活动", "知识竞赛", "以案释法", "法治文艺演出"]
SENTENCES = ["楼上卫生间渗漏，调解员上门查看后促成双方达成协议。",
             "律师围绕居民关心的婚姻家庭、物业纠纷等问题现场讲解。",
             "社区工作人员通过事务代办，为行动不便的老人代办证明材料。",
             "活动发放宣传资料三百余份，解答群众法律咨询四十余人次。",
             "下一步，街道将持续推进谁执法谁普法责任制落实。",
             "邻里之间因噪音、停车、漏水引发的矛盾得到及时化解。"]
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _step(n: int) -> str:
    out = ""
    for _ in range(4):
        n, digit = divmod(n, 36)
        out = ALPHABET[digit] + out
    return out


def _pool(rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(title, body, title words, body words) x 400."""
    from fazhi.core.textsearch import index_text

    pool = []
    for _ in range(400):
        title = f"{rng.choice(PLACES)}开展{rng.choice(SUBJECTS)}{rng.choice(ACTS)}"
        body = "".join(rng.sample(SENTENCES, 3)) + f"本次{rng.choice(ACTS)}围绕{rng.choice(SUBJECTS)}展开。"
        pool.append((title, body, index_text(title), index_text(body)))
    return pool


def _fill(n: int) -> None:
    from fazhi.portal.models import ArticlePage, ChannelPage, search_key
    from fazhi.portal.services import article_publish

    rng = random.Random(2026)
    news = ChannelPage.objects.get(kind=ChannelPage.Kind.NEWS)
    template, _outcome = article_publish(channel=news, title="模板", paragraphs=["模板"],
                                         published_at=dt.datetime(2016, 1, 1, tzinfo=dt.UTC))
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM wagtailcore_page WHERE id = %s", [template.pk])
        columns = [c[0] for c in cursor.description]
        row = dict(zip(columns, cursor.fetchone(), strict=True))
        cursor.execute("SELECT body FROM portal_articlepage WHERE page_ptr_id = %s", [template.pk])
        body_json = cursor.fetchone()[0]
    del row["id"]
    names = list(row)
    pool = _pool(rng)
    start = dt.datetime(2016, 1, 1, tzinfo=dt.UTC)
    pages, articles, entries, words = [], [], [], []
    first_id = template.pk + 1
    for i in range(n):
        title, body, title_words, body_words = pool[rng.randrange(len(pool))]
        title = f"{title}（{i + 1}）"
        slug = f"bench-{i + 1}"
        row.update(path=news.path + _step(i + 2), title=title, draft_title=title, slug=slug,
                   url_path=f"{news.url_path}{slug}/", translation_key=str(uuid.uuid4()))
        pages.append([row[c] for c in names])
        when = start + dt.timedelta(minutes=rng.randrange(0, 10 * 365 * 24 * 60))
        articles.append((first_id + i, "西马街道", "王敏", when.strftime("%Y-%m-%d %H:%M:%S"),
                         body_json.replace("模板", body), 0))
        entries.append((first_id + i, when.strftime("%Y-%m-%d %H:%M:%S")))
        words.append((search_key(when, first_id + i), f"{title_words} {i + 1}", body_words))
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(names))
        cursor.executemany(f"INSERT INTO wagtailcore_page ({', '.join(names)}) "  # noqa: S608
                           f"VALUES ({marks})", pages)
        cursor.execute("SELECT MIN(id), MAX(id) FROM wagtailcore_page WHERE slug LIKE 'bench-%%'")
        assert cursor.fetchone() == (first_id, first_id + n - 1)
        cursor.executemany("INSERT INTO portal_articlepage (page_ptr_id, source, author, "
                           "published_at, body, views) VALUES (%s, %s, %s, %s, %s, %s)", articles)
        cursor.executemany("INSERT INTO portal_searchentry (page_id, published_at) "
                           "VALUES (%s, %s)", entries)
        cursor.executemany("INSERT INTO portal_search (rowid, title, body) VALUES (%s, %s, %s)",
                           words)
        cursor.execute("UPDATE wagtailcore_page SET numchild = numchild + %s WHERE id = %s",
                       [n, news.pk])
    assert ArticlePage.objects.count() == n + 1


def _key(n: int) -> str:
    return hashlib.sha256(f"{GENERATOR}:{n}".encode()).hexdigest()[:16]


def build(path: Path, n: int) -> None:
    from django.core.management import call_command

    started = time.perf_counter()
    building = path.with_name(path.name + ".building")
    building.unlink(missing_ok=True)
    with use_database(building):
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=OFF")
            cursor.execute("PRAGMA synchronous=OFF")
        with transaction.atomic():
            _fill(n)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
    building.rename(path)
    print(f"  built {n:,} articles in {time.perf_counter() - started:.0f} s: {path}", flush=True)


def ensure_world(n: int) -> Path:
    path = ROOT / "var" / "bench" / f"portal-{n}-{_key(n)}.sqlite3"
    if path.exists() and reuse(path):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob(f"portal-{n}-*.sqlite3*"):  # stale builds of this size
        old.unlink()
    print(f"  building {n:,} articles (cached for reruns) ...", flush=True)
    build(path, n)
    return path
