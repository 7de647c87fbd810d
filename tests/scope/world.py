"""A varied world for the scope matrix: three communities, cases with no community, a mediator
handling a case in another community, a lawyer acting as agent in a third, people and
activities everywhere, restricted (community-correction) activities, attachments and audit
entries. Every fact the rules need is kept here as plain Python (``Facts``), written down as
the rows are made, so the expected sets never come from the code under test."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from conftest import make_user
from fazhi.cases.models import AgencyMode, Attachment, Case, Category
from fazhi.cases.services import case_create
from fazhi.core.roles import Role
from fazhi.org.models import Agreement, Person, Region, Unit
from fazhi.outreach.models import Activity, ResponsibilityList, SignIn

# Personas: name -> (role, community key or None, unit key or None).
PERSONAS: dict[str, tuple[str, str | None, str | None]] = {
    "street_admin": (Role.STREET_ADMIN, None, None),
    "street_staff": (Role.STREET_STAFF, None, None),
    "leader": (Role.LEADER, None, None),
    "worker": (Role.COMMUNITY_WORKER, "north", None),
    "outsider": (Role.COMMUNITY_WORKER, "south", None),
    "mediator": (Role.MEDIATOR, "north", None),
    "lawyer": (Role.LAWYER, "north", None),
    "unit_mediator": (Role.MEDIATOR, None, "police"),
    "auditor": (Role.AUDITOR, None, None),
    "sysadmin": (Role.SYSTEM_ADMIN, None, None),
    "secadmin": (Role.SECURITY_ADMIN, None, None),
    "anonymous": ("", None, None),
}


@dataclass
class CaseFacts:
    pk: int
    community: str | None
    handler: str | None = None
    agents: set[str] = field(default_factory=set)
    title: str = ""
    attachment: int | None = None


@dataclass
class World:
    users: dict[str, Any]
    communities: dict[str, Region]
    cases: dict[int, CaseFacts]
    people: dict[int, str | None]                      # pk -> community key
    activities: dict[int, tuple[str | None, str | None, bool]]  # pk -> community, unit, restricted
    units: dict[int, str]                              # pk -> region key ("street", "north", "north-grid")
    agreements: dict[int, str]                         # pk -> region key
    lists: dict[int, str]                              # pk -> unit key
    persona: dict[str, tuple[str, str | None, str | None]] = field(
        default_factory=lambda: dict(PERSONAS))
    campaign: int = 0                                   # the voting campaign's pk
    held_votes: set[int] = field(default_factory=set)   # its held votes
    candidates: set[int] = field(default_factory=set)   # its candidates
    exam: int = 0
    exam_attempts: dict[int, str] = field(default_factory=dict)        # pk -> candidate
    exam_enrolments: dict[str, str] = field(default_factory=dict)      # candidate -> unit key
    assessments: dict[int, str] = field(default_factory=dict)          # pk -> community key
    evidence: dict[int, str] = field(default_factory=dict)             # pk -> community key
    contest: int = 0                                    # the knowledge contest's pk
    contest_round: int = 0                              # its round
    contest_papers: dict[int, str] = field(default_factory=dict)       # pk -> masked mobile
    contest_suspicions: set[int] = field(default_factory=set)
    duty_review: int = 0                                               # the duty review's pk
    duty_units: dict[int, str] = field(default_factory=dict)           # its unit pk -> unit key
    notifications: dict[int, str] = field(default_factory=dict)        # pk -> its recipient
    study_own: dict[str, int] = field(default_factory=dict)    # persona -> material they studied
    study_cadres: dict[int, str] = field(default_factory=dict)  # user pk -> unit pk's key
    study_units: dict[int, str] = field(default_factory=dict)   # unit pk -> key


def _case(actor: Any, community: Region | None, title: str, *, kind: str = "dispute",
          category: str = "neighbour") -> Case:
    case, _created = case_create(
        actor=actor, kind=kind, channel="station", category=Category.objects.get(code=category),
        title=title, description=f"{title}，多次协商未果。", community=community,
        parties=[{"role": "applicant", "name": "张三", "mobile": "13912345678"}],
        address="西马街道")
    return case


def build_world() -> World:
    district = Region.objects.create(name="江岸区", level=Region.Level.DISTRICT, code="JA")
    street = Region.objects.create(name="西马街道", level=Region.Level.SUBDISTRICT, code="XM",
                                   parent=district)
    communities = {key: Region.objects.create(name=name, level=Region.Level.COMMUNITY,
                                              code=code, parent=street)
                   for key, name, code in (("north", "江汉北路社区", "XM-N"),
                                           ("south", "高雄社区", "XM-S"),
                                           ("east", "新村社区", "XM-E"))}
    units = {"police": Unit.objects.create(name="西马派出所", kind=Unit.Kind.POLICE_STATION,
                                           region=street, is_member_unit=True)}
    users: dict[str, Any] = {}
    for name, (role, community, unit) in PERSONAS.items():
        if not role:
            users[name] = None
            continue
        users[name] = make_user(
            name, role, communities[community] if community else None,
            **({"unit_id": units[unit].pk} if unit else {}))
    admin = users["street_admin"]

    cases: dict[int, CaseFacts] = {}
    titles = {"north": ["楼上漏水", "邻里噪音"], "south": ["楼上漏水", "停车纠纷"],
              "east": ["物业收费", "楼道堆物"], None: ["楼上漏水"]}
    for key, names in titles.items():
        region = communities[key] if key else None
        for title in names:
            case = _case(admin, region, title)
            cases[case.pk] = CaseFacts(case.pk, key, title=title)
    appeal = _case(admin, communities["south"], "路灯不亮", kind="appeal", category="utilities")
    cases[appeal.pk] = CaseFacts(appeal.pk, "south", title="路灯不亮")
    petition = _case(admin, communities["east"], "征收补偿", kind="petition",
                     category="grievance")
    cases[petition.pk] = CaseFacts(petition.pk, "east", title="征收补偿")

    # The north mediator handles a case in south; the north lawyer is agent in one in east;
    # the north worker handles one in east too.
    handled = next(f for f in cases.values() if f.community == "south" and f.title == "停车纠纷")
    Case.objects.filter(pk=handled.pk).update(handler=users["mediator"])
    handled.handler = "mediator"
    agented = next(f for f in cases.values() if f.community == "east" and f.title == "物业收费")
    AgencyMode.objects.create(case_id=agented.pk, mode=AgencyMode.Mode.CLAIM,
                              agent=users["lawyer"])
    agented.agents.add("lawyer")
    worked = next(f for f in cases.values() if f.community == "east" and f.title == "楼道堆物")
    Case.objects.filter(pk=worked.pk).update(handler=users["worker"])
    worked.handler = "worker"
    for facts in cases.values():
        attachment = Attachment(case_id=facts.pk, name=f"{facts.pk}.txt",
                                content_type="text/plain", size=2)
        attachment.file.save(f"scope-{facts.pk}.txt", ContentFile(b"ok"), save=True)
        facts.attachment = attachment.pk

    people: dict[int, str | None] = {}
    for key in ("north", "north", "south", "east", None):
        person = Person.objects.create(name=f"张{len(people)}", kind=Person.Kind.LAW_SAVVY,
                                       community=communities[key] if key else None)
        people[person.pk] = key

    activities: dict[int, tuple[str | None, str | None, bool]] = {}
    start = timezone.make_aware(dt.datetime(2026, 3, 10, 9))
    plan = [("north", None, Activity.Kind.LECTURE_HALL), ("south", None, Activity.Kind.FILM),
            ("east", None, Activity.Kind.LECTURE_HALL), (None, None, Activity.Kind.THEME_DAY),
            ("north", None, Activity.Kind.CORRECTION), (None, None, Activity.Kind.CORRECTION),
            ("south", "police", Activity.Kind.LAWYER_TALK)]
    for i, (key, unit, kind) in enumerate(plan):
        activity = Activity.objects.create(
            kind=kind, title=f"活动{i}", starts_at=start + dt.timedelta(days=i),
            ends_at=start + dt.timedelta(days=i, hours=2), venue="活动室",
            community=communities[key] if key else None, unit=units[unit] if unit else None,
            code=f"scope{i:04d}")
        SignIn.objects.create(activity=activity, name_enc="x", name_masked="张*",
                              mobile_enc="x", mobile_hash=f"h{i}", mobile_masked="139****5678")
        activities[activity.pk] = (key, unit, kind in Activity.RESTRICTED_KINDS)
    regions = {"street": street, **communities}
    for key in ("north", "east"):
        regions[f"{key}-grid"] = Region.objects.create(
            name=f"{communities[key].name}第一网格", level=Region.Level.GRID,
            code=f"{communities[key].code}-G1", parent=communities[key])
    unit_regions = {units["police"].pk: "street"}
    for key in ("street", "north", "south", "east", "north-grid", "east-grid"):
        unit = Unit.objects.create(name=f"{regions[key].name}单位", kind=Unit.Kind.ENTERPRISE,
                                   region=regions[key])
        unit_regions[unit.pk] = key
    units["court"] = Unit.objects.create(name="人民法庭", kind=Unit.Kind.COURT_TRIBUNAL,
                                         region=street, is_member_unit=True)
    unit_regions[units["court"].pk] = "street"
    agreements: dict[int, str] = {}
    for key in ("street", "north", "south", "east"):
        agreement = Agreement(title=f"{regions[key].name}共建协议", kind=Agreement.Kind.CO_BUILDING,
                              region=regions[key], signed_on=dt.date(2026, 1, 5),
                              starts_on=dt.date(2026, 1, 5), ends_on=dt.date(2027, 1, 4))
        agreement.document.save(f"agreement-{key}.pdf", ContentFile(b"%PDF-1.4"), save=True)
        agreements[agreement.pk] = key
    lists = {ResponsibilityList.objects.create(unit=units[key], year=2026).pk: key
             for key in ("police", "court")}
    world = World(users=users, communities=communities, cases=cases, people=people,
                  activities=activities, units=unit_regions, agreements=agreements, lists=lists)
    _exams(world, admin, units["police"], regions["north"])
    _study(world, admin)
    _voting(world)
    _assessments(world, admin)
    _contests(world, regions["north"], regions["south"])
    _dutyreviews(world, admin, units)
    _notifications(world)
    return world


def _assessments(world: World, admin: Any) -> None:
    """A model-community cycle: north, south and east each self-assessed with a photo as
    evidence, then named model communities today (set directly: the review is tested in
    fazhi/assessments)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from fazhi.assessments.models import Assessment
    from fazhi.assessments.services import assessment_start, cycle_create, evidence_add

    cycle = cycle_create(actor=admin, title="范围周期", first_year=2025)
    png = io.BytesIO()
    Image.new("RGB", (2, 2)).save(png, format="PNG")
    workers = {"north": world.users["worker"], "south": world.users["outsider"],
               "east": make_user("worker_east", Role.COMMUNITY_WORKER, world.communities["east"])}
    for key, worker in workers.items():
        assessment = assessment_start(actor=worker, cycle=cycle)
        world.assessments[assessment.pk] = key
        score = assessment.scores.filter(indicator__method="manual").first()
        evidence = evidence_add(actor=worker, score=score, kind="file",
                                file=SimpleUploadedFile(f"{key}.png", png.getvalue()))
        world.evidence[evidence.pk] = key
    Assessment.objects.filter(pk__in=world.assessments).update(
        status="concluded", decision="named", decided_on=timezone.localdate(), score=90)


