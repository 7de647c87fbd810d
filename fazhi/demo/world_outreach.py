"""Law popularisation in the demo world: 2016-2018 history as a Xima-like sub-district reported
it (200+ lecture halls, lawyer talks, theme days, youth sessions, 100+ correction study sessions,
about 5,000 people reached), responsibility lists of the member units, cadre law study, and
upcoming activities whose QR codes work now. Rows are bulk-inserted; personal data goes through
the same encrypt/hash/mask columns as the sign-in service."""

from __future__ import annotations

import datetime as dt
import random
import string
from zoneinfo import ZoneInfo

from fazhi.core.crypto import encrypt
from fazhi.core.masking import mask_name
from fazhi.core.personal import sealed_mobile
from fazhi.org.models import Person, Unit
from fazhi.outreach.models import (
    Activity,
    KeyDate,
    ListItem,
    ResponsibilityList,
    SignIn,
    StudySession,
    WalkIn,
)

from .world import World, person_name

TZ = ZoneInfo("Asia/Shanghai")
K = Activity.Kind
HISTORY_YEARS = (2016, 2017, 2018)
# kind -> sessions per year (lecture halls 3 x 72 = 216, correction study 3 x 36 = 108)
PER_YEAR = {K.LECTURE_HALL: 72, K.LAWYER_TALK: 24, K.YOUTH: 6, K.SIX_PLACES: 12, K.LAW_PLUS: 8,
            K.MIGRANTS: 4, K.CORRECTION: 36, K.FILM: 6, K.CONTEST: 2, K.LAW_SAVVY: 3}
TOPICS: dict[str, list[str]] = {
    K.LECTURE_HALL: ["宪法与公民权利", "民法典婚姻家庭编", "物业纠纷与业主权利", "防范电信网络诈骗",
                     "劳动合同与工资保障", "老年人权益保障法", "继承与遗嘱", "治安管理处罚法"],
    K.LAWYER_TALK: ["律师面对面：房屋租赁", "律师面对面：邻里纠纷", "律师面对面：消费维权"],
    K.YOUTH: ["暑期青少年法治课堂", "寒假青少年自护讲座"],
    K.SIX_PLACES: ["法律进{place}"],
    K.LAW_PLUS: ["法治+平安社区主题日", "法治+文明养犬主题日", "法治+垃圾分类主题日"],
    K.MIGRANTS: ["外来务工人员劳动法学习"],
    K.CORRECTION: ["社区矫正对象集中学习"],
    K.FILM: ["法治微电影观影"],
    K.CONTEST: ["网络法律知识竞赛"],
    K.LAW_SAVVY: ["法律明白人培训"],
}
LAWS = ["宪法", "民法典", "治安管理处罚法", "反有组织犯罪法", "人民调解法", "劳动合同法",
        "未成年人保护法", "禁毒法", "国家安全法", "老年人权益保障法"]
PUBLIC_PEOPLE = 5000
CORRECTION_PEOPLE = 40


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _code(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(12))


def _activity(rng: random.Random, world: World, kind: str, day: dt.date, **extra) -> Activity:
    start = _at(day, rng.choice((9, 10, 14, 15, 19)), rng.choice((0, 30)))
    title = extra.pop("title", None) or rng.choice(TOPICS.get(kind, ["普法宣传活动"]))
    place = extra.pop("place", "")
    if place:
        title = title.format(place=Activity.Place(place).label)
    community = extra.pop("community", rng.choice(world.communities))
    return Activity(kind=kind, title=str(title), starts_at=start,
                    ends_at=start + dt.timedelta(minutes=rng.choice((60, 90, 120))),
                    venue=f"{community.name}活动室" if community else "西马街道市民之家",
                    community=community, place=place, code=_code(rng),
                    speakers=rng.choice(["驻社区律师", "司法所干部", "派出所民警", "法庭法官"]),
                    laws="、".join(rng.sample(LAWS, 2)), audience="辖区居民",
                    planned_attendance=rng.choice((30, 40, 50, 80)),
                    summary="活动按计划开展，居民反响良好。", **extra)


def _history(rng: random.Random, world: World) -> list[Activity]:
    key_dates = list(KeyDate.objects.filter(active=True))
    places = list(Activity.Place.values)
    rows: list[Activity] = []
    for year in HISTORY_YEARS:
        for kind, count in PER_YEAR.items():
            for n in range(count):
                if kind == K.YOUTH:  # school holidays: July-August, late January
                    day = dt.date(year, rng.choice((1, 7, 7, 8)), rng.randrange(10, 28))
                else:
                    day = dt.date(year, 1, 5) + dt.timedelta(days=rng.randrange(0, 350))
                extra: dict = {}
                if kind == K.SIX_PLACES:
                    extra["place"] = places[n % 6]
                if kind in (K.CORRECTION, K.CONTEST):
                    extra["community"] = None
                rows.append(_activity(rng, world, kind, day, **extra))
        for key_date in key_dates:  # a theme day on each key date, in two communities
            for community in rng.sample(world.communities, 2):
                rows.append(_activity(rng, world, K.THEME_DAY,
                                      dt.date(year, key_date.month, key_date.day),
                                      key_date=key_date, community=community,
                                      title=f"{key_date.name}主题宣传"))
    return rows


