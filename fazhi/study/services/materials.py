"""Study materials: create and edit; a law's text is split into its numbered articles."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.conflicts import edit_at_version

from ..access import require_organiser
from ..models import LawArticle, Material

FIELDS = ("kind", "title", "summary", "body", "video_url", "credit_minutes", "published")
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "零〇一二三四五六七八九十百千两0-9"
ARTICLE = re.compile(rf"^\s*(第([{NUMERAL}]+)条)[\s\u3000]*(.*)$")
CHAPTER = re.compile(rf"^\s*(第[{NUMERAL}]+章.*?)\s*$")
MAX_ARTICLES = 2000


def chinese_number(text: str) -> int:
    """一百二十三 -> 123; 十八 -> 18; 一千零一 -> 1001; Arabic digits pass through."""
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in UNITS:
            total += (digit or 1) * UNITS[ch]
            digit = 0
    return total + digit


def law_articles(body: str) -> list[LawArticle]:
    """The articles of a law's text: an article runs from its 第…条 to the next; a 第…章 line
    names the chapter of the articles after it. Refuses a text without articles, a number
    twice and an article longer than its limit, naming each."""
    articles: list[LawArticle] = []
    chapter = ""
    for line in body.splitlines():
        if CHAPTER.match(line) and not ARTICLE.match(line):
            chapter = CHAPTER.match(line).group(1)[:80]  # type: ignore[union-attr]
            continue
        found = ARTICLE.match(line)
        if found:
            articles.append(LawArticle(number=chinese_number(found.group(2)),
                                       label=found.group(1)[:20], chapter=chapter,
                                       text=found.group(3).strip()))
        elif articles and line.strip():
            articles[-1].text = f"{articles[-1].text}\n{line.strip()}".strip()
    problems = []
    if not articles:
        problems.append(_("No article found: start each article on its own line with 第…条."))
    if len(articles) > MAX_ARTICLES:
        problems.append(_("At most %(n)s articles.") % {"n": MAX_ARTICLES})
    seen: set[int] = set()
    for article in articles:
        if article.number in seen or not 1 <= article.number <= 5000:
            problems.append(_("%(label)s appears twice or has no valid number.")
                            % {"label": article.label})
        seen.add(article.number)
        if len(article.text) > 5000 or not article.text:
            problems.append(_("%(label)s is empty or longer than 5000 characters.")
                            % {"label": article.label})
    if problems:
        raise ValidationError({"body": problems[:20]})
    return articles


def _save(material: Material) -> None:
    material.full_clean(validate_constraints=False)
    articles = law_articles(material.body) if material.kind == Material.Kind.LAW else []
    try:
        with transaction.atomic():
            material.save()
    except IntegrityError as exc:
        raise ValidationError({"title": [_("A material with this title exists already.")]}
                              ) from exc
    LawArticle.objects.filter(material=material).delete()
    for article in articles:
        article.material = material
    LawArticle.objects.bulk_create(articles)


@transaction.atomic
def material_create(*, actor: Any, ip: str = "", **data: Any) -> Material:
    require_organiser(actor)
    material = Material(created_by=actor, **{k: v for k, v in data.items() if k in FIELDS})
    _save(material)
    audit_record(actor=actor, action="create", obj=material,
                 changes={"kind": material.kind, "articles": material.articles.count()}, ip=ip)
    return material


@transaction.atomic
def material_update(*, actor: Any, material: Material, expected_version: int, ip: str = "",
                    **data: Any) -> Material:
    require_organiser(actor)
    locked, before = edit_at_version(Material.objects, pk=material.pk, names=FIELDS,
                                     expected_version=expected_version, values=data)
    _save(locked)
    changed = sorted(n for n in FIELDS if before[n] != getattr(locked, n))
    audit_record(actor=actor, action="update", obj=locked, changes={"fields": changed}, ip=ip)
    return locked
