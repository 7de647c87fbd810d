"""The study pages: the cadre's page, a material with its timer, the organiser's materials and
rule, the weekly list and the unit rates with XLSX. Every view refuses an outsider, changing
nothing; list pages keep their query count as rows grow."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from conftest import client_for, make_user
from fazhi.audit.models import Entry
from fazhi.core.roles import Role
from fazhi.org.models import Unit
from fazhi.outreach.models import StudySession
from fazhi.study.models import Credit, Material, Visit, YearRule

from .conftest import exam_result

pytestmark = pytest.mark.django_db


def _tables() -> tuple[int, ...]:
    return (Material.objects.count(), Visit.objects.count(), Credit.objects.count(),
            YearRule.objects.count(), StudySession.objects.count())


def test_the_cadres_page_shows_their_credit_score_and_materials(clock, cadre, unit, law):
    Credit.objects.create(user=cadre, material=law, day=dt.date(2026, 5, 1), seconds=25 * 60)
    exam_result(cadre, unit, 2026, 92)
    page = client_for(cadre).get("/study/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "人民调解法" in text and ">25<" in text
    assert "92.0" in text and "48.1" in text  # 25/600 min → 4.2 points; (4.2 + 92) / 2
    assert page.context["score"].grade == "fail"


def test_materials_are_searched_by_the_text_of_their_articles(cadre, law, article):
    found = client_for(cadre).get("/study/", {"q": "不收取任何费用"})
    assert [m.pk for m in found.context["materials"]] == [law.pk]
    page = client_for(cadre).get(f"/study/materials/{law.pk}/", {"q": "妇女"})
    assert [a.label for a in page.context["articles"]] == ["第八条"]
    assert client_for(cadre).get("/study/", {"q": "x" * 5000}).status_code == 200


def test_an_unpublished_material_is_not_found_by_a_cadre(cadre, street_staff, law):
    Material.objects.filter(pk=law.pk).update(published=False)
    assert client_for(cadre).get(f"/study/materials/{law.pk}/").status_code == 404
    assert client_for(cadre).post(f"/study/materials/{law.pk}/visits/").status_code == 404
    assert client_for(street_staff).get(f"/study/manage/{law.pk}/").status_code == 200
    assert Visit.objects.count() == 0


def test_the_page_opens_a_visit_and_its_beats_earn_credit(clock, cadre, law):
    client = client_for(cadre)
    opened = client.post(f"/study/materials/{law.pk}/visits/")
    assert opened.status_code == 201
    url = opened.json()["beat_url"]
    clock.shift(30)
    beat = client.post(url, {"seq": 1, "visible": "on"})
    assert beat.json() == {"credited": 30, "material_minutes": 0, "day_minutes": 0, "capped": ""}
    again = client.post(url, {"seq": 1, "visible": "on"})
    assert (again.status_code, again.json()["code"]) == (409, "beat_refused")
    for bad in ({"seq": -1}, {"seq": 10**12}, {"seq": "x"}, {}):
        assert client.post(url, bad).status_code == 422
    assert client_for(make_user("other", Role.MEDIATOR)).post(
        url, {"seq": 2, "visible": "on"}).status_code == 404
    assert Credit.objects.get().seconds == 30


def test_a_second_window_takes_over_and_the_first_is_told(clock, cadre, law):
    one, two = client_for(cadre), client_for(cadre)
    first = one.post(f"/study/materials/{law.pk}/visits/").json()["beat_url"]
    second = two.post(f"/study/materials/{law.pk}/visits/").json()["beat_url"]
    clock.shift(30)
    refused = one.post(first, {"seq": 1, "visible": "on"})
    assert (refused.status_code, refused.json()["code"]) == (409, "superseded")
    assert two.post(second, {"seq": 1, "visible": "on"}).json()["credited"] == 30


def test_the_organiser_adds_a_law_and_hostile_input_is_refused_beside_the_field(street_staff):
    client = client_for(street_staff)
    data = {"kind": "law", "title": "宪法", "summary": "", "body": "第一条 中华人民共和国是……",
            "video_url": "", "credit_minutes": 30, "published": "on"}
    for field, value in (("credit_minutes", 10**9), ("credit_minutes", -1),
                         ("title", "法" * 121), ("body", "没有条文"), ("kind", "exe"),
                         ("body", "第一条 \x00")):
        page = client.post("/study/manage/", {**data, field: value})
        assert page.status_code == 400, (field, value)
        assert field in page.context["form"].errors, (field, value)
    assert Material.objects.count() == 0
    saved = client.post("/study/manage/", data)
    assert saved.status_code == 302
    assert client.post("/study/manage/", data).status_code == 400  # the double submit
    assert Material.objects.get().articles.count() == 1


def test_a_stale_edit_of_a_material_shows_the_conflict_and_keeps_the_input(street_staff, law):
    client = client_for(street_staff)
    data = {"kind": "law", "title": "人民调解法", "summary": "改", "body": "第一条 甲",
            "video_url": "", "credit_minutes": 30, "published": "on", "version": law.version}
    assert client.post(f"/study/manage/{law.pk}/", data).status_code == 302
    stale = client.post(f"/study/manage/{law.pk}/", {**data, "summary": "再改"})
    assert stale.status_code == 400
    assert Material.objects.get().summary == "改"


def test_the_organiser_sets_the_years_weights(street_admin):
    client = client_for(street_admin)
    data = {"credit_weight": 40, "target_minutes": 600, "daily_minutes": 120, "pass_score": 60,
            "excellent_score": 90, "version": ""}
    assert client.post("/study/rule/?year=2017", {**data, "credit_weight": 101}).status_code == 400
    assert client.post("/study/rule/?year=2017", data).status_code == 302
    assert client.post("/study/rule/?year=2017", data).status_code == 400  # double submit
    assert YearRule.objects.get().credit_weight == 40


def test_the_week_lists_the_units_that_missed_and_records_once(clock, street_staff, unit,
                                                                other_unit, cadre):
    client = client_for(street_staff)
    page = client.get("/study/weekly/", {"week": "2026-11-26"})
    assert page.context["week"] == dt.date(2026, 11, 23)
    assert [(r.unit.name, r.session) for r in page.context["rows"]] == [
        ("江汉北路社区工作室", None), ("高雄社区工作室", None)]
    data = {"unit": unit.pk, "date": "2026-11-24", "topic": "学习宪法", "duration": 30,
            "laws": "宪法", "users": [cadre.pk]}
    for field, value in (("duration", 10**9), ("duration", -30), ("date", "9999-12-31"),
                         ("date", "0001-01-01"), ("topic", "")):
        bad = client.post("/study/weekly/", {**data, field: value})
        assert bad.status_code == 400 and field in bad.context["form"].errors, (field, value)
    assert StudySession.objects.count() == 0
    assert client.post("/study/weekly/", data).status_code == 302
    again = client.post("/study/weekly/", data)
    assert again.status_code == 400 and "date" in again.context["form"].errors
    rows = client.get("/study/weekly/", {"week": "2026-11-23"}).context["rows"]
    assert [(r.unit.name, r.session is not None) for r in rows] == [
        ("高雄社区工作室", False), ("江汉北路社区工作室", True)]
    assert StudySession.objects.get().users.get() == cadre


def test_a_unit_organiser_sees_and_records_only_their_unit(clock, unit_staff, unit, other_unit):
    client = client_for(unit_staff)
    rows = client.get("/study/weekly/").context["rows"]
    assert [r.unit.pk for r in rows] == [unit.pk]
    refused = client.post("/study/weekly/", {"unit": other_unit.pk, "date": "2026-11-24",
                                             "topic": "学法", "duration": 30})
    assert refused.status_code == 400 and "unit" in refused.context["form"].errors
    assert StudySession.objects.count() == 0


def _cadres(unit: Unit, n: int, start: int) -> None:
    for i in range(start, start + n):
        make_user(f"c{i}", Role.MEDIATOR, unit_id=unit.pk)


def test_the_rates_keep_their_query_count_as_units_and_cadres_grow(clock, street_staff, unit,
                                                                   subdistrict, law):
    client = client_for(street_staff)
    _cadres(unit, 2, 0)
    client.get("/study/rates/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/study/rates/").status_code == 200
    for i in range(4):
        more = Unit.objects.create(name=f"单位{i}", kind=Unit.Kind.MEMBER_DEPARTMENT,
                                   region=subdistrict, is_member_unit=True)
        _cadres(more, 3, 10 * (i + 1))
    with CaptureQueriesContext(connection) as many:
        page = client.get("/study/rates/")
    assert len(page.context["rows"]) == 5
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as one:
        client.get(f"/study/rates/{unit.pk}/")
    _cadres(unit, 5, 100)
    with CaptureQueriesContext(connection) as six:
        client.get(f"/study/rates/{unit.pk}/")
    assert len(six) == len(one)


def test_the_rates_rank_units_and_the_xlsx_is_audited_and_formula_safe(clock, street_staff,
                                                                        unit, other_unit, cadre,
                                                                        stranger, article):
    Unit.objects.filter(pk=other_unit.pk).update(name="=HYPERLINK(1)")
    Credit.objects.create(user=cadre, material=article, day=dt.date(2026, 2, 1), seconds=36000)
    exam_result(cadre, unit, 2026, 100)
    client = client_for(street_staff)
    rows = client.get("/study/rates/", {"year": 2026}).context["rows"]
    assert [(r.rank, r.pk, r.cadres, r.excellent, r.average) for r in rows] == [
        (1, unit.pk, 1, 1, 100.0), (2, other_unit.pk, 1, 0, 0.0)]
    book = client.get("/study/rates/", {"year": 2026, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(book.content)).active
    values = list(sheet.values)
    assert len(values[0]) == 13 and values[1][1] == "江汉北路社区工作室"
    assert values[2][1] == "'=HYPERLINK(1)"
    assert Entry.objects.filter(action="export", object_type="study.rates").count() == 1


def test_a_unit_organiser_reads_their_units_cadres_and_not_another_units(
        clock, unit_staff, unit, other_unit, cadre, stranger):
    client = client_for(unit_staff)
    assert [r.pk for r in client.get("/study/rates/").context["rows"]] == [unit.pk]
    page = client.get(f"/study/rates/{unit.pk}/")
    assert sorted(s.name for s in page.context["rate"].scores) == ["unitstaff", "周文静"]
    assert client.get(f"/study/rates/{other_unit.pk}/").status_code == 404


PAGES = ["/study/", "/study/materials/{law}/", "/study/manage/", "/study/manage/{law}/",
         "/study/weekly/", "/study/rates/", "/study/rates/{unit}/", "/study/rule/",
         "/study/rates/?format=xlsx"]
POSTS = ["/study/materials/{law}/visits/", "/study/manage/", "/study/manage/{law}/",
         "/study/weekly/", "/study/rule/"]


def test_every_view_sends_an_anonymous_visitor_to_log_in_and_changes_nothing(clock, law, unit):
    before = _tables()
    for path in PAGES + POSTS:
        url = path.format(law=law.pk, unit=unit.pk)
        response = Client().post(url, {"title": "x", "seq": 1}) if path in POSTS and \
            "visits" in path else Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert Client().post("/study/visits/abc/beat/", {"seq": 1}).status_code == 302
    assert _tables() == before


@pytest.mark.parametrize("who", ["auditor", "sysadmin", "secadmin"])
def test_administration_roles_read_and_write_nothing(request, clock, who, law, unit):
    client = client_for(request.getfixturevalue(who))
    before = _tables()
    for path in PAGES:
        assert client.get(path.format(law=law.pk, unit=unit.pk)).status_code == 403, path
    for path in POSTS:
        assert client.post(path.format(law=law.pk, unit=unit.pk),
                           {"title": "x", "credit_weight": 1}).status_code == 403, path
    assert _tables() == before


def test_a_cadre_is_refused_the_organisers_pages_and_the_rates(clock, cadre, law, unit):
    client = client_for(cadre)
    before = _tables()
    for path in ("/study/manage/", f"/study/manage/{law.pk}/", "/study/rule/", "/study/rates/",
                 f"/study/rates/{unit.pk}/", "/study/rates/?format=xlsx"):
        assert client.get(path).status_code == 403, path
    for path in ("/study/manage/", f"/study/manage/{law.pk}/", "/study/rule/"):
        assert client.post(path, {"kind": "article", "title": "x", "body": "y",
                                  "credit_minutes": 1, "credit_weight": 1}).status_code == 403
    # Outreach's rule: a unit's own members record its weekly study.
    assert client.post("/study/weekly/", {"unit": unit.pk, "date": "2026-11-24",
                                          "topic": "x", "duration": 30}).status_code == 302
    assert Entry.objects.filter(action="export").count() == 0
    assert _tables()[:4] == before[:4]


def test_another_communitys_cadre_reads_no_one_elses_credit(clock, stranger, cadre, law):
    Credit.objects.create(user=cadre, material=law, day=dt.date(2026, 5, 1), seconds=600)
    me = client_for(stranger).get("/api/v1/study/me")
    assert json.loads(me.content)["credit_minutes"] == 0


def _materials(staff, n: int, start: int) -> None:
    from fazhi.study.services.materials import material_create

    for i in range(start, start + n):
        material_create(actor=staff, kind="law", title=f"法律{i}", body=f"第一条 条文{i}",
                        published=True)


def test_the_materials_and_the_week_keep_their_query_count_as_rows_grow(
        clock, street_staff, cadre, subdistrict, unit):
    from fazhi.outreach.services.study import study_create

    _materials(street_staff, 1, 0)
    pages = {"/study/": client_for(cadre), "/study/manage/": client_for(street_staff),
             "/study/weekly/?week=2026-11-23": client_for(street_staff)}
    counts = {}
    for url, client in pages.items():
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            assert client.get(url).status_code == 200
        counts[url] = len(few)
    _materials(street_staff, 6, 1)
    for i in range(5):
        more = Unit.objects.create(name=f"成员单位{i}", kind=Unit.Kind.MEMBER_DEPARTMENT,
                                   region=subdistrict, is_member_unit=True)
        study_create(actor=street_staff, unit=more, kind="half_hour", date=dt.date(2026, 11, 24),
                     topic="学法", duration=30)
    for url, client in pages.items():
        with CaptureQueriesContext(connection) as many:
            client.get(url)
        assert len(many) == counts[url], url