def _upcoming(rng: random.Random, world: World) -> list[Activity]:
    """Activities around today: a consultation day from 08:30 to 21:00 whose sign-in is open
    all of today in Beijing time, 00:00 to 24:00 (so the demo's QR code works whenever it is
    tried that day), others in the coming weeks."""
    midnight = dt.datetime.combine(world.today, dt.time(0, 0), tzinfo=TZ)
    opens = midnight + dt.timedelta(hours=8, minutes=30)
    ends = midnight + dt.timedelta(hours=21)
    north = world.communities[0]
    rows = [Activity(kind=K.LAW_PLUS, title="民法典进社区：今天的法治宣传咨询日（全天）",
                     starts_at=opens, ends_at=ends,
                     opens_before=(opens - midnight) // dt.timedelta(minutes=1),
                     closes_after=(midnight + dt.timedelta(days=1) - ends)
                     // dt.timedelta(minutes=1),
                     venue="江汉北路社区活动室",
                     community=north, code=_code(rng), speakers="驻社区律师",
                     laws="民法典", audience="辖区居民", planned_attendance=60)]
    for n, kind in enumerate((K.LAWYER_TALK, K.SIX_PLACES, K.LAW_PLUS, K.FILM, K.YOUTH)):
        day = world.today + dt.timedelta(days=3 + 4 * n)
        rows.append(_activity(rng, world, kind, day, community=world.communities[n % 3],
                              place="schools" if kind == K.SIX_PLACES else ""))
    return rows


def _person(rng: random.Random, world: World) -> tuple[str, str]:
    return person_name(rng), world.mobile(rng)


def _signin(activity: Activity, name: str, mobile: str, community) -> SignIn:
    return SignIn(activity=activity, name_enc=encrypt(name), name_masked=mask_name(name),
                  **sealed_mobile(mobile), community=community,
                  source=SignIn.Source.QR)


def _signins(rng: random.Random, world: World, activities: list[Activity]) -> None:
    public = [a for a in activities if a.kind != K.CORRECTION]
    correction = [a for a in activities if a.kind == K.CORRECTION]
    residents = [(*_person(rng, world), rng.choice(world.communities))
                 for _ in range(PUBLIC_PEOPLE)]
    attendees: dict[int, set[int]] = {a.pk: set() for a in public}
    for index in range(len(residents)):  # everybody comes at least once ...
        attendees[public[index % len(public)].pk].add(index)
    for activity in public:  # ... and some come again
        attendees[activity.pk].update(rng.sample(range(len(residents)), rng.randrange(3, 12)))
    rows = [_signin(a, *residents[i][:2], residents[i][2]) for a in public
            for i in sorted(attendees[a.pk])]
    under_correction = [_person(rng, world) for _ in range(CORRECTION_PEOPLE)]
    for activity in correction:
        for name, mobile in rng.sample(under_correction, rng.randrange(4, 9)):
            rows.append(_signin(activity, name, mobile, None))
    SignIn.objects.bulk_create(rows, batch_size=1000)
    WalkIn.objects.bulk_create([WalkIn(activity=a, count=rng.randrange(3, 15), note="现场登记")
                                for a in public if rng.random() < 0.3])


def _lists(rng: random.Random, world: World, history: list[Activity]) -> None:
    members = [u for kind in (Unit.Kind.JUSTICE_OFFICE, Unit.Kind.POLICE_STATION,
                              Unit.Kind.COURT_TRIBUNAL, Unit.Kind.MEMBER_DEPARTMENT)
               for u in world.units.get(kind, []) if u.is_member_unit]
    current = world.today.year
    by_year: dict[int, list[Activity]] = {}
    for activity in history:
        by_year.setdefault(activity.starts_at.year, []).append(activity)
    through = Activity.items.through
    links = []
    for year in (*HISTORY_YEARS, current):
        for n, unit in enumerate(members):
            status = ResponsibilityList.Status.APPROVED
            if year == current and n % 4 == 1:
                status = ResponsibilityList.Status.SUBMITTED
            elif year == current and n % 4 == 2:
                status = ResponsibilityList.Status.DRAFT
            lst = ResponsibilityList.objects.create(unit=unit, year=year, status=status)
            items = ListItem.objects.bulk_create([
                ListItem(responsibility_list=lst, position=p, laws=law, audience="辖区居民、企业",
                         channels="法治大讲堂、宣传栏、微信公众号", planned_count=rng.randrange(2, 6),
                         quarter=p % 4 + 1, leader="分管领导", person=person_name(rng),
                         office="综合办公室", standard="按计划完成并留存照片、签到记录",
                         key_dates="4.15；12.4" if p == 1 else "")
                for p, law in enumerate(rng.sample(LAWS, 3), start=1)])
            pool = by_year.get(year, [])
            for item in items:
                done = item.planned_count - (1 if rng.random() < 0.3 else 0)
                for activity in rng.sample(pool, min(done, len(pool))):
                    links.append(through(activity_id=activity.pk, listitem_id=item.pk))
    through.objects.bulk_create(links, ignore_conflicts=True)


def _study(rng: random.Random, world: World) -> None:
    for unit in world.units.get(Unit.Kind.JUSTICE_OFFICE, []) + world.units.get(
            Unit.Kind.POLICE_STATION, []):
        cadres = list(Person.objects.filter(unit=unit))
        for month in range(1, world.today.month + 1):
            session = StudySession.objects.create(
                unit=unit, kind=StudySession.Kind.CENTRE_GROUP if month % 3 == 0
                else StudySession.Kind.HALF_HOUR,
                date=dt.date(world.today.year, month, 10), topic=f"{month}月学法：{rng.choice(LAWS)}",
                laws=rng.choice(LAWS), minutes="集体学习法律条文并交流执法中的适用问题。")
            session.people.set([p for p in cadres if rng.random() < 0.8])


def build(rng: random.Random, world: World) -> None:
    history = Activity.objects.bulk_create(_history(rng, world))
    Activity.objects.bulk_create(_upcoming(rng, world))
    _signins(rng, world, history)
    _lists(rng, world, history)
    _study(rng, world)
