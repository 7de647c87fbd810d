"""``fazhi portal-import PATH...``: saved article pages of the old site into the portal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.portal.importing import ImportError_, channel_of, describe, parse
from fazhi.portal.models import ChannelPage
from fazhi.portal.services import saved_article_import


class Command(BaseCommand):
    help = ("Import saved article pages (title, 发布时间 line, body; sidebar notices become "
            "notice stubs). Running it again creates nothing new.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--channel", default=ChannelPage.Kind.NEWS,
                            choices=list(ChannelPage.Kind.values),
                            help="the channel of the articles (default: news)")

    def handle(self, *args: Any, paths: list[Path], channel: str, **options: Any) -> None:
        try:
            target = channel_of(channel)
            notices = channel_of(ChannelPage.Kind.NOTICES)
            parsed = [parse(path) for path in paths]  # every file is read before any write
        except ImportError_ as exc:
            raise CommandError(str(exc)) from exc
        for saved in parsed:
            outcomes = saved_article_import(saved=saved, channel=target, notices=notices)
            self.stdout.write(f"{saved.path}: “{saved.title}” {outcomes.pop(saved.title)}, "
                              f"{saved.published_at:%Y-%m-%d %H:%M}")
            stubs = list(outcomes.values())
            self.stdout.write(f"  notices: {stubs.count('created')} created, "
                              f"{stubs.count('unchanged')} already there")
            for removed in saved.removed:
                self.stdout.write(f"  {describe(removed)}")
