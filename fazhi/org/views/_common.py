"""Small pieces the organisation views share: paging, the reader check, filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from fazhi.core.queryparams import per_page
from fazhi.org.selectors import may_read

PER_PAGE = 25


def page_of(request: HttpRequest, rows: QuerySet[Any]) -> tuple[Page, str]:
    """A page of rows (?page=, ?per_page= between 10 and 200) and the query to keep in links."""
    page = Paginator(rows, per_page(request.GET, PER_PAGE, hi=200)).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def require_reader(request: HttpRequest) -> None:
    if not may_read(request.user):
        raise PermissionDenied


def cleaned(filter_form: forms.Form) -> dict[str, Any]:
    """Filters from a valid form, with model choices turned into ids and blanks dropped."""
    if not filter_form.is_valid():
        return {}
    out: dict[str, Any] = {}
    for name, value in filter_form.cleaned_data.items():
        if value in (None, "", False):
            continue
        out[name] = value.pk if hasattr(value, "pk") else value
    return out