def _contests(world: World, north: Region, south: Region) -> None:
    """A contest whose round three mobiles took part in (two from one device: logged at the
    second with a limit of 2), and a second contest with one paper no reader of the first may
    show."""
    from fazhi.contests.models import Contest, Round, Suspicion
    from fazhi.contests.services.playing import participant_submit, round_start
    from fazhi.exams.models import Bank
    from fazhi.exams.services.questions import QuestionData, question_add, question_check

    bank = Bank.objects.create(name="范围竞赛题库")
    for i in range(3):
        question_add(bank=bank, actor=None, data=question_check(QuestionData(
            kind="true_false", stem=f"竞赛判断题{i}", answer=[0], law="宪法")))
    now = timezone.now()
    for title, mobiles in (("范围竞赛", ("1390000", "1390001", "1390002")), ("另一竞赛", ("1390003",))):
        contest = Contest.objects.create(title=title, bank=bank, is_published=True, per_device=2)
        round_ = Round.objects.create(contest=contest, name="第一轮", opens_at=now - dt.timedelta(hours=1),
                                      closes_at=now + dt.timedelta(days=1), single_count=0,
                                      true_false_count=2)
        first = not world.contest
        if first:
            world.contest, world.contest_round = contest.pk, round_.pk
        for n, prefix in enumerate(mobiles):
            masked = f"139****{prefix[-3:]}{n}"
            paper = round_start(contest=contest, round_=round_, mobile_hash=f"{title}{n}".ljust(64, "x"),
                                mobile_masked=masked, community_id=(north if n else south).pk,
                                device="shared" if n else "own")
            participant_submit(mobile_hash=paper.mobile_hash, participant_id=paper.pk,
                               expected_version=paper.version)
            if first:
                world.contest_papers[paper.pk] = masked
        if first:
            world.contest_suspicions = set(Suspicion.objects.filter(contest=contest)
                                           .values_list("pk", flat=True))


