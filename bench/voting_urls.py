"""Fazhi's URLs plus the voting benchmark's baseline: a minimal Django view that inserts one
row, behind the same middleware (sessions, CSRF, auth) as the vote."""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.urls import handler403, handler404, handler500
from fazhi.urls import urlpatterns as fazhi_urls
from fazhi.voting.models import Code

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


@require_POST
def baseline(request: HttpRequest, campaign: int) -> HttpResponse:
    now = timezone.now()
    Code.objects.create(campaign_id=campaign, voter="b" * 64, digest="d" * 64, created_at=now,
                        expires_at=now + dt.timedelta(minutes=1))
    return HttpResponse("ok", status=201)


urlpatterns = [path("bench/baseline/<int:campaign>/", baseline), *fazhi_urls]
