"""Seed the reference data (Hubei dispute categories, appeal topics, petition classes and the
statutory deadline rules) and create the vendor-specific full-text search structure."""

from django.db import migrations

DISPUTE = ["婚姻家庭", "邻里", "房屋宅基地", "合同", "生产经营", "损害赔偿", "山林土地", "征地拆迁",
           "环境污染", "劳动争议", "消费", "医疗", "道路交通事故", "物业纠纷", "其他纠纷", "继承", "村务"]
DISPUTE_CODES = ["marriage-family", "neighbour", "housing-land", "contract", "business",
                 "damages", "forest-land", "expropriation", "pollution", "labour", "consumer",
                 "medical", "traffic", "property-mgmt", "dispute-other", "inheritance",
                 "village-affairs"]
APPEAL = [("emergency", "紧急求助"), ("utilities", "水电气暖"), ("environment", "市容环境"),
          ("property-service", "物业服务"), ("community-service", "社区服务"),
          ("social-security", "社会保障"), ("urban-management", "城市管理"),
          ("housing-planning", "住房与规划建设"), ("transport", "交通出行"),
          ("appeal-other", "其他诉求")]
PETITION = [("suggestion", "建议意见"), ("accusation", "检举控告"), ("grievance", "申诉求决"),
            ("review", "复查申请"), ("re-review", "复核申请")]

# code, name, kind, category, clock, amount, unit, concludes, pause, ext_times, ext_amount,
# resident_window, soon_hours
RULES = [
    ("petition-route", "信访事项登记转送并告知（15日）", "petition", None, "received", 15,
     "calendar_days", False, False, 0, 0, False, 72),
    ("petition-conclude", "信访事项办理答复（受理之日起60日）", "petition", None, "accepted", 60,
     "calendar_days", True, True, 1, 30, False, 120),
    ("petition-objection", "被转送机关提出异议（5个工作日）", "petition", None, "referred", 5,
     "working_days", False, False, 0, 0, False, 24),
    ("petition-review-request", "申请复查期限（答复后30日）", "petition", None, "replied", 30,
     "calendar_days", False, False, 0, 0, True, 72),
    ("petition-review-answer", "复查意见（30日）", "petition", "review", "accepted", 30,
     "calendar_days", True, True, 0, 0, False, 72),
    ("petition-rereview-request", "申请复核期限（复查意见后30日）", "petition", "review", "replied",
     30, "calendar_days", False, False, 0, 0, True, 72),
    ("petition-rereview-answer", "复核意见（30日，听证时间不计入）", "petition", "re-review",
     "accepted", 30, "calendar_days", True, True, 0, 0, False, 72),
    ("mediation-conclude", "人民调解（一般30日内调结，双方同意可延续）", "dispute", None, "accepted",
     30, "calendar_days", True, True, 3, 30, False, 72),
    ("mediation-judicial", "申请司法确认（协议生效后30日）", "dispute", None, "agreement", 30,
     "calendar_days", False, False, 0, 0, True, 72),
    ("appeal-general", "一般诉求（7日）", "appeal", None, "received", 7, "calendar_days", True,
     True, 1, 7, False, 24),
    ("appeal-emergency", "紧急诉求（2小时）", "appeal", "emergency", "received", 2, "hours", True,
     False, 0, 0, False, 1),
    ("appeal-utilities", "水电气暖诉求（24小时）", "appeal", "utilities", "received", 24, "hours",
     True, False, 0, 0, False, 4),
    ("appeal-complex", "复杂诉求（15日）", "appeal", "housing-planning", "received", 15,
     "calendar_days", True, True, 1, 15, False, 48),
]


def seed(apps, schema_editor):
    Category = apps.get_model("cases", "Category")
    DeadlineRule = apps.get_model("cases", "DeadlineRule")
    for i, (code, name) in enumerate(zip(DISPUTE_CODES, DISPUTE, strict=True)):
        Category.objects.get_or_create(code=code, defaults={"kind": "dispute", "name": name,
                                                            "order": i})
    for kind, rows in (("appeal", APPEAL), ("petition", PETITION)):
        for i, (code, name) in enumerate(rows):
            Category.objects.get_or_create(code=code, defaults={"kind": kind, "name": name,
                                                                "order": i})
    for (code, name, kind, category, clock, amount, unit, concludes, pause, ext_times,
         ext_amount, window, soon) in RULES:
        DeadlineRule.objects.get_or_create(code=code, defaults={
            "name": name, "kind": kind,
            "category": Category.objects.get(code=category) if category else None,
            "clock": clock, "amount": amount, "unit": unit, "concludes_case": concludes,
            "pause_allowed": pause, "extension_max_times": ext_times,
            "extension_max_amount": ext_amount, "resident_window": window, "soon_hours": soon})


def search_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE TABLE cases_search (case_id bigint PRIMARY KEY REFERENCES cases_case(id)"
            " ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, document tsvector NOT NULL)")
        schema_editor.execute("CREATE INDEX cases_search_gin ON cases_search USING GIN (document)")
    else:
        schema_editor.execute("CREATE VIRTUAL TABLE cases_search USING fts5(body)")


def search_drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS cases_search")


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(search_create, search_drop),
    ]
