"""Responsibility lists: index, detail with progress, XLSX template/import/export, review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import spreadsheets
from fazhi.core.actions import perform
from fazhi.core.conflicts import Conflict
from fazhi.core.dateranges import year_range
from fazhi.core.formerrors import conflict_onto, errors_onto
from fazhi.core.http import AuthedRequest, client_ip
from fazhi.core.queryparams import per_page, query_int
from fazhi.core.spreadsheets import Sheet

from .. import xlsx
from ..access import may_edit_list, may_review_list
from ..actions import LIST_ACTIONS
from ..forms import ImportForm, ItemForm, ListCreateForm, NoteForm
from ..models import ResponsibilityList
from ..selectors.lists import item_get_for, list_get_for, list_list_for, units_for_lists
from ..selectors.progress import list_progress, progress_for_lists
from ..services import lists as services
from ..services.reminders import reminders_mark_read
from .responses import xlsx_response

PAGE_SIZE = 25


@login_required
def list_index(request: AuthedRequest) -> HttpResponse:
    year = request.GET.get("year", "")
    status = request.GET.get("status", "")
    years = year_range()
    lists = list_list_for(actor=request.user,
                          year=query_int(request.GET, "year", None, lo=years.start,
                                         hi=years.stop - 1),
                          status=status if status in ResponsibilityList.Status.values else "")
    page = Paginator(lists, per_page(request.GET, PAGE_SIZE)).get_page(request.GET.get("page"))
    progress = {p.lst.pk: p for p in progress_for_lists(list(page.object_list))}
    rows = [(lst, progress[lst.pk]) for lst in page.object_list]
    units = units_for_lists(actor=request.user)
    form = ListCreateForm(units=units) if request.user.can_write and units.exists() else None
    return render(request, "outreach/list_index.html", {
        "page": page, "rows": rows, "create_form": form, "year": year, "status": status,
        "statuses": ResponsibilityList.Status.choices})


@login_required
@require_POST
def list_create(request: AuthedRequest) -> HttpResponse:
    units = units_for_lists(actor=request.user)
    form = ListCreateForm(request.POST, units=units)
    if form.is_valid():
        try:
            lst = services.list_create(actor=request.user, unit_id=form.cleaned_data["unit"].pk,
                                       year=form.cleaned_data["year"], ip=client_ip(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("outreach:lists")
        return redirect("outreach:list_detail", pk=lst.pk)
    messages.error(request, " ".join(str(m) for errs in form.errors.values() for m in errs))
    return redirect("outreach:lists")


def _detail(request: AuthedRequest, lst: ResponsibilityList, status: int | None = None,
            **forms) -> HttpResponse:
    editable = lst.editable and may_edit_list(request.user, lst)
    reviewer = may_review_list(request.user, lst)
    context = {
        "lst": lst, "progress": list_progress(lst), "notes": lst.notes.select_related("author",
                                                                                     "item"),
        "editable": editable, "reviewer": reviewer,
        "item_form": forms.get("item_form") or (ItemForm(initial={"version": lst.version})
                                                if editable else None),
        "import_form": forms.get("import_form") or (ImportForm(initial={"version": lst.version})
                                                    if editable else None),
        "import_errors": forms.get("import_errors"),
        "decision_form": forms.get("decision_form") or _review_form(request, lst),
        "note_form": forms.get("note_form") or NoteForm(lst=lst),
    }
    return render(request, "outreach/list_detail.html", context,
                  status=status or (400 if any(forms.values()) else 200))


def _review_form(request: AuthedRequest, lst: ResponsibilityList) -> Any:
    action = LIST_ACTIONS.get("approve")
    assert action is not None
    return action.bind(actor=request.user, target=lst)


@login_required
def list_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    lst = list_get_for(actor=request.user, pk=pk)
    reminders_mark_read(user=request.user, list_id=lst.pk)
    return _detail(request, lst)


@login_required
def list_template(request: AuthedRequest) -> HttpResponse:
    if not request.user.can_write:
        raise PermissionDenied
    return xlsx_response(xlsx.template_workbook(), "responsibility-list-template.xlsx")


@login_required
def list_export(request: AuthedRequest, pk: int) -> HttpResponse:
    lst = list_get_for(actor=request.user, pk=pk)
    progress = list_progress(lst)
    header = [_("No."), *[str(label) for _f, label in xlsx.COLUMNS],
              *[_("Done in Q%(q)d") % {"q": q} for q in range(1, 5)], _("Completion %")]
    rows = [[p.item.position, *[getattr(p.item, f) for f, _l in xlsx.COLUMNS],
             *p.done_by_quarter, p.percent] for p in progress.items]
    return spreadsheets.xlsx_response([Sheet(f"{lst.unit.name} {lst.year}", header, rows)],
                                      f"responsibility-list-{lst.year}-{lst.unit_id}.xlsx")


@login_required
@require_POST
def list_import(request: AuthedRequest, pk: int) -> HttpResponse:
    lst = list_get_for(actor=request.user, pk=pk)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, lst, import_form=form)
    try:
        count = services.list_import(actor=request.user, lst=lst,
                                     data=form.cleaned_data["file"].read(),
                                     expected_version=form.cleaned_data["version"],
                                     ip=client_ip(request))
    except xlsx.SheetError as exc:
        return _detail(request, lst, import_form=form, import_errors=exc.errors)
    except Conflict as exc:
        messages.error(request, str(exc))
        return redirect("outreach:list_detail", pk=pk)
    messages.success(request, _("%(count)d items imported.") % {"count": count})
    return redirect("outreach:list_detail", pk=pk)


@login_required
@require_POST
def item_add(request: AuthedRequest, pk: int) -> HttpResponse:
    lst = list_get_for(actor=request.user, pk=pk)
    form = ItemForm(request.POST)
    if not form.is_valid():
        return _detail(request, lst, item_form=form)
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        services.item_add(actor=request.user, lst=lst, expected_version=form.cleaned_data["version"],
                          ip=client_ip(request), **data)
    except ValidationError as exc:
        errors_onto(form, exc)
        return _detail(request, lst, item_form=form)
    except Conflict as exc:
        messages.error(request, str(exc))
    return redirect("outreach:list_detail", pk=pk)


@login_required
def item_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Edit one item of a draft or returned list in place (GET shows the form, POST saves)."""
    item = item_get_for(actor=request.user, pk=pk)
    lst = item.responsibility_list
    if not (lst.editable and may_edit_list(request.user, lst)):
        raise PermissionDenied
    if request.method != "POST":
        form = ItemForm(instance=item, initial={"version": lst.version})
        return render(request, "outreach/item_edit.html", {"item": item, "lst": lst, "form": form})
    form = ItemForm(request.POST)
    status, conflict = 400, False
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.item_update(actor=request.user, item=item,
                                 expected_version=form.cleaned_data["version"],
                                 ip=client_ip(request), **data)
        except ValidationError as exc:
            errors_onto(form, exc)
        except Conflict as exc:
            form.add_error(None, str(exc))
            status, conflict = 409, True
        else:
            messages.success(request, _("Item %(no)d saved.") % {"no": item.position})
            return redirect("outreach:list_detail", pk=lst.pk)
    return render(request, "outreach/item_edit.html",
                  {"item": item, "lst": lst, "form": form, "conflict": conflict}, status=status)


