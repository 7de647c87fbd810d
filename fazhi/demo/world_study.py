"""Law study in the demo world: laws article by article (the People's Mediation Law, articles
of the Constitution and of the Law on Rule-of-Law Publicity and Education, in short form), an
article and a video; the sub-district's weekly 学法半小时 on Thursdays from 2016 to
2018 (a few weeks missed); and each cadre's study credit: full credit in 2016, 2017 and 2018, so that with an
exam of 80 points or more the year rates 优秀 under the default 50/50 rule, and some credit
this year.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model

from fazhi.org.models import Person, Unit
from fazhi.outreach.models import StudySession
from fazhi.study.models import Credit, Material
from fazhi.study.services.materials import material_create

from .world import World

MEDIATION_LAW = """第一章 总则
第一条 为了完善人民调解制度，规范人民调解活动，及时解决民间纠纷，维护社会和谐稳定，根据宪法，制定本法。
第二条 本法所称人民调解，是指人民调解委员会通过说服、疏导等方法，促使当事人在平等协商基础上自愿达成调解协议，解决民间纠纷的活动。
第三条 人民调解委员会调解民间纠纷，应当遵循下列原则：（一）在当事人自愿、平等的基础上进行调解；（二）不违背法律、法规和国家政策；（三）尊重当事人的权利，不得因调解而阻止当事人依法通过仲裁、行政、司法等途径维护自己的权利。
第四条 人民调解委员会调解民间纠纷，不收取任何费用。
第五条 国务院司法行政部门负责指导全国的人民调解工作，县级以上地方人民政府司法行政部门负责指导本行政区域的人民调解工作。基层人民法院对人民调解委员会调解民间纠纷进行业务指导。
第二章 人民调解委员会
第七条 人民调解委员会是依法设立的调解民间纠纷的群众性组织。
第八条 村民委员会、居民委员会设立人民调解委员会。企业事业单位根据需要设立人民调解委员会。人民调解委员会由委员三至九人组成，设主任一人，必要时，可以设副主任若干人。人民调解委员会应当有妇女成员，多民族居住的地区应当有人数较少民族的成员。
第九条 村民委员会、居民委员会的人民调解委员会委员由村民会议或者村民代表会议、居民会议推选产生；企业事业单位设立的人民调解委员会委员由职工大会、职工代表大会或者工会组织推选产生。人民调解委员会委员每届任期三年，可以连选连任。
第三章 人民调解员
第十三条 人民调解员由人民调解委员会委员和人民调解委员会聘任的人员担任。
第十四条 人民调解员应当由公道正派、热心人民调解工作，并具有一定文化水平、政策水平和法律知识的成年公民担任。
第四章 调解程序
第十七条 当事人可以向人民调解委员会申请调解；人民调解委员会也可以主动调解。当事人一方明确拒绝调解的，不得调解。
第十八条 基层人民法院、公安机关对适宜通过人民调解方式解决的纠纷，可以在受理前告知当事人向人民调解委员会申请调解。
第二十二条 人民调解员根据纠纷的不同情况，可以采取多种方式调解民间纠纷，充分听取当事人的陈述，讲解有关法律、法规和国家政策，耐心疏导，在当事人平等协商、互谅互让的基础上提出纠纷解决方案，帮助当事人自愿达成调解协议。
第五章 调解协议
第二十八条 经人民调解委员会调解达成调解协议的，可以制作调解协议书。当事人认为无需制作调解协议书的，可以采取口头协议方式，人民调解员应当记录协议内容。
第三十一条 经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。
第三十三条 经人民调解委员会调解达成调解协议后，双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认，人民法院应当及时对调解协议进行审查，依法确认调解协议的效力。
"""
CONSTITUTION = """第一章 总纲
第一条 中华人民共和国是工人阶级领导的、以工农联盟为基础的人民民主专政的社会主义国家。
第二条 中华人民共和国的一切权力属于人民。
第五条 中华人民共和国实行依法治国，建设社会主义法治国家。一切法律、行政法规和地方性法规都不得同宪法相抵触。
第二章 公民的基本权利和义务
第三十三条 凡具有中华人民共和国国籍的人都是中华人民共和国公民。中华人民共和国公民在法律面前一律平等。国家尊重和保障人权。
第四十一条 中华人民共和国公民对于任何国家机关和国家工作人员，有提出批评和建议的权利；对于任何国家机关和国家工作人员的违法失职行为，有向有关国家机关提出申诉、控告或者检举的权利。
"""
PUBLICITY_LAW = """第一章 总则
第一条 为了加强法治宣传教育，弘扬社会主义法治精神，增强全民法治观念，推进全民守法，建设社会主义法治国家，根据宪法，制定本法。
第六条 国家机关按照谁执法谁普法的要求，在执法司法过程中开展法治宣传教育。
第二章 国家工作人员学法用法
第二十条 国家工作人员应当带头尊法学法守法用法，学习宪法和与履行职责相关的法律法规。
"""
TOPICS = ["宪法", "民法典", "人民调解法", "信访工作条例", "行政处罚法", "治安管理处罚法", "国家安全法",
          "反家庭暴力法", "未成年人保护法", "劳动合同法", "社区矫正法", "法治宣传教育法"]


def _materials(world: World) -> list[Material]:
    staff = world.users["staff"]
    rows = [("law", "中华人民共和国人民调解法", "2010年8月28日通过，2011年1月1日起施行。", MEDIATION_LAW, "", 240),
            ("law", "中华人民共和国宪法（节选）", "总纲与公民的基本权利和义务（节选）。", CONSTITUTION, "", 240),
            ("law", "中华人民共和国法治宣传教育法（节选）", "2025年11月1日起施行。", PUBLICITY_LAW, "", 180),
            ("article", "国家工作人员学法用法读本：依法行政十讲", "领导干部带头尊法学法守法用法。",
             "依法行政是政府工作的生命线。\n\n本讲从职权法定、程序正当、权责统一三个方面，讲解基层执法中常见的问题。", "", 60),
            ("video", "人民调解典型案例（视频）", "司法所调解员讲述邻里纠纷调解。", "",
             "https://www.moj.gov.cn/", 60)]
    return [material_create(actor=staff, kind=kind, title=title, summary=summary, body=body,
                            video_url=url, credit_minutes=cap, published=True)
            for kind, title, summary, body, url, cap in rows]


def _weekly(rng: random.Random, world: World) -> None:
    units = list(Unit.objects.filter(is_member_unit=True, active=True).order_by("pk"))
    units += (world.units.get("community_workroom") or [])[:1]
    sessions, keys = [], []
    for unit in units:
        monday = dt.date(2016, 1, 4)
        while monday.year <= 2018:
            if rng.random() < 0.95:  # a few weeks missed
                day = monday + dt.timedelta(days=3)  # Thursdays, as the seed says
                topic = rng.choice(TOPICS)
                sessions.append(StudySession(
                    unit=unit, kind=StudySession.Kind.HALF_HOUR, date=day, week=monday,
                    topic=f"学法半小时：{topic}", laws=topic, duration=rng.choice((30, 30, 30, 40)),
                    minutes="集中学习法律条文，结合本单位工作交流体会。"))
                keys.append(unit.pk)
            monday += dt.timedelta(days=7)
    saved = StudySession.objects.bulk_create(sessions)
    people: dict[int, list[int]] = {}
    for pk, unit_id in Person.objects.filter(unit__in=units, active=True).values_list("pk",
                                                                                      "unit_id"):
        people.setdefault(unit_id, []).append(pk)
    users: dict[int, list[int]] = {}
    for pk, unit_id in get_user_model().objects.filter(unit__in=units, is_active=True) \
            .values_list("pk", "unit_id"):
        users.setdefault(unit_id, []).append(pk)
    person_links, user_links = [], []
    for session in saved:
        person_links += [StudySession.people.through(studysession_id=session.pk, person_id=p)
                         for p in people.get(session.unit_id, []) if rng.random() < 0.85]
        user_links += [StudySession.users.through(studysession_id=session.pk, user_id=u)
                       for u in users.get(session.unit_id, []) if rng.random() < 0.9]
    StudySession.people.through.objects.bulk_create(person_links, batch_size=2000)
    StudySession.users.through.objects.bulk_create(user_links, batch_size=2000)


def _credits(rng: random.Random, world: World, materials: list[Material]) -> None:
    cadres = list(get_user_model().objects.filter(unit__isnull=False, is_active=True)
                  .values_list("pk", flat=True))
    rows = []
    for user_id in cadres:
        for year, wanted in ((2016, 630), (2017, 630), (2018, 630),
                             (world.today.year, 90 + rng.randrange(0, 120, 30))):
            room = {m.pk: m.credit_minutes for m in materials}
            first = dt.date(year, 1, 1)
            span = (min(dt.date(year, 12, 26), world.today) - first).days + 1
            days: set[dt.date] = set()
            while wanted > 0 and len(days) < span:
                day = first + dt.timedelta(days=rng.randrange(span))
                if day in days:
                    continue
                days.add(day)
                minutes = min(wanted, 30)
                material = next((pk for pk, left in room.items() if left >= minutes), None)
                if material is None:
                    break
                room[material] -= minutes
                wanted -= minutes
                rows.append(Credit(user_id=user_id, material_id=material, day=day,
                                   seconds=minutes * 60))
    Credit.objects.bulk_create(rows, batch_size=2000)


def build(rng: random.Random, world: World) -> None:
    materials = _materials(world)
    _weekly(rng, world)
    _credits(rng, world, materials)
