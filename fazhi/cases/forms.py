"""HTML input shapes. Validation rules live in core.identity, the models and the services."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import dateranges
from fazhi.core.identity import validate_id_number, validate_mobile
from fazhi.core.models import CalendarOverride, CalendarYear
from fazhi.core.roles import WRITER_ROLES
from fazhi.core.textlimits import SEARCH_MAX_LENGTH, text_limit

from .models import (
    AgencyMode,
    AgentTask,
    Agreement,
    Attachment,
    Authorisation,
    Case,
    Category,
    Channel,
    Event,
    ExtensionRequest,
    FollowUp,
    Handover,
    JudicialConfirmation,
    Kind,
    MediationSession,
    Outcome,
    Party,
    Risk,
    RiskReason,
    Source,
    State,
    Wish,
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
    id_number = forms.CharField(label=_("ID number"), required=False, max_length=20,
                                validators=[validate_id_number])
    mobile = forms.CharField(label=_("mobile"), required=False, max_length=20,
                             validators=[validate_mobile])
    address = forms.CharField(label=_("address"), required=False, max_length=text_limit(Party, "address"))
    vulnerable = forms.BooleanField(label=_("vulnerable (elderly, disabled, minor...)"),
                                    required=False)

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


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(VersionForm):
    note = forms.CharField(label=_("note"), required=False, max_length=text_limit(Event, "text"),
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(VersionForm):
    reason = forms.CharField(label=_("reason"), max_length=text_limit(Event, "text"),
                             widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(VersionForm):
    handler: forms.ModelChoiceField = forms.ModelChoiceField(label=_("handler"), queryset=None, required=False)
    unit: forms.ModelChoiceField = forms.ModelChoiceField(label=_("handling unit"), queryset=None, required=False)
    reason = forms.CharField(label=_("reason"), required=False, max_length=text_limit(Event, "text"),
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        from fazhi.org.models import Unit

        _field(self, "handler").queryset = (get_user_model().objects
                                           .filter(role__in=WRITER_ROLES, is_active=True)
                                           .order_by("display_name", "username"))
        _field(self, "unit").queryset = Unit.objects.filter(active=True)


class ReferForm(VersionForm):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(label=_("refer to"), queryset=None)
    reason = forms.CharField(label=_("reason"), max_length=text_limit(Event, "text"),
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from fazhi.org.models import Unit

        from .services.routing import REFERRAL_KINDS

        _field(self, "unit").queryset = Unit.objects.filter(active=True, kind__in=REFERRAL_KINDS)


class ExtensionRequestForm(forms.Form):
    days = forms.IntegerField(label=_("extend by (days)"), min_value=1, max_value=90)
    reason = forms.CharField(label=_("reason (the resident is told)"),
                             max_length=text_limit(ExtensionRequest, "reason"),
                             widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionDecisionForm(VersionForm):
    note = forms.CharField(label=_("decision note"), required=False,
                           max_length=text_limit(ExtensionRequest, "decision_note"),
                           widget=forms.Textarea(attrs={"rows": 2}))


class ConcludeForm(VersionForm):
    outcome = forms.ChoiceField(label=_("outcome"), choices=[c for c in Outcome.choices if c[0]])
    summary = forms.CharField(label=_("closing summary"), max_length=text_limit(Case, "summary"),
                              widget=forms.Textarea(attrs={"rows": 3}))
    route = forms.CharField(label=_("route offered (when mediation ended without agreement)"),
                            required=False, max_length=text_limit(Case, "outcome_route"))
    public_reply = forms.CharField(label=_("reply to the resident"), required=False,
                                   max_length=text_limit(Event, "text"),
                                   widget=forms.Textarea(attrs={"rows": 2}))
    prevented_criminal = forms.BooleanField(label=_("kept from turning criminal"),
                                            required=False)
    prevented_persons = forms.IntegerField(label=_("persons kept from crime"), min_value=0,
                                           initial=0, required=False)


class FollowUpForm(VersionForm):
    at = dateranges.DateTimeField(label=_("visited on"), widget=DATETIME)
    contact = forms.CharField(label=_("contact record"), max_length=text_limit(FollowUp, "contact"))
    performed = forms.NullBooleanField(label=_("agreement performed"), required=False)
    satisfaction = forms.ChoiceField(label=_("satisfaction"),
                                     choices=FollowUp.Satisfaction.choices)
    note = forms.CharField(label=_("reason or note"), required=False,
                           max_length=text_limit(FollowUp, "note"),
                           widget=forms.Textarea(attrs={"rows": 2}))
    sued = forms.BooleanField(label=_("a party went to court"), required=False)
    risk_signs = forms.CharField(label=_("signs of risk"), required=False,
                                 max_length=text_limit(FollowUp, "risk_signs"))


class CaseNumberForm(VersionForm):
    number = forms.CharField(label=_("other case number"), max_length=24)
    reason = forms.CharField(label=_("reason"), required=False, max_length=text_limit(Event, "text"),
                             widget=forms.Textarea(attrs={"rows": 2}))


class CommentForm(forms.Form):
    text = forms.CharField(label=_("text"), max_length=text_limit(Event, "text"),
                           widget=forms.Textarea(attrs={"rows": 3}))
    public = forms.BooleanField(label=_("visible to the resident"), required=False)


class SessionForm(forms.Form):
    held_at = dateranges.DateTimeField(label=_("held at"), widget=DATETIME)
    place = forms.CharField(label=_("place"), max_length=text_limit(MediationSession, "place"))
    mediators = forms.CharField(label=_("mediators"), max_length=text_limit(MediationSession, "mediators"))
    attendees = forms.CharField(label=_("attendees"), max_length=text_limit(MediationSession, "attendees"))
    record = forms.CharField(label=_("record"), max_length=text_limit(MediationSession, "record"),
                             widget=forms.Textarea(attrs={"rows": 3}))


class AgreementForm(forms.Form):
    form = forms.ChoiceField(label=_("form"), choices=Agreement.Form.choices)
    facts = forms.CharField(label=_("main facts"), max_length=text_limit(Agreement, "facts"),
                            widget=forms.Textarea(attrs={"rows": 3}))
    disputed_points = forms.CharField(label=_("points in dispute"),
                                      max_length=text_limit(Agreement, "disputed_points"),
                                      widget=forms.Textarea(attrs={"rows": 2}))
    responsibilities = forms.CharField(label=_("responsibilities of each party"),
                                       max_length=text_limit(Agreement, "responsibilities"),
                                       widget=forms.Textarea(attrs={"rows": 2}))
    terms = forms.CharField(label=_("agreed terms"), max_length=text_limit(Agreement, "terms"),
                            widget=forms.Textarea(attrs={"rows": 3}))
    performance_manner = forms.CharField(label=_("manner of performance"),
                                         max_length=text_limit(Agreement, "performance_manner"))
    performance_deadline = dateranges.DateField(label=_("performance deadline"), widget=DATE)
    signed_on = dateranges.DateField(label=_("signed on"), widget=DATE)
    mediator_names = forms.CharField(label=_("mediators"), max_length=text_limit(Agreement, "mediator_names"))
    amount = forms.DecimalField(label=_("amount covered"), required=False, min_value=0,
                                max_digits=14, decimal_places=2)


class ConfirmationForm(forms.Form):
    applied_on = dateranges.DateField(label=_("applied on"), widget=DATE)
    court = forms.CharField(label=_("court"), max_length=text_limit(JudicialConfirmation, "court"))
    decision = forms.ChoiceField(label=_("decision"), required=False,
                                 choices=[("", _("Pending")), ("confirmed", _("Confirmed valid")),
                                          ("rejected", _("Rejected"))])
    decided_on = dateranges.DateField(label=_("decided on"), required=False, widget=DATE)


class AuthorisationForm(forms.Form):
    party: forms.ModelChoiceField = forms.ModelChoiceField(label=_("authorising party"), queryset=None)
    agent_name = forms.CharField(label=_("agent"), max_length=text_limit(Authorisation, "agent_name"))
    relation = forms.CharField(label=_("relation to the party"), required=False,
                               max_length=text_limit(Authorisation, "relation"))
    scope = forms.CharField(label=_("scope of authority"), max_length=text_limit(Authorisation, "scope"),
                            widget=forms.Textarea(attrs={"rows": 2}))
    valid_from = dateranges.DateField(label=_("valid from"), widget=DATE)
    valid_until = dateranges.DateField(label=_("valid until"), widget=DATE)
    document = forms.FileField(label=_("scanned authorisation"), required=False)

    def __init__(self, *args: Any, case: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "party").queryset = Party.objects.filter(case=case)


class ModeForm(forms.Form):
    mode = forms.ChoiceField(label=_("mode"), choices=AgencyMode.Mode.choices)
    agent: forms.ModelChoiceField = forms.ModelChoiceField(label=_("agent"), queryset=None)
    authorisation: forms.ModelChoiceField = forms.ModelChoiceField(label=_("authorisation"), queryset=None,
                                           required=False)

    def __init__(self, *args: Any, case: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        from .models import Authorisation

        _field(self, "agent").queryset = get_user_model().objects.filter(
            role__in=WRITER_ROLES, is_active=True)
        _field(self, "authorisation").queryset = Authorisation.objects.filter(case=case)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("task"), max_length=text_limit(AgentTask, "title"))
    due_on = dateranges.DateField(label=_("due on"), widget=DATE)


class ResultForm(forms.Form):
    result = forms.CharField(label=_("result"), max_length=text_limit(AgentTask, "result"),
                             widget=forms.Textarea(attrs={"rows": 2}))
    public = forms.BooleanField(label=_("visible to the resident"), required=False,
                                initial=True)


class WishForm(forms.Form):
    words = forms.CharField(label=_("the residents' own words"), max_length=text_limit(Wish, "words"),
                            widget=forms.Textarea(attrs={"rows": 2}))
    speakers = forms.CharField(label=_("who said it"), required=False,
                               max_length=text_limit(Wish, "speakers"))


class ResponseForm(forms.Form):
    response = forms.CharField(label=_("response"), max_length=text_limit(Wish, "response"),
                               widget=forms.Textarea(attrs={"rows": 2}))


class HandoverForm(forms.Form):
    item = forms.CharField(label=_("what was handed back"), max_length=text_limit(Handover, "item"))
    received_by = forms.CharField(label=_("received by"), max_length=text_limit(Handover, "received_by"))
    at = dateranges.DateTimeField(label=_("handed over"), widget=DATETIME)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("file"))
    doc_type = forms.CharField(label=_("document type"), required=False,
                               max_length=text_limit(Attachment, "doc_type"))


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


class StatsForm(forms.Form):
    since = dateranges.DateField(label=_("from"), widget=forms.DateInput(attrs={"type": "date"}))
    until = dateranges.DateField(label=_("until"), widget=forms.DateInput(attrs={"type": "date"}))
    community = forms.TypedChoiceField(label=_("community"), required=False, coerce=int,
                                       empty_value=None)

    def __init__(self, *args: Any, communities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "community").choices = [("", _("All communities")), *communities]

    def defaults(self) -> dict[str, Any]:
        from django.utils import timezone

        today = timezone.localdate()
        return {"since": today.replace(month=1, day=1), "until": today, "community": None}


class CalendarOverrideForm(forms.Form):
    day = forms.DateField(label=_("date"), widget=DATE)
    is_workday = forms.TypedChoiceField(
        label=_("the date is"), coerce=lambda v: v == "1", widget=forms.RadioSelect,
        choices=[("0", _("a rest day")), ("1", _("a working day"))])
    note = forms.CharField(
        label=_("note"), max_length=text_limit(CalendarOverride, "note"),
        help_text=_("Why, e.g. a local holiday or the State Council's notice of a change."))


class CalendarYearForm(forms.Form):
    note = forms.CharField(
        label=_("note"), max_length=text_limit(CalendarYear, "note"),
        help_text=_("Where the arrangement was published, e.g. the State Council's notice."))