def _dutyreviews(world: World, admin: Any, units: dict[str, Unit]) -> None:
    """The 2026 duty review of the two member units, with a panel mark and peer marks each."""
    from fazhi.dutyreviews.models import PeerMark
    from fazhi.dutyreviews.services.setup import review_create

    now = timezone.now()
    review = review_create(actor=admin, year=2026, title="履职评议", rating_opens_at=now,
                           rating_closes_at=now + dt.timedelta(days=5),
                           units=[units["police"].pk, units["court"].pk])
    world.duty_review = review.pk
    world.duty_units = {units["police"].pk: "police", units["court"].pk: "court"}
    PeerMark.objects.create(review=review, unit=units["police"], by_unit=units["court"],
                            score=80, entered_by=admin)
    PeerMark.objects.create(review=review, unit=units["court"], by_unit=units["police"],
                            score=90, entered_by=admin)


def _notifications(world: World) -> None:
    """Two notifications for every persona with an account, about cases, lists and exams
    (and whatever building the world notified)."""
    from fazhi.inbox.models import Notification
    from fazhi.inbox.services import notify

    some_case = next(iter(world.cases))
    for name, user in world.users.items():
        if user is None:
            continue
        notify(user=user, topic="case", subject_id=some_case, key=f"scope:{name}:case",
               text=f"{name} 的案件提醒")
        notify(user=user, topic="list", subject_id=next(iter(world.lists)),
               key=f"scope:{name}:list", text=f"{name} 的清单提醒")
    names = {user.pk: name for name, user in world.users.items() if user is not None}
    world.notifications = {pk: names.get(user_id, "")
                           for pk, user_id in Notification.objects.values_list("pk", "user_id")}


