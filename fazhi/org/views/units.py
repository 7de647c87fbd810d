"""Regions and units: lists, detail pages, create and edit forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.conflicts import StaleVersion
from fazhi.core.formerrors import conflict_onto, errors_onto
from fazhi.core.http import client_ip
from fazhi.core.queryparams import query_search
from fazhi.core.roles import require_reader
from fazhi.core.textlimits import SEARCH_MAX_LENGTH
from fazhi.org import selectors, services
from fazhi.org.forms import RegionForm, UnitFilterForm, UnitForm
from fazhi.org.models import Region

from .paging import cleaned, page_of


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    require_reader(request.user)
    regions = selectors.region_list_for(actor=request.user, level=request.GET.get("level", ""),
                                        q=query_search(request.GET))
    page, query = page_of(request, regions)
    return render(request, "org/region_list.html", {
        "page": page, "query": query, "levels": Region.Level.choices,
        "q": query_search(request.GET), "q_max": SEARCH_MAX_LENGTH,
        "can_create": selectors.can_edit(actor=request.user, obj=Region()),
    })


@login_required
def region_detail(request: HttpRequest, pk: int) -> HttpResponse:
    region = selectors.region_get_for(actor=request.user, pk=pk)
    return render(request, "org/region_detail.html", {
        "region": region,
        "children": selectors.region_choices(actor=request.user).filter(parent=region),
        "units": selectors.unit_list_for(actor=request.user).filter(region=region)[:200],
        "can_edit": selectors.can_edit(actor=request.user, obj=region),
    })


def _region_data(form: RegionForm) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    return data


@login_required
def region_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    region = selectors.region_get_for(actor=request.user, pk=pk) if pk else None
    if not selectors.can_edit(actor=request.user, obj=region or Region()):
        raise PermissionDenied
    initial = {}
    if region is not None:
        initial = {"name": region.name, "level": region.level, "parent": region.parent_id,
                   "code": region.code, "address": region.address, "version": region.version}
    form = RegionForm(request.POST or None, initial=initial, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if region is None:
                region = services.region_create(actor=request.user, ip=client_ip(request),
                                                **_region_data(form))
            else:
                region = services.region_update(
                    actor=request.user, region=region, ip=client_ip(request),
                    expected_version=form.cleaned_data["version"] or 0, **_region_data(form))
        except StaleVersion:
            conflict_onto(form, None, request.path)
        except ValidationError as exc:
            errors_onto(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("org:region_detail", region.pk)
    return render(request, "org/form.html", {
        "form": form, "obj": region,
        "heading": _("Edit region") if region else _("New region"),
        "back": reverse("org:region_detail", args=[region.pk]) if region else reverse("org:regions"),
    })


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    require_reader(request.user)
    form = UnitFilterForm(request.GET or None, actor=request.user)
    units = selectors.unit_list_for(actor=request.user, **cleaned(form))
    page, query = page_of(request, units)
    return render(request, "org/unit_list.html", {
        "page": page, "query": query, "filter_form": form,
        "can_create": request.user.can_write,  # type: ignore[union-attr]
    })


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get_for(actor=request.user, pk=pk)
    return render(request, "org/unit_detail.html", {
        "unit": unit,
        "people": selectors.person_list_for(actor=request.user, unit=unit.pk)[:200],
        "agreements": selectors.agreement_list_for(actor=request.user, unit=unit.pk)[:50],
        "can_edit": selectors.can_edit(actor=request.user, obj=unit),
    })


_UNIT_FIELDS = ("name", "kind", "region", "address", "contact_name", "contact_phone",
                "is_member_unit", "active")


@login_required
def unit_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    unit = selectors.unit_get_for(actor=request.user, pk=pk) if pk else None
    if not request.user.can_write or (  # type: ignore[union-attr]
            unit is not None and not selectors.can_edit(actor=request.user, obj=unit)):
        raise PermissionDenied
    initial: dict = {"active": True}
    if unit is not None:
        initial = {f: getattr(unit, f) for f in _UNIT_FIELDS}
        initial["version"] = unit.version
    form = UnitForm(request.POST or None, initial=initial, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in _UNIT_FIELDS}
        try:
            if unit is None:
                unit = services.unit_create(actor=request.user, ip=client_ip(request), **data)
            else:
                unit = services.unit_update(
                    actor=request.user, unit=unit, ip=client_ip(request),
                    expected_version=form.cleaned_data["version"] or 0, **data)
        except StaleVersion:
            conflict_onto(form, None, request.path)
        except ValidationError as exc:
            errors_onto(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("org:unit_detail", unit.pk)
    return render(request, "org/form.html", {
        "form": form, "obj": unit,
        "heading": _("Edit unit") if unit else _("New unit"),
        "back": reverse("org:unit_detail", args=[unit.pk]) if unit else reverse("org:units"),
    })
