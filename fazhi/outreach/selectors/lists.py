"""Scoped reads of responsibility lists and key dates."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from fazhi.org.models import Unit

from ..access import is_reviewer, list_scope, require_reader
from ..models import KeyDate, ListItem, ResponsibilityList


def list_list_for(*, actor: Any, year: int | None = None, status: str = "",
                  unit_id: int | None = None) -> QuerySet[ResponsibilityList]:
    lists = (ResponsibilityList.objects.filter(list_scope(actor)).select_related("unit")
             .annotate(item_count=Count("items")).order_by("-year", "unit__name", "pk"))
    if year:
        lists = lists.filter(year=year)
    if status:
        lists = lists.filter(status=status)
    if unit_id:
        lists = lists.filter(unit_id=unit_id)
    return lists


def list_get_for(*, actor: Any, pk: int) -> ResponsibilityList:
    return get_object_or_404(
        ResponsibilityList.objects.filter(list_scope(actor)).select_related("unit", "decided_by"),
        pk=pk)


def item_get_for(*, actor: Any, pk: int) -> ListItem:
    return get_object_or_404(
        ListItem.objects.filter(responsibility_list__in=ResponsibilityList.objects.filter(
            list_scope(actor))).select_related("responsibility_list__unit"), pk=pk)


def units_for_lists(*, actor: Any) -> QuerySet[Unit]:
    """Units the actor may open a list for: all active units for the sub-district, else their own."""
    require_reader(actor)
    units = Unit.objects.filter(active=True).order_by("name")
    if is_reviewer(actor):
        return units
    return units.filter(pk=actor.unit_id) if actor.unit_id else units.none()


def items_open_for(*, actor: Any, year: int) -> QuerySet[ListItem]:
    """Items an activity of ``year`` may fulfil: those of approved lists the actor can read."""
    return (ListItem.objects.filter(responsibility_list__in=ResponsibilityList.objects.filter(
        list_scope(actor)), responsibility_list__year=year,
        responsibility_list__status=ResponsibilityList.Status.APPROVED)
        .select_related("responsibility_list__unit").order_by("responsibility_list__unit__name",
                                                              "position"))


def key_dates() -> QuerySet[KeyDate]:
    return KeyDate.objects.filter(active=True).order_by("month", "day")

