"""The portal in the demo world: the seed's article imported (de-duplicated) with its sidebar's
notices as stubs, and about fifty notices and news items from 2016 to today written for the
demo, in the six channels. Everything is published through the portal's own services."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings

from fazhi.portal.importing import channel_of, parse
from fazhi.portal.models import ChannelPage
from fazhi.portal.searchindex import index_rebuild
from fazhi.portal.services import article_publish, saved_article_import

from .world import World

TZ = ZoneInfo("Asia/Shanghai")
SEED_PAGE = Path(settings.BASE_DIR).parent / "shared" / "seed" / "000_9e0e47906a852ac4.txt"

# (channel, title pattern with {year}, paragraphs); each is published in several years.
ITEMS: list[tuple[str, str, list[str]]] = [
    ("notices", "关于报送{year}年度普法责任清单的通知",
     ["各成员单位：请按照“谁执法谁普法”要求，于1月31日前报送本单位年度普法责任清单。",
      "清单应写明普法内容、责任领导、责任人、对象、渠道和完成标准。"]),
    ("notices", "关于开展{year}年“12·4”国家宪法日系列宣传活动的通知",
     ["为弘扬宪法精神，街道定于12月上旬在各社区开展宪法宣传周活动。",
      "请各社区结合实际组织宪法宣誓、知识问答和法律咨询。"]),
    ("notices", "关于组织国家工作人员参加{year}年度学法考试的通知",
     ["街道全体干部职工须在规定时间内完成年度网上学法和考试。",
      "考试为50题，满分100分，60分及格，可多次作答。"]),
    ("notices", "关于开展{year}年“4·15”全民国家安全教育日宣传活动的通知",
     ["各社区、各成员单位要在4月15日前后集中开展国家安全法宣传。"]),
    ("notices", "关于公布{year}年度“法律明白人”名单的公告",
     ["经社区推荐、司法所审核，现将本年度“法律明白人”名单予以公布。"]),
    ("news", "西马街道法治大讲堂走进{community}",
     ["街道法治大讲堂邀请驻社区律师，围绕居民关心的物业纠纷、婚姻家庭等问题现场讲解。",
      "讲座后律师为居民提供一对一法律咨询。"]),
    ("news", "“红马甲”调解队{year}年成功化解一批邻里纠纷",
     ["街道“红马甲”调解团队深入楼栋，及时化解噪音、漏水、停车等邻里矛盾。"]),
    ("news", "街道召开{year}年普法依法治理工作会议",
     ["会议总结上一年度普法工作，部署本年度“谁执法谁普法”责任清单和“法律六进”重点任务。"]),
    ("outreach", "{year}年“6·26”国际禁毒日宣传走进校园",
     ["街道联合派出所在辖区学校开展禁毒宣传，通过展板和案例讲解提高青少年识毒防毒意识。"]),
    ("outreach", "暑期青少年普法课堂在{community}开课",
     ["结合暑假，街道为辖区青少年开设普法课堂，讲解未成年人保护法和网络安全知识。"]),
    ("sandai", "“三代”机制帮助居民办成一件事（{year}）",
     ["社区工作人员通过“事务代办”，为行动不便的老人代办了相关证明材料。",
      "诉求代理、意愿代言、事务代办的“三代”机制让群众少跑腿。"]),
    ("sandai", "{community}居民意愿代言会召开",
     ["围绕小区物业费调整，社区召开意愿代言会，记录居民意见并向有关部门反映。"]),
    ("model", "{community}通过“民主法治示范社区”复核",
     ["经区级复核，该社区在组织健全、民主有序、法治工作扎实等方面达到示范社区标准。"]),
    ("policy", "《中华人民共和国法治宣传教育法》解读（{year}）",
     ["法治宣传教育法自2025年11月1日起施行，明确“谁执法谁普法”和国家工作人员学法制度。"]),
    ("policy", "《人民调解法》要点摘编",
     ["人民调解委员会调解民间纠纷，遵循自愿、平等、合法原则，不收取任何费用。"]),
]


def _when(rng: random.Random, year: int, today: dt.date) -> dt.datetime:
    last = today if year == today.year else dt.date(year, 12, 31)
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, (last - dt.date(year, 1, 1))
                                                                .days + 1))
    return dt.datetime(day.year, day.month, day.day, rng.randrange(8, 18), rng.randrange(0, 60),
                       tzinfo=TZ)


def build(rng: random.Random, world: World) -> None:
    if SEED_PAGE.exists():
        saved_article_import(saved=parse(SEED_PAGE), channel=channel_of(ChannelPage.Kind.NEWS),
                             notices=channel_of(ChannelPage.Kind.NOTICES))
    channels = {kind: channel_of(kind) for kind, _title, _text in ITEMS}
    names = [c.name for c in world.communities] or ["社区"]
    years = list(range(2016, world.today.year + 1))
    made: set[str] = set()
    for round_ in range(4):
        for kind, pattern, paragraphs in ITEMS:
            year = years[(rng.randrange(len(years)) + round_ * 3) % len(years)]
            title = pattern.format(year=year, community=rng.choice(names))
            if title in made or (round_ and "{" not in pattern):
                continue
            made.add(title)
            article_publish(channel=channels[kind], title=title,
                            published_at=_when(rng, year, world.today), paragraphs=paragraphs,
                            source="西马街道司法所" if kind != "news" else "西马街道办事处",
                            author=rng.choice(["王敏", "李华", "张伟", "陈静"]))
    # The index is also fed by the task worker; the demo is searchable before one runs.
    index_rebuild()
