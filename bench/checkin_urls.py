"""Fazhi's URLs plus the benchmark's baseline: a minimal Django view that inserts one row,
behind the same middleware (sessions, CSRF, auth) as the sign-in page."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from fazhi.outreach.models import WalkIn
from fazhi.urls import handler403, handler404, handler500
from fazhi.urls import urlpatterns as fazhi_urls

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


@require_POST
def baseline(request: HttpRequest, activity: int) -> HttpResponse:
    WalkIn.objects.create(activity_id=activity, count=1)
    return HttpResponse("ok", status=201)


urlpatterns = [path("bench/baseline/<int:activity>/", baseline), *fazhi_urls]