def _exams(world: World, admin: Any, police: Unit, north: Region) -> None:
    """An exam for the police station and a north workroom: the unit mediator and two cadres
    who are not personas sit it (papers submitted)."""
    from fazhi.exams.models import Bank
    from fazhi.exams.services.exams import exam_create, exam_publish
    from fazhi.exams.services.questions import QuestionData, question_add, question_check
    from fazhi.exams.services.sitting import attempt_start, attempt_submit

    workroom = Unit.objects.create(name="江汉北路社区工作室", kind=Unit.Kind.COMMUNITY_WORKROOM,
                                   region=north)
    world.units[workroom.pk] = "north"  # the unit readers see it as north's
    cadres = {"unit_mediator": (world.users["unit_mediator"], "police"),
              "cadre_police": (make_user("cadre_police", Role.LAWYER, unit_id=police.pk), "police"),
              "cadre_north": (make_user("cadre_north", Role.MEDIATOR, north,
                                        unit_id=workroom.pk), "north-workroom")}
    bank = Bank.objects.create(name="范围题库")
    for i in range(4):
        question_add(bank=bank, actor=None, data=question_check(QuestionData(
            kind="true_false", stem=f"判断题{i}", answer=[0], law="宪法")))
    now = timezone.now()
    exam = exam_create(actor=admin, bank=bank, title="范围考试", unit_ids=[police.pk, workroom.pk],
                       opens_at=now - dt.timedelta(hours=1), closes_at=now + dt.timedelta(days=2),
                       rules=[{"kind": "true_false", "law": "", "difficulty": 0, "count": 2}],
                       points={"true_false": 2})
    exam_publish(actor=admin, exam=exam, expected_version=exam.version)
    exam.refresh_from_db()
    world.exam = exam.pk
    for name, (user, unit_key) in cadres.items():
        attempt = attempt_start(actor=user, exam=exam)
        attempt_submit(actor=user, attempt_id=attempt.pk, expected_version=attempt.version)
        world.exam_attempts[attempt.pk] = name
        world.exam_enrolments[name] = unit_key


