from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.http import AuthedRequest, client_ip
from fazhi.core.queryparams import per_page
from fazhi.core.spreadsheets import csv_response

from .forms import EntryFilterForm
from .models import Entry
from .selectors import entry_list_for
from .services import entries_export

PAGE_SIZE = 50


def _filtered(request: AuthedRequest) -> tuple[EntryFilterForm, QuerySet[Entry]]:
    form = EntryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, entry_list_for(actor=request.user, **{k: v for k, v in filters.items()
                                                       if v not in (None, "")})


@login_required
def entry_list(request: AuthedRequest) -> HttpResponse:
    form, entries = _filtered(request)
    page = Paginator(entries, per_page(request.GET, PAGE_SIZE, hi=200)).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/list.html", {"form": form, "page": page,
                                               "query": query.urlencode()})


@login_required
def entry_export(request: AuthedRequest) -> HttpResponse:
    _form, entries = _filtered(request)
    entries_export(actor=request.user, query=request.GET.urlencode(), ip=client_ip(request))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    header = [_("time"), _("actor"), _("action"), _("object type"), _("object id"), _("object"),
              _("changes"), _("IP address"), _("success"), _("detail")]
    rows = ([timezone.localtime(e.at).isoformat(), e.actor_name, e.action, e.object_type,
             e.object_id, e.object_repr, e.changes, e.ip or "", _("yes") if e.success else _("no"),
             e.detail] for e in entries.iterator(chunk_size=2000))
    return csv_response(header, rows, f"audit-{stamp}.csv")
