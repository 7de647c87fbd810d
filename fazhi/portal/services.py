"""Writes to the portal's pages outside the editor: the importer and the demo publish through
here. (Editors write through Wagtail's own actions, with its revisions and workflow.)"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import transaction
from django.utils.html import escape

from fazhi.audit.services import audit_record

from .importing import SavedArticle
from .models import ArticlePage, ChannelPage


def slug_for(title: str, published_at: dt.datetime | None) -> str:
    """A stable ASCII slug from the date and the title (titles are Chinese)."""
    digest = hashlib.sha256(title.encode()).hexdigest()[:8]
    day = published_at.strftime("%Y%m%d") if published_at else "n"
    return f"{day}-{digest}"


def paragraphs_body(paragraphs: list[str]) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{escape(text)}</p>") for text in paragraphs]


@transaction.atomic
def article_publish(*, channel: ChannelPage, title: str, published_at: dt.datetime,
                    paragraphs: list[str], source: str = "", author: str = "",
                    slug: str = "", keep_existing: bool = False,
                    detail: str = "") -> tuple[ArticlePage, str]:
    """Create or update the article with this slug under ``channel`` and publish it. Returns
    (article, "created" | "updated" | "unchanged"); an unchanged article gets no revision, and
    the view count of an existing one is kept. ``keep_existing`` never touches one that
    exists (a notice stub the editors may have filled in since)."""
    slug = slug or slug_for(title, published_at)
    article = ArticlePage.objects.child_of(channel).filter(slug=slug).first()
    created = article is None
    body = paragraphs_body(paragraphs)
    if article is not None and (keep_existing or (
            article.title == title and article.published_at == published_at
            and article.source == source and article.author == author
            and [(b.block_type, b.value.source) for b in article.body] == body)):
        return article, "unchanged"
    if article is None:
        article = ArticlePage(slug=slug)
    article.title = article.draft_title = title
    article.published_at = published_at
    article.source = source
    article.author = author
    article.body = body
    if created:
        channel.add_child(instance=article)
    article.full_clean()
    article.save_revision().publish()
    audit_record(actor=None, action="create" if created else "update", obj=article,
                 changes={"title": title, "published_at": published_at.isoformat()},
                 detail=detail)
    return article, "created" if created else "updated"


@transaction.atomic
def saved_article_import(*, saved: SavedArticle, channel: ChannelPage,
                         notices: ChannelPage) -> dict[str, str]:
    """The article (created, updated or unchanged) and a stub notice per sidebar title (made
    once, then left to the editors). Returns {title: outcome}."""
    outcomes = {}
    _article, outcomes[saved.title] = article_publish(
        channel=channel, title=saved.title, published_at=saved.published_at,
        paragraphs=saved.paragraphs, detail=f"portal-import {saved.path.name}")
    for title in saved.notices:
        _stub, outcomes[title] = article_publish(
            channel=notices, title=title, published_at=saved.published_at, paragraphs=[],
            slug=slug_for(title, None), keep_existing=True,
            detail=f"portal-import {saved.path.name}: sidebar notice")
    return outcomes