def _study(world: World, admin: Any) -> None:
    """Study credit: each persona with an account studied a material of their own; the units
    with cadres (accounts of a unit) are the police station and the north workroom."""
    from django.contrib.auth import get_user_model

    from fazhi.study.models import Credit
    from fazhi.study.services.materials import material_create

    for name, user in world.users.items():
        if user is None:
            continue
        material = material_create(actor=admin, kind="article", title=f"学法材料-{name}",
                                   body="正文", published=True)
        Credit.objects.create(user=user, material=material, day=dt.date(2026, 3, 1),
                              seconds=600)
        world.study_own[name] = material.pk
    for user in get_user_model().objects.filter(unit__isnull=False, is_active=True):
        world.study_cadres[user.pk] = user.username
        world.study_units[user.unit_id] = user.unit.name


def _voting(world: World) -> None:
    """A campaign with two categories, three candidates, counted and held votes (and a held
    vote of a second campaign, which no reader of the first may show)."""
    from fazhi.voting.models import Campaign, Candidate, Category, Vote

    now = timezone.now()
    for title in ("普法网红", "另一评选"):
        campaign = Campaign.objects.create(title=title, opens_at=now - dt.timedelta(days=1),
                                           closes_at=now + dt.timedelta(days=1),
                                           is_published=True)
        first = not world.campaign
        if first:
            world.campaign = campaign.pk
        for c, name in enumerate(("个人", "团队")):
            category = Category.objects.create(campaign=campaign, name=name)
            for n in range(2 - c):
                candidate = Candidate.objects.create(campaign=campaign, category=category,
                                                     name=f"{title}{name}{n}")
                for i, status in enumerate(("counted", "held", "rejected")):
                    vote = Vote.objects.create(
                        campaign=campaign, candidate=candidate, category=category,
                        voter=f"{candidate.pk}-{i}", day=now.date(), cast_at=now,
                        status=status, reason="network_burst" if status != "counted" else "",
                        pick=1)
                    if first and status == "held":
                        world.held_votes.add(vote.pk)
                if first:
                    world.candidates.add(candidate.pk)
