"""The portal's pages (Wagtail): one home, a channel page per column, articles under channels.

The publish time shown to readers is ``published_at`` (kept from an imported page), not
Wagtail's ``first_published_at``. ``views`` is written only by ``viewcounts.ViewBuffer``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.search import index

# Limits of the body: a long government report is ~20,000 characters.
BODY_MAX_BLOCKS = 200
PARAGRAPH_MAX_LENGTH = 20000


class PortalPageMixin:
    """Every portal page's context carries the channel navigation."""

    def get_context(self, request, *args, **kwargs):
        from .selectors import nav_channels

        context = super().get_context(request, *args, **kwargs)  # type: ignore[misc]
        context["portal_channels"] = nav_channels()
        return context


class HomePage(PortalPageMixin, Page):
    """The site's root at ``/``: the notice column, the other channels, the entrances."""

    welcome = models.CharField(_("welcome line"), max_length=200, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("welcome")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.ChannelPage"]
    max_count = 1
    template = "portal/home.html"

    class Meta:
        verbose_name = _("portal home")

    def get_context(self, request, *args, **kwargs):
        from .selectors import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(home=self))
        return context


class ChannelPage(PortalPageMixin, RoutablePageMixin, Page):
    """A column of the site (通知公告, 工作动态 ...): a paged list of its articles and a feed."""

    class Kind(models.TextChoices):
        NOTICES = "notices", _("Notices")
        NEWS = "news", _("Work news")
        OUTREACH = "outreach", _("Law popularisation")
        SANDAI = "sandai", _("Three-agency work")
        MODEL = "model", _("Model communities")
        POLICY = "policy", _("Laws and policies")

    kind = models.CharField(_("channel kind"), max_length=20, choices=Kind.choices, unique=True)
    intro = models.CharField(_("introduction"), max_length=500, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("kind"), FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.ArticlePage"]
    template = "portal/channel.html"

    class Meta:
        verbose_name = _("portal channel")

    @path("")
    def list_view(self, request):
        from .views import channel_list

        return channel_list(request, channel=self)

    @path("feed/")
    def feed_view(self, request):
        from .feeds import ChannelFeed

        return ChannelFeed()(request, channel=self)


class ArticlePage(PortalPageMixin, Page):
    """A notice, news item or article. An imported sidebar title becomes a stub: no body."""

    source = models.CharField(_("article source"), max_length=60, blank=True)
    author = models.CharField(_("author"), max_length=40, blank=True)
    published_at = models.DateTimeField(_("publish time"), default=timezone.now, db_index=True)
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(
                label=_("Paragraph"), max_length=PARAGRAPH_MAX_LENGTH,
                features=["bold", "italic", "h2", "h3", "ol", "ul", "link", "document-link"])),
            ("image", blocks.StructBlock([
                ("image", ImageChooserBlock(label=_("Image"))),
                ("caption", blocks.CharBlock(label=_("Caption"), max_length=200, required=False)),
            ], label=_("Image"), icon="image", template="portal/blocks/image.html")),
            ("attachment", DocumentChooserBlock(label=_("Attachment"),
                                                template="portal/blocks/attachment.html")),
        ],
        blank=True, max_num=BODY_MAX_BLOCKS, verbose_name=_("body"),
    )
    views = models.PositiveBigIntegerField(_("views"), default=0, editable=False)

    content_panels = [*Page.content_panels, FieldPanel("source"), FieldPanel("author"),
                      FieldPanel("published_at"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["portal.ChannelPage"]
    subpage_types: list[str] = []
    template = "portal/article.html"

    class Meta:
        verbose_name = _("article")
        indexes = [models.Index(fields=["published_at", "page_ptr"], name="portal_article_time")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A scheduled article's publish time is the moment it goes live, not the day its draft
        # was started: on its first publication, a publish time before the go-live time moves
        # to it (a later one the editor chose stays).
        first = self.live and self.first_published_at is not None and (
            self.first_published_at == self.last_published_at)
        if first and self.go_live_at and self.published_at < self.go_live_at:
            self.published_at = self.go_live_at
        super().save(*args, **kwargs)

    def search_text(self) -> str:
        """The words of the page the search index holds besides its title (docs/portal.md)."""
        parts = [str(x) for x in self.body.stream_block.get_searchable_content(self.body)]
        return "\n".join(p for p in [*parts, self.source, self.author] if p)

    def search_date(self):
        return self.published_at

    def get_context(self, request, *args, **kwargs):
        from .selectors import article_neighbours
        from .viewcounts import buffer

        context = super().get_context(request, *args, **kwargs)
        context.update(article_neighbours(article=self))
        context["view_total"] = self.views + buffer.pending(self.pk)
        return context

    def serve(self, request, *args, **kwargs):
        from .viewcounts import counts_as_view

        if counts_as_view(request):
            from .viewcounts import buffer

            buffer.add(self.pk)
        return super().serve(request, *args, **kwargs)


# On SQLite the full-text row of a page is numbered by its publish time, then its page id
# (``search_key``), so FTS5 hands out the matches newest first and a page of results reads a
# few index entries instead of sorting every match. Seconds since 1970 (clamped to +-2**32,
# 1834 to 2106) times 2**31, plus the page id (below 2**31), fit SQLite's 64-bit rowid.
PAGE_BITS = 31
PAGE_MASK = (1 << PAGE_BITS) - 1
_SECONDS_BOUND = (1 << 32) - 1
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def search_key(published_at: dt.datetime, page_id: int) -> int:
    """The FTS5 rowid of a page published at ``published_at``; ``key & PAGE_MASK`` is the page."""
    if not 0 < page_id <= PAGE_MASK:
        raise ValueError(f"page id {page_id} does not fit the search key")
    seconds = (published_at - _EPOCH) // dt.timedelta(seconds=1)
    seconds = max(-_SECONDS_BOUND, min(_SECONDS_BOUND, seconds))
    return (seconds << PAGE_BITS) + page_id


class SearchEntry(models.Model):
    """A published page in the portal's search index: when it was published (the order of
    "newest first"). Its words are in the full-text table ``portal_search``: a tsvector keyed
    by the page id on PostgreSQL; FTS5 on SQLite, its rowid the entry's ``key``
    (``search_key``). ``portal.searchindex`` writes both."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, primary_key=True,
                                related_name="+")
    published_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["published_at", "page"], name="portal_search_time")]

    def __str__(self) -> str:
        return f"page {self.page_id} at {self.published_at:%Y-%m-%d %H:%M}"

    @property
    def key(self) -> int:
        return search_key(self.published_at, self.page_id)


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """The footer fields a Chinese government site carries."""

    site_code = models.CharField(_("website identification code"), max_length=20, blank=True)
    icp_number = models.CharField(_("ICP record number"), max_length=40, blank=True)
    police_number = models.CharField(_("public security record number"), max_length=40,
                                     blank=True)
    organiser = models.CharField(_("organiser"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("portal footer")
