"""HTML input shapes. Validation rules live in core.identity, the models and the services."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import dateranges
from fazhi.core.actions import ActionForm as CoreActionForm
from fazhi.core.textlimits import SEARCH_MAX_LENGTH, text_limit

from .models import (
    AgencyMode,
    Case,
    Category,
    Channel,
    ExtensionRequest,
    Kind,
    Party,
    Risk,
    RiskReason,
    Source,
    State,
)

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _field(form: forms.Form, name: str) -> Any:
    """A form field as Any, to set its queryset or choices after construction."""
    return form.fields[name]


class IntakeForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Kind.choices)
    channel = forms.ChoiceField(label=_("channel"), choices=Channel.choices)
    hotline_number = forms.CharField(label=_("hotline work-order number"), required=False,
                                     max_length=text_limit(Case, "hotline_number"))
    source = forms.ChoiceField(label=_("source"), choices=Source.choices)
    category: forms.ModelChoiceField = forms.ModelChoiceField(label=_("category"), queryset=Category.objects.none())
    backlog = forms.BooleanField(label=_("backlog petition"), required=False)
    community = forms.TypedChoiceField(label=_("community"), required=False, coerce=int,
                                       empty_value=None)
    address = forms.CharField(label=_("address"), required=False, max_length=text_limit(Case, "address"))
    title = forms.CharField(label=_("subject"), max_length=text_limit(Case, "title"))
    description = forms.CharField(label=_("description"), max_length=text_limit(Case, "description"),
                                  widget=forms.Textarea(attrs={"rows": 5}))
    amount = forms.DecimalField(label=_("amount in dispute (yuan)"), required=False,
                                min_value=0, max_digits=14, decimal_places=2)
    group_size = forms.IntegerField(label=_("people involved"), min_value=1, initial=1)
    risk = forms.ChoiceField(label=_("risk level"), choices=Risk.choices, initial=Risk.LOW)
    risk_reasons = forms.MultipleChoiceField(label=_("risk reasons"), required=False,
                                             choices=RiskReason.choices,
                                             widget=forms.CheckboxSelectMultiple)
    received_at = dateranges.DateTimeField(label=_("received"), required=False, widget=DATETIME,
                                      help_text=_("Leave empty for now."))
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)  # a uuid4 hex

    def __init__(self, *args: Any, communities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "category").queryset = Category.objects.filter(active=True)
        _field(self, "community").choices = [("", "—"), *communities]
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=_("role"), choices=Party.Role.choices)
    name = forms.CharField(label=_("full name"), max_length=text_limit(Party, "name"))
    # Shaped only: case_create validates both (core.identity) and the page puts its refusal
    # beside the party's field (views/staff.py).
    id_number = forms.CharField(label=_("ID number"), required=False, max_length=20)
    mobile = forms.CharField(label=_("mobile"), required=False, max_length=20)
    address = forms.CharField(label=_("address"), required=False, max_length=text_limit(Party, "address"))
    vulnerable = forms.BooleanField(label=_("vulnerable (elderly, disabled, minor...)"),
                                    required=False)
    gender = forms.ChoiceField(label=_("gender"), required=False,
                               choices=[("", "—"), *Party.Gender.choices],
                               help_text=_("Empty: read from the ID number."))
    ethnicity = forms.CharField(label=_("ethnic group"), required=False,
                                max_length=text_limit(Party, "ethnicity"))
    birth_date = dateranges.DateField(label=_("date of birth"), required=False, widget=DATE,
                                     help_text=_("Empty: read from the ID number."))
    occupation = forms.CharField(label=_("occupation"), required=False,
                                 max_length=text_limit(Party, "occupation"))

    def has_changed(self) -> bool:
        """A row with only its role chosen is an empty row the formset skips."""
        return any(name != "role" for name in self.changed_data)


class BasePartyFormSet(forms.BaseFormSet):
    default_error_messages = {  # the service's message (the formset's max_num is Case's limit)
        "too_many_forms": _("A case has at most %(num)d parties; list the representatives "
                            "of a group."),
    }

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        """Only the first row (an applicant) must be filled; the prefilled respondent row and
        the extra rows are skipped when left empty."""
        return {"empty_permitted": index is not None and index >= 1}


PartyFormSet = forms.formset_factory(PartyForm, formset=BasePartyFormSet, extra=3, min_num=1,
                                     validate_min=True, max_num=Case.MAX_PARTIES,
                                     validate_max=True)


class ActionForm(CoreActionForm):
    """The input of one case action (actions/): the page renders it, the API's body is derived
    from it and binds it; ``self.case`` (the target) and ``self.actor`` scope its choices."""

    @property
    def case(self) -> Any:
        return self.target


class VersionForm(ActionForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ExtensionDecisionForm(VersionForm):
    note = forms.CharField(label=_("decision note"), required=False,
                           max_length=text_limit(ExtensionRequest, "decision_note"),
                           widget=forms.Textarea(attrs={"rows": 2}))


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=SEARCH_MAX_LENGTH)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", "—"), *Kind.choices])
    category: forms.ModelChoiceField = forms.ModelChoiceField(label=_("category"), required=False,
                                      queryset=Category.objects.all())
    community = forms.TypedChoiceField(label=_("community"), required=False, coerce=int,
                                       empty_value=None)
    state = forms.ChoiceField(label=_("state"), required=False,
                              choices=[("", "—"), *State.choices])
    risk = forms.ChoiceField(label=_("risk level"), required=False,
                             choices=[("", "—"), *Risk.choices])
    channel = forms.ChoiceField(label=_("channel"), required=False,
                                choices=[("", "—"), *Channel.choices])
    since = dateranges.DateField(label=_("received from"), required=False, widget=DATE)
    until = dateranges.DateField(label=_("received until"), required=False, widget=DATE)
    # Drill-down from a dashboard figure (docs/reports.md): kept as hidden fields.
    concluded_since = dateranges.DateField(required=False, widget=forms.HiddenInput)
    concluded_until = dateranges.DateField(required=False, widget=forms.HiddenInput)
    mediated = forms.BooleanField(required=False, widget=forms.HiddenInput)
    backlog = forms.BooleanField(required=False, widget=forms.HiddenInput)
    mode = forms.ChoiceField(required=False, widget=forms.HiddenInput,
                             choices=[("", "—"), *AgencyMode.Mode.choices])

    def __init__(self, *args: Any, communities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "community").choices = [("", "—"), *communities]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for flag in ("mediated", "backlog"):  # unticked filters nothing, like a blank field
            if data.get(flag) is False:
                data[flag] = None
        return data

    def filters(self) -> dict[str, Any]:
        """The filters chosen (blank ones left out); none when the form is not valid."""
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class StatsForm(forms.Form):
    since = dateranges.DateField(label=_("from"), widget=dateranges.DateInput())
    until = dateranges.DateField(label=_("until"), widget=dateranges.DateInput())
    community = forms.TypedChoiceField(label=_("community"), required=False, coerce=int,
                                       empty_value=None)

    def __init__(self, *args: Any, communities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "community").choices = [("", _("All communities")), *communities]

    def defaults(self) -> dict[str, Any]:
        from django.utils import timezone

        today = timezone.localdate()
        return {"since": today.replace(month=1, day=1), "until": today, "community": None}
