"""Law exams in the demo world: a bank of 30 questions on the Constitution, the Civil Code, the
People's Mediation Law, the Regulations on Letters and Visits and the Law on Rule-of-Law
Publicity and Education, and this year's exam open now for two demo cadres of a community
workroom (accounts cadre1 and cadre2). The 300-question bank and the 2016-2018 exams come later.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from fazhi.accounts.services import user_create
from fazhi.core.roles import Role
from fazhi.exams.models import Bank
from fazhi.exams.services.exams import exam_create, exam_publish
from fazhi.exams.services.questions import QuestionData, question_add, question_check

from .world import DEMO_PASSWORD, World

C, M, P, X, E = "宪法", "民法典", "人民调解法", "信访工作条例", "法治宣传教育法"
# (kind, law, article, stem, options, answer, explanation)
QUESTIONS = [
    ("single", C, "第二条", "中华人民共和国的一切权力属于谁？", ["人民", "政府", "人民代表大会", "法院"], [0],
     "宪法第二条：中华人民共和国的一切权力属于人民。"),
    ("single", C, "第五条", "我国宪法规定，一切法律、行政法规和地方性法规都不得同什么相抵触？",
     ["宪法", "党章", "国际条约", "部门规章"], [0], "宪法第五条。"),
    ("true_false", C, "第三十三条", "中华人民共和国公民在法律面前一律平等。", [], [0], "宪法第三十三条。"),
    ("true_false", C, "第一条", "国家宪法日是每年的12月4日。", [], [0], "2014年设立国家宪法日。"),
    ("multiple", C, "第三十四条", "下列哪些属于公民的基本权利？", ["选举权和被选举权", "言论自由", "受教育的权利",
                                                         "免除纳税义务"], [0, 1, 2], "纳税是公民的基本义务。"),
    ("fill", C, "第五十七条", "中华人民共和国全国人民代表大会是最高国家______机关。", [], ["权力"], "宪法第五十七条。"),
    ("single", M, "第十七条", "民法典规定，成年人是指多少周岁以上的自然人？", ["十六", "十八", "二十", "二十二"], [1],
     "民法典第十七条。"),
    ("single", M, "第一百八十八条", "向人民法院请求保护民事权利的诉讼时效期间一般为几年？", ["一年", "二年", "三年", "五年"], [2],
     "民法典第一百八十八条。"),
    ("true_false", M, "第一千零四十一条", "婚姻家庭受国家保护，实行婚姻自由、一夫一妻、男女平等的婚姻制度。", [], [0],
     "民法典第一千零四十一条。"),
    ("true_false", M, "第二百零一条", "按照年、月、日计算期间的，开始的当日计入。", [], [1], "开始的当日不计入。"),
    ("multiple", M, "第二百八十八条", "处理相邻关系应当遵循哪些原则？", ["有利生产", "方便生活", "团结互助", "公平合理"],
     [0, 1, 2, 3], "民法典第二百八十八条。"),
    ("fill", M, "第一千一百二十三条", "继承开始后，按照法定继承办理；有遗嘱的，按照______继承或者遗赠办理。", [], ["遗嘱"],
     "民法典第一千一百二十三条。"),
    ("single", P, "第四条", "人民调解委员会调解民间纠纷，收费吗？", ["不收取任何费用", "按标的收费", "收取工本费", "由当事人协商"],
     [0], "人民调解法第四条。"),
    ("single", P, "第八条", "人民调解委员会由几人组成？", ["一至三人", "三至九人", "五至十五人", "不限"], [1],
     "人民调解法第八条。"),
    ("true_false", P, "第三十三条", "经人民调解委员会调解达成调解协议后，双方当事人可以自协议生效之日起三十日内共同向人民法院申请司法确认。",
     [], [0], "人民调解法第三十三条。"),
    ("true_false", P, "第十七条", "当事人一方明确拒绝调解的，人民调解委员会仍应当继续调解。", [], [1], "不得调解。"),
    ("multiple", P, "第二十九条", "调解协议书可以载明哪些事项？", ["当事人的基本情况", "纠纷的主要事实、争议事项", "调解协议内容",
                                                      "履行的方式、期限"], [0, 1, 2, 3], "人民调解法第二十九条。"),
    ("fill", P, "第三十一条", "经人民调解委员会调解达成的调解协议，具有法律______力，当事人应当按照约定履行。", [], ["约束"],
     "人民调解法第三十一条。"),
    ("single", X, "第三十二条", "信访事项应当自受理之日起多少日内办结？", ["30日", "60日", "90日", "15日"], [1],
     "信访工作条例第三十二条。"),
    ("single", X, "第十八条", "多人采用走访形式提出同一信访事项的，应当推选代表，代表人数不超过几人？", ["3人", "5人", "7人", "10人"],
     [1], "信访工作条例第十八条。"),
    ("true_false", X, "第三十五条", "信访人对信访处理意见不服的，可以自收到书面答复之日起30日内请求复查。", [], [0],
     "信访工作条例第三十五条。"),
    ("true_false", X, "第二十九条", "对依法应当通过诉讼解决的信访诉求，信访部门应当受理并答复。", [], [1], "应当导入诉讼程序。"),
    ("multiple", X, "第二十二条", "信访事项包括哪些类别？", ["建议意见类", "检举控告类", "申诉求决类", "商业广告类"], [0, 1, 2],
     "信访工作条例。"),
    ("single", E, "第一条", "《法治宣传教育法》自何时起施行？", ["2024年1月1日", "2025年11月1日", "2025年1月1日", "2026年1月1日"], [1],
     "自2025年11月1日起施行。"),
    ("true_false", E, "第一条", "“谁执法谁普法”是法治宣传教育的一项责任制度。", [], [0], "普法责任制。"),
    ("multiple", E, "第一条", "“法律六进”包括进哪些地方？", ["机关", "乡村", "社区", "学校"], [0, 1, 2, 3],
     "还包括企业、单位。"),
    ("single", E, "第一条", "国家工作人员学法用法是否属于法定要求？", ["是", "否", "只对领导干部", "只对司法人员"], [0],
     "国家工作人员学法为法定要求。"),
    ("true_false", E, "第一条", "每年4月15日是全民国家安全教育日。", [], [0], "全民国家安全教育日。"),
    ("fill", E, "第一条", "普法责任清单应当明确普法内容、责任主体、普法对象和______措施。", [], ["普法", "工作"],
     "责任清单的内容。"),
    ("single", M, "第一千零七十九条", "夫妻一方要求离婚的，可以由有关组织进行调解或者直接向哪里提起离婚诉讼？",
     ["人民法院", "民政部门", "公安机关", "居委会"], [0], "民法典第一千零七十九条。"),
]


def build(rng: random.Random, world: World) -> None:
    staff = world.users["staff"]
    bank = Bank.objects.create(name="年度学法考试题库（演示）", created_by=staff)
    for kind, law, article, stem, options, answer, explanation in QUESTIONS:
        question_add(bank=bank, actor=staff, data=question_check(QuestionData(
            kind=str(kind), stem=str(stem), options=list(options),  # type: ignore[call-overload]
            answer=list(answer),  # type: ignore[call-overload]
            explanation=explanation, law=law, article=article,
            difficulty=1 + rng.randrange(3))))
    workroom = (world.units.get("community_workroom") or [None])[0]
    if workroom is None:
        return
    for username, name in (("cadre1", "周文静"), ("cadre2", "陈志强")):
        mobile = world.mobile(rng)
        world.users[username] = user_create(
            actor=None, username=username, password=DEMO_PASSWORD, role=Role.MEDIATOR,
            display_name=name, mobile=mobile, community_id=workroom.region.community_pk,
            unit_id=workroom.pk)
        world.accounts.append({"username": username, "password": DEMO_PASSWORD,
                               "role": str(Role.MEDIATOR.label), "community": workroom.name,
                               "mobile": mobile, "totp": "no", "what": "参加年度学法考试的干部"})
    now = timezone.now()
    exam = exam_create(
        actor=staff, bank=bank, title=f"{world.today.year}年度国家工作人员学法考试（演示）",
        unit_ids=[workroom.pk], opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=14), makeup_opens_at=now + dt.timedelta(days=15),
        makeup_closes_at=now + dt.timedelta(days=20), duration_minutes=60, max_attempts=3,
        rules=[{"kind": "single", "law": "", "difficulty": 0, "count": 6},
               {"kind": "multiple", "law": "", "difficulty": 0, "count": 3},
               {"kind": "true_false", "law": "", "difficulty": 0, "count": 6},
               {"kind": "fill", "law": "", "difficulty": 0, "count": 2}],
        points={"single": 6, "multiple": 6, "true_false": 6, "fill": 5})
    exam_publish(actor=staff, exam=exam, expected_version=exam.version)
