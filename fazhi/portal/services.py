"""Writes to the portal's pages outside the editor: the importer and the demo publish through
here. (Editors write through Wagtail's own actions, with its revisions and workflow.)"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import transaction
from django.utils.html import escape

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
                    slug: str = "") -> tuple[ArticlePage, bool]:
    """Create or update the article with this slug under ``channel`` and publish it.
    Returns (article, created). The view count of an existing article is kept."""
    slug = slug or slug_for(title, published_at)
    article = (ArticlePage.objects.child_of(channel).filter(slug=slug).first())
    created = article is None
    if article is None:
        article = ArticlePage(slug=slug)
    article.title = article.draft_title = title
    article.published_at = published_at
    article.source = source
    article.author = author
    article.body = paragraphs_body(paragraphs)
    if created:
        channel.add_child(instance=article)
    article.full_clean()
    article.save_revision().publish()
    return article, created
