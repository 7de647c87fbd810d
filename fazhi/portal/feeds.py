"""RSS for each channel: the latest thirty published articles."""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.utils.html import strip_tags

from .models import ArticlePage, ChannelPage
from .selectors import channel_feed_items


class ChannelFeed(Feed):
    def get_object(self, request: Any, *args: Any, **kwargs: Any) -> ChannelPage:
        self.request = request
        return kwargs["channel"]

    def title(self, obj: ChannelPage) -> str:
        return obj.title

    def link(self, obj: ChannelPage) -> str:
        return obj.get_url(request=self.request) or "/"

    def description(self, obj: ChannelPage) -> str:
        return obj.intro

    def items(self, obj: ChannelPage) -> list[ArticlePage]:
        return channel_feed_items(channel=obj)

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        text = " ".join(strip_tags(str(block.value)) for block in item.body
                        if block.block_type == "paragraph")
        return text[:200]

    def item_link(self, item: ArticlePage) -> str:
        return item.get_url(request=self.request) or "/"

    def item_pubdate(self, item: ArticlePage):
        return item.published_at
