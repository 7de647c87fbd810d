"""The demo world's portal: the seed's article, its sidebar notices and the demo's items."""

from __future__ import annotations

import io
import random

import pytest
from django.core.management import call_command

from fazhi.demo import world_portal
from fazhi.demo.world import World
from fazhi.portal.models import ArticlePage, ChannelPage

pytestmark = pytest.mark.django_db


def test_the_demo_portal_holds_the_seed_and_about_fifty_items(monkeypatch):
    import datetime as dt

    world = World(today=dt.date(2026, 11, 26))
    world_portal.build(random.Random(1), world)
    articles = ArticlePage.objects.live()
    assert articles.filter(title__startswith="武汉市 “七五” 普法中期先进集体").count() == 1
    stubs = [a for a in articles.child_of(ChannelPage.objects.get(kind="notices")) if not a.body]
    assert len(stubs) == 12
    written = [a for a in articles if a.body and not a.title.startswith("武汉市")]
    assert 40 <= len(written) <= 60
    years = {a.published_at.year for a in written}
    assert min(years) <= 2017 and max(years) == 2026
    for kind in ChannelPage.Kind.values:
        assert articles.child_of(ChannelPage.objects.get(kind=kind)).exists(), kind
    out = io.StringIO()
    call_command("portal-import", str(world_portal.SEED_PAGE), stdout=out)
    assert "unchanged" in out.getvalue()
