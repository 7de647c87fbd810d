"""The actions on a responsibility list, declared once (core/actions.py): the list page and
``POST /api/v1/outreach/lists/{id}/<name>`` both carry them out through ``perform``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.actions import Action, ActionForm, Registry, call
from fazhi.core.textlimits import text_limit

from .access import may_edit_list, may_review_list
from .models import ResponsibilityList
from .services import lists as list_services

S = ResponsibilityList.Status


class SubmitForm(ActionForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReviewForm(SubmitForm):
    comment = forms.CharField(label=_("Comment"), required=False,
                              max_length=text_limit(ResponsibilityList, "review_comment"),
                              widget=forms.Textarea(attrs={"rows": 3}))


def _editor(actor: Any, lst: ResponsibilityList) -> bool:
    return may_edit_list(actor, lst)


def _reviewer(actor: Any, lst: ResponsibilityList) -> bool:
    return may_review_list(actor, lst)


def _submitted(lst: ResponsibilityList) -> bool:
    return lst.status == S.SUBMITTED


LIST_ACTIONS = Registry()
LIST_ACTIONS.register(Action(
    "submit", _("Submit to the sub-district"), SubmitForm,
    call(list_services.list_submit, target="lst"),
    _("The list was submitted to the sub-district."), offered=lambda lst: lst.editable,
    may=_editor, primary=True))
LIST_ACTIONS.register(Action(
    "approve", _("Approve"), ReviewForm, call(list_services.list_approve, target="lst"),
    _("The list was approved."), offered=_submitted, may=_reviewer, primary=True))
LIST_ACTIONS.register(Action(
    "return", _("Return with comments"), ReviewForm,
    call(list_services.list_return, target="lst"), _("The list was returned to the unit."),
    offered=_submitted, may=_reviewer))
