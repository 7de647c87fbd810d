"""Small pieces the organisation views share: paging, mapping service errors onto forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext as _

from fazhi.core.queryparams import per_page
from fazhi.org.selectors import may_read

PER_PAGE = 25


def page_of(request: HttpRequest, rows: QuerySet[Any]) -> tuple[Page, str]:
    """A page of rows (?page=, ?per_page= between 10 and 200) and the query to keep in links."""
    page = Paginator(rows, per_page(request.GET, PER_PAGE, hi=200)).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def errors_onto(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def conflict_onto(form: forms.Form, reload_url: str) -> None:
    form.add_error(None, format_html(
        '{} <a href="{}">{}</a>',
        _("Someone else changed this record after you opened it; your input is kept below."),
        reload_url, _("Reload the current record")))


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
