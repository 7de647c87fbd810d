"""A community worker on a phone fills the self-assessment with evidence (a photo uploaded, a
score and a note per item) and submits it; a reviewer returns one item with a note and sends it
back; the worker sees the note on that item and can change only it."""

import io
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import browser_login
from fazhi.assessments import services
from fazhi.assessments.models import Assessment, Score

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _photo(tmp_path: Path) -> Path:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 120, 200)).save(out, format="PNG")
    path = tmp_path / "公示栏.png"
    path.write_bytes(out.getvalue())
    return path


def test_a_worker_self_assesses_and_a_reviewer_returns_one_item(phone, page, live_server,
                                                                 street_admin, street_staff,
                                                                 worker, tmp_path):
    year = timezone.localdate().year
    cycle = services.cycle_create(actor=street_admin, title="本届创建", first_year=year - 1)
    keep = {"设立社区综治工作室", "居务公开、民主决策、议事协商记录完整",
            "居民公约、自治章程依法制定并公布"}
    for item in cycle.indicators.exclude(title__in=keep):
        cycle.refresh_from_db()
        services.indicator_delete(actor=street_admin, indicator=item,
                                  expected_tree_version=cycle.tree_version)
    photo = _photo(tmp_path)

    browser_login(phone, "worker")
    phone.goto(f"/assessments/cycles/{cycle.pk}/")
    phone.get_by_role("button", name="开始本社区自评").click()
    expect(phone.locator("h1")).to_contain_text("江汉北路社区")
    assessment = Assessment.objects.get()
    manual = list(assessment.scores.filter(indicator__method="manual")
                  .order_by("indicator__position"))
    for n, score in enumerate(manual):
        item = phone.locator(f"#item-{score.pk}")
        item.locator("summary").click()
        item.locator(f"input[name='s{score.pk}-self_score']").fill(str(8 + n))
        item.locator(f"textarea[name='s{score.pk}-self_note']").fill("居务公开栏每月更新")
        item.get_by_role("button", name="保存本项").click()
        expect(phone.locator(f"#item-{score.pk} [data-self-score]")).to_have_text(f"{8 + n}.0")
        item = phone.locator(f"#item-{score.pk}")
        item.locator("summary").click()
        item.locator(f"input[name='e{score.pk}-label']").fill("公示栏照片")
        item.locator(f"input[name='e{score.pk}-file']").set_input_files(str(photo))
        item.get_by_role("button", name="添加佐证").click()
        expect(phone.locator(f"#item-{score.pk} .evidence")).to_contain_text("公示栏照片")
    phone.get_by_role("button", name="提交审核").click()
    expect(phone.locator("h1 .badge")).to_have_text("已提交审核")

    browser_login(page, "staff")
    page.goto(f"/assessments/{assessment.pk}/")
    returned = manual[1]
    for score in assessment.scores.order_by("indicator__position"):
        item = page.locator(f"#item-{score.pk}")
        if score.pk == returned.pk:
            item.locator(f"select[name='r{score.pk}-verdict']").select_option("returned")
            item.locator(f"textarea[name='r{score.pk}-review_note']").fill("缺少居民公约公布的照片")
        item.get_by_role("button", name="保存审核意见").click()
        expect(page.locator(f"#item-{score.pk} [data-review-state]")).not_to_have_attribute(
            "data-review-state", "pending")
    page.get_by_role("button", name="将退回的指标发回社区").click()
    expect(page.locator("h1 .badge")).to_have_text("已退回社区")

    phone.goto(f"/assessments/{assessment.pk}/")
    item = phone.locator(f"#item-{returned.pk}")
    expect(item.locator(".note")).to_have_text("缺少居民公约公布的照片")
    expect(item.locator("details")).to_have_attribute("open", "")
    expect(phone.locator(f"#item-{manual[0].pk} details")).to_have_count(0)
    returned.refresh_from_db()
    assert (returned.review, returned.review_note) == (Score.Review.RETURNED,
                                                         "缺少居民公约公布的照片")
    assert assessment.scores.get(pk=manual[0].pk).evidence.get().file.read()[:4] == b"\x89PNG"
