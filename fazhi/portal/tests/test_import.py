"""``fazhi portal-import`` on the seed page and on broken input."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from fazhi.portal.importing import parse
from fazhi.portal.models import ArticlePage, ChannelPage

SEED = Path(settings.BASE_DIR).parent / "shared" / "seed" / "000_9e0e47906a852ac4.txt"
TITLE = "武汉市 “七五” 普法中期先进集体——江岸区西马街道"

pytestmark = pytest.mark.django_db

needs_seed = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside the repo")


def _run(*args: object) -> str:
    out = StringIO()
    call_command("portal-import", *[str(a) for a in args], stdout=out)
    return out.getvalue()


@needs_seed
def test_the_seed_parses_into_title_time_body_and_notices():
    saved = parse(SEED)
    assert saved.title == TITLE
    assert saved.published_at.isoformat() == "2019-04-09T10:31:00+08:00"
    headings = [p for p in saved.paragraphs if p[1] == "、"]
    assert headings == ["一、建立完善普法工作机制。", "二、普法宣传氛围浓厚。",
                        "三、法治资源力量有效整合。", "四、法治惠民(企)工作深入开展。"]
    assert len(saved.paragraphs) == 9
    assert len(saved.notices) == 12  # 15 sidebar lines; one truncated title is there 4 times
    assert [(r.line, r.paragraphs, r.section) for r in saved.removed] == [
        (27, 2, True), (29, 2, True), (31, 2, True), (35, 1, False)]


@needs_seed
def test_importing_the_seed_twice_creates_nothing_new():
    first = _run(SEED)
    assert f"“{TITLE}” created, 2019-04-09 10:31" in first
    assert "notices: 12 created, 0 already there" in first
    assert "line 27: repeated section “一、建立完善普法工作机制。” (2 lines) removed" in first
    assert "line 35: repeated paragraph" in first
    count = ArticlePage.objects.count()
    second = _run(SEED)
    assert f"“{TITLE}” unchanged" in second
    assert "notices: 0 created, 12 already there" in second
    assert ArticlePage.objects.count() == count == 13
    article = ArticlePage.objects.get(title=TITLE)
    assert article.get_parent().specific.kind == ChannelPage.Kind.NEWS
    assert article.live and article.revisions.count() == 1
    from fazhi.audit.models import Entry

    assert Entry.objects.filter(object_type="portal.articlepage", action="create").count() == 13
    text = " ".join(str(block.value) for block in article.body)
    assert text.count("一、建立完善普法工作机制。") == 1
    assert text.count("三年来,社区服刑人员参与普法活动100余次") == 1


@needs_seed
def test_the_imported_article_keeps_its_views_when_reimported(tmp_path):
    _run(SEED)
    article = ArticlePage.objects.get(title=TITLE)
    ArticlePage.objects.filter(pk=article.pk).update(views=41)
    changed = tmp_path / "changed.txt"
    changed.write_text(SEED.read_text(encoding="utf-8") + "\n新增的一段。", encoding="utf-8")
    assert "updated" in _run(changed)
    article.refresh_from_db()
    assert article.views == 41
    assert "新增的一段。" in str(article.body[-1].value)


@pytest.mark.parametrize(("content", "message"), [
    ("标题\n正文没有发布时间", "bad.txt:2: no '发布时间:YYYY-MM-DD HH:MM' line"),
    ("标题\n发布时间:2019-13-45 10:31\n正文", "bad.txt:2: the publish time '2019-13-45 10:31'"),
    ("标题\n发布时间:9999-01-01 10:31\n正文", "bad.txt:2: the publish year 9999"),
    ("发布时间:2019-04-09 10:31\n标题", "bad.txt:1: a publish time before any title"),
    ("标题\n发布时间:2019-04-09 10:31\n发布时间:2019-04-10 10:31\n",
     "bad.txt:3: a second, different publish time"),
    ("", "bad.txt:1: no title found"),
    ("长" * 300 + "\n发布时间:2019-04-09 10:31\n", "bad.txt:1: the title is longer than 255"),
])
def test_broken_input_names_the_file_and_line(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        _run(bad)
    assert message in str(error.value)
    assert ArticlePage.objects.count() == 0


def test_a_file_that_is_not_utf8_names_its_line(tmp_path):
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("标题\n".encode() + "发布时间".encode("gbk"))
    with pytest.raises(CommandError, match=r"gbk.txt:2: is not UTF-8 text"):
        _run(bad)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match=r"nowhere.txt: cannot be read"):
        _run(tmp_path / "nowhere.txt")


@needs_seed
def test_one_broken_file_stops_the_run_before_any_write(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("标题\n", encoding="utf-8")
    with pytest.raises(CommandError):
        _run(SEED, bad)
    assert ArticlePage.objects.count() == 0
