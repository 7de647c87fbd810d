"""Thin views around the Wagtail pages: a channel's list, robots.txt, the favicon and the
public images (renditions only; originals stay private)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve

from .models import ChannelPage
from .selectors import LIST_PER_PAGE, channel_page


def _positive(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() and len(value) <= 6 else default


def channel_list(request: HttpRequest, *, channel: ChannelPage) -> HttpResponse:
    listing = channel_page(channel=channel, number=_positive(request.GET.get("page"), 1),
                           per_page=_positive(request.GET.get("per_page"), LIST_PER_PAGE))
    context = channel.get_context(request)
    context["listing"] = listing
    return TemplateResponse(request, channel.get_template(request), context)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /cms/", "Disallow: /accounts/", "Disallow: /api/",
             "Disallow: /work/", "Disallow: /cases/", "Disallow: /org/", "Disallow: /audit/",
             "Disallow: /django-admin/", "Disallow: /appeal/track/",
             f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    return redirect(static("portal/favicon.svg"), permanent=True)


@require_GET
@cache_control(public=True, max_age=7 * 24 * 3600)
def public_image(request: HttpRequest, path: str) -> HttpResponseBase:
    """Only renditions live under this root; django's serve refuses paths that climb out."""
    storages: dict[str, Any] = settings.STORAGES
    return serve(request, path, document_root=storages["portal_public"]["OPTIONS"]["location"])