@login_required
@require_POST
def item_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    item = item_get_for(actor=request.user, pk=pk)
    try:
        services.item_delete(actor=request.user, item=item, ip=client_ip(request))
    except Conflict as exc:
        messages.error(request, str(exc))
    return redirect("outreach:list_detail", pk=item.responsibility_list_id)


@login_required
@require_POST
def list_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    lst = list_get_for(actor=request.user, pk=pk)
    action = LIST_ACTIONS.get("submit")
    assert action is not None
    form = action.bind(actor=request.user, target=lst, data=request.POST)
    try:
        perform(action, actor=request.user, target=lst, form=form, ip=client_ip(request))
    except (ValidationError, Conflict) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return _detail(request, lst, status=409 if isinstance(exc, Conflict) else 422)
    messages.success(request, action.done)
    return redirect("outreach:list_detail", pk=pk)


@login_required
@require_POST
def list_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    """Approve or return (the button pressed names the action of the registry)."""
    lst = list_get_for(actor=request.user, pk=pk)
    action = LIST_ACTIONS.get(request.POST.get("decision", ""))
    if action is None or action.name == "submit":
        return HttpResponse(status=404)
    form = action.bind(actor=request.user, target=lst, data=request.POST)
    try:
        perform(action, actor=request.user, target=lst, form=form, ip=client_ip(request))
    except ValidationError as exc:
        if form.is_valid():
            errors_onto(form, exc)
        return _detail(request, lst, decision_form=form)
    except Conflict as exc:
        conflict_onto(form, exc, reverse("outreach:list_detail", args=[pk]))
        if lst.status != ResponsibilityList.Status.SUBMITTED:  # no review form is shown
            messages.error(request, exc.message)
        return _detail(request, lst, status=409, decision_form=form)
    messages.success(request, action.done)
    return redirect("outreach:list_detail", pk=pk)


@login_required
@require_POST
def note_add(request: AuthedRequest, pk: int) -> HttpResponse:
    lst = list_get_for(actor=request.user, pk=pk)
    form = NoteForm(request.POST, lst=lst)
    if not form.is_valid():
        return _detail(request, lst, note_form=form)
    item = form.cleaned_data["item"]
    services.note_add(actor=request.user, lst=lst, text=form.cleaned_data["text"],
                      item_id=item.pk if item else None, ip=client_ip(request))
    messages.success(request, _("Supervision note added."))
    return redirect("outreach:list_detail", pk=pk)
