"""Thin views around the Wagtail pages: a channel's list, robots.txt, the favicon and the
public images (renditions only; originals stay private)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve

from fazhi.core.queryparams import query_search
from fazhi.core.textlimits import SEARCH_MAX_LENGTH

from .models import ChannelPage
from .searching import NEWEST, PER_PAGE, site_search
from .selectors import LIST_PER_PAGE, channel_page, nav_channels


def _positive(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() and len(value) <= 6 else default


def channel_list(request: HttpRequest, *, channel: ChannelPage) -> HttpResponse:
    listing = channel_page(channel=channel, number=_positive(request.GET.get("page"), 1),
                           per_page=_positive(request.GET.get("per_page"), LIST_PER_PAGE))
    context = channel.get_context(request)
    context["listing"] = listing
    return TemplateResponse(request, channel.get_template(request), context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """The search page: a form, and the results when a query is given. Never an error: an
    empty query, one of punctuation only, or one longer than the box each get a message."""
    typed = str(request.GET.get("q") or "").strip()
    query = query_search(request.GET)
    results = site_search(query=query, order=str(request.GET.get("order") or NEWEST),
                          number=_positive(request.GET.get("page"), 1),
                          per_page=_positive(request.GET.get("per_page"), PER_PAGE))
    if not query:
        message = _("Type one or more words, for example 调解 or 普法.") if "q" in request.GET else ""
    elif not results.terms:
        message = _("“%(query)s” holds no word to search for: try a word of Chinese characters, "
                    "letters or digits.") % {"query": query}
    elif len(typed) > SEARCH_MAX_LENGTH:
        message = _("Only the first %(n)d characters were searched.") % {"n": SEARCH_MAX_LENGTH}
    else:
        message = ""
    return TemplateResponse(request, "portal/search.html", {
        "portal_channels": nav_channels(), "query": query, "results": results,
        "message": message, "max_length": SEARCH_MAX_LENGTH})


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /cms/", "Disallow: /accounts/", "Disallow: /api/",
             "Disallow: /work/", "Disallow: /cases/", "Disallow: /org/", "Disallow: /audit/",
             "Disallow: /django-admin/", "Disallow: /appeal/track/", "Disallow: /search/",
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
