"""People: list with exact look-up by ID number or mobile, detail with "show full", create and
edit with the duplicate-ID pointer, duty slots, and the masked CSV/XLSX export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core.conflicts import StaleVersion
from fazhi.core.formerrors import conflict_onto, errors_onto
from fazhi.core.http import client_ip
from fazhi.core.roles import require_reader
from fazhi.core.spreadsheets import table_response
from fazhi.org import selectors, services
from fazhi.org.forms import DutySlotForm, PersonFilterForm, PersonForm
from fazhi.org.models import Person

from .paging import cleaned, page_of

# Kinds of people who keep a duty schedule at a workroom.
DUTY_KINDS = {Person.Kind.LAWYER, Person.Kind.MEDIATOR, Person.Kind.RED_VEST,
              Person.Kind.LEGAL_VOLUNTEER}
_FIELDS = ("name", "kind", "community", "unit", "title", "certificate_no", "note", "active")


def _filtered(request: HttpRequest) -> tuple[PersonFilterForm, object]:
    form = PersonFilterForm(request.GET or None, actor=request.user)
    return form, selectors.person_list_for(actor=request.user, **cleaned(form))


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    require_reader(request.user)
    form, people = _filtered(request)
    page, query = page_of(request, people)  # type: ignore[arg-type]
    return render(request, "org/person_list.html", {
        "page": page, "query": query, "filter_form": form,
        "can_create": request.user.can_write,  # type: ignore[union-attr]
    })


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get_for(actor=request.user, pk=pk)
    services.person_viewed(actor=request.user, person=person, ip=client_ip(request))
    can_edit = selectors.can_edit(actor=request.user, obj=person)
    return render(request, "org/person_detail.html", {
        "person": person, "can_edit": can_edit,
        "can_unmask": request.user.can_unmask,  # type: ignore[union-attr]
        "has_duty": person.kind in DUTY_KINDS or person.duty_slots.all(),
        "slot_form": DutySlotForm(actor=request.user, initial={"community": person.community_id})
        if can_edit else None,
    })


def _duplicate_notice(request: HttpRequest, exc: services.DuplicatePerson) -> str:
    visible = selectors.person_list_for(actor=request.user).filter(pk=exc.existing_id).exists()
    if not visible:
        return _("A person with this ID number is already registered in another community; "
                 "ask the sub-district office to link them.")
    return format_html('{} <a href="{}">{}</a>',
                       _("This person already exists: %(name)s —") % {"name": exc.existing_name},
                       reverse("org:person_detail", args=[exc.existing_id]),
                       _("open the record"))


@login_required
def person_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    person = selectors.person_get_for(actor=request.user, pk=pk) if pk else None
    if not request.user.can_write or (  # type: ignore[union-attr]
            person is not None and not selectors.can_edit(actor=request.user, obj=person)):
        raise PermissionDenied
    initial: dict = {"active": True}
    if person is not None:
        initial = {f: getattr(person, f) for f in _FIELDS}
        initial["version"] = person.version
    form = PersonForm(request.POST or None, initial=initial, actor=request.user, person=person)
    duplicate = ""
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in _FIELDS}
        data.update(form.secrets())
        try:
            if person is None:
                person = services.person_create(actor=request.user, ip=client_ip(request), **data)
            else:
                person = services.person_update(
                    actor=request.user, person=person, ip=client_ip(request),
                    expected_version=form.cleaned_data["version"] or 0, **data)
        except StaleVersion:
            conflict_onto(form, None, request.path)
        except services.DuplicatePerson as exc:
            duplicate = _duplicate_notice(request, exc)
            form.add_error("id_number", _("A person with this ID number is already registered."))
        except ValidationError as exc:
            errors_onto(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("org:person_detail", person.pk)
    return render(request, "org/form.html", {
        "form": form, "obj": person, "duplicate": duplicate,
        "heading": _("Edit person") if person else _("New person"),
        "back": reverse("org:person_detail", args=[person.pk]) if person else reverse("org:people"),
    })


@login_required
@require_POST
def person_unmask(request: HttpRequest, pk: int, field: str) -> HttpResponse:
    """htmx: the full value of one field, in place of its masked copy."""
    person = selectors.person_get_for(actor=request.user, pk=pk)
    if field not in services.UNMASKABLE:
        raise Http404
    value = services.person_unmask(actor=request.user, person=person, field=field,
                                   ip=client_ip(request))
    response = render(request, "org/_unmasked.html", {"value": value})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def duty_slot_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get_for(actor=request.user, pk=pk)
    form = DutySlotForm(request.POST, actor=request.user)
    if form.is_valid():
        try:
            services.duty_slot_create(actor=request.user, person=person, ip=client_ip(request),
                                      **form.cleaned_data)
        except ValidationError as exc:
            errors_onto(form, exc)
        else:
            messages.success(request, _("Duty slot added."))
            return redirect("org:person_detail", person.pk)
    return render(request, "org/person_detail.html", {
        "person": person, "can_edit": selectors.can_edit(actor=request.user, obj=person),
        "can_unmask": request.user.can_unmask,  # type: ignore[union-attr]
        "slot_form": form, "has_duty": True,
    }, status=422)


@login_required
@require_POST
def duty_slot_delete(request: HttpRequest, pk: int) -> HttpResponse:
    slot = selectors.duty_slot_get_for(actor=request.user, pk=pk)
    services.duty_slot_delete(actor=request.user, slot=slot, ip=client_ip(request))
    messages.success(request, _("Duty slot removed."))
    return redirect("org:person_detail", slot.person_id)


_EXPORT_HEADER = (gettext_lazy("name"), gettext_lazy("kind"), gettext_lazy("community"),
                  gettext_lazy("unit"), gettext_lazy("post"), gettext_lazy("ID number"),
                  gettext_lazy("mobile"), gettext_lazy("certificate no."),
                  gettext_lazy("active"))


def _export_rows(people: object):
    for p in people.iterator(chunk_size=2000):  # type: ignore[attr-defined]
        yield (p.name, p.get_kind_display(), p.community.name if p.community else "",
               p.unit.name if p.unit else "", p.title, p.id_masked,
               p.mobile_masked, p.certificate_no, _("yes") if p.active else _("no"))


@login_required
def person_export(request: HttpRequest) -> HttpResponse:
    """The filtered people list with masked personal data, as CSV or XLSX; audited."""
    require_reader(request.user)
    _form, people = _filtered(request)
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    services.people_export(actor=request.user, count=people.count(),  # type: ignore[attr-defined]
                                 fmt=fmt, query=request.GET.urlencode(), ip=client_ip(request))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return table_response(fmt, title=str(_("People")), header=_EXPORT_HEADER,
                          rows=_export_rows(people), filename=f"people-{stamp}")
