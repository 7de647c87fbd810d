"""The inputs of the case actions (the registry in casework.py): what each action's form asks,
rendered on the case page and read by the API (core.formschemas). Validation rules live in the
models and the services; these forms shape input and scope their row choices."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import dateranges
from fazhi.core.textlimits import text_limit

from ..forms import DATE, DATETIME, ActionForm, VersionForm, _field
from ..models import (
    AgencyMode,
    AgentTask,
    Agreement,
    Attachment,
    Authorisation,
    Case,
    Event,
    ExtensionRequest,
    FollowUp,
    Handover,
    JudicialConfirmation,
    MediationSession,
    Outcome,
    Party,
    Wish,
)


class NoteForm(VersionForm):
    note = forms.CharField(label=_("note"), required=False, max_length=text_limit(Event, "text"),
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(VersionForm):
    reason = forms.CharField(label=_("reason"), max_length=text_limit(Event, "text"),
                             widget=forms.Textarea(attrs={"rows": 2}))


class HandlerField(forms.ModelChoiceField):
    """Each person with their role and community, so the right one is picked at a glance."""

    def label_from_instance(self, obj: Any) -> str:
        where = obj.community.name if obj.community_id else _("sub-district")
        return f"{obj} · {obj.get_role_display()} · {where}"


class UnitField(forms.ModelChoiceField):
    """Units grouped by kind (an optgroup each); the page's filter box searches them."""

    widget = forms.Select(attrs={"data-searchable": ""})

    def group(self) -> None:
        from fazhi.org.models import Unit

        groups: dict[str, list[tuple[int, str]]] = {}
        units: Any = self.queryset
        for unit in units.order_by("kind", "name"):
            groups.setdefault(str(Unit.Kind(unit.kind).label), []).append((unit.pk, unit.name))
        self.choices = [("", "---------"), *groups.items()]


def handlers_for(case: Any) -> Any:
    from django.contrib.auth import get_user_model

    from ..access import handlers_q

    return (get_user_model().objects.filter(handlers_q(case)).select_related("community")
            .order_by("role", "display_name", "username"))


class AssignForm(VersionForm):
    handler = HandlerField(label=_("handler"), queryset=None, required=False,
                           help_text=_("Only those who may take this case are listed."))
    unit = UnitField(label=_("handling unit"), queryset=None, required=False)
    reason = forms.CharField(label=_("reason"), required=False, max_length=text_limit(Event, "text"),
                             widget=forms.Textarea(attrs={"rows": 2}))

    def setup(self) -> None:
        from fazhi.org.models import Unit

        _field(self, "handler").queryset = handlers_for(self.case)
        _field(self, "unit").queryset = Unit.objects.filter(active=True)
        _field(self, "unit").group()


class ReferForm(VersionForm):
    unit = UnitField(label=_("refer to"), queryset=None)
    reason = forms.CharField(label=_("reason"), max_length=text_limit(Event, "text"),
                             widget=forms.Textarea(attrs={"rows": 2}))

    def setup(self) -> None:
        from fazhi.org.models import Unit

        from ..services.routing import REFERRAL_KINDS

        _field(self, "unit").queryset = Unit.objects.filter(active=True, kind__in=REFERRAL_KINDS)
        _field(self, "unit").group()


class ExtensionRequestForm(ActionForm):
    days = forms.IntegerField(label=_("extend by (days)"), min_value=1, max_value=90)
    reason = forms.CharField(label=_("reason (the resident is told)"),
                             max_length=text_limit(ExtensionRequest, "reason"),
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
    # A bound of its own, so an absurd count is named beside its box even when another
    # field is refused too (the model's column would only refuse it in the service).
    prevented_persons = forms.IntegerField(label=_("persons kept from crime"), min_value=0,
                                           max_value=10_000, initial=0, required=False)

    def clean_prevented_persons(self) -> int:
        return self.cleaned_data.get("prevented_persons") or 0


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


def _case_numbered(form: ActionForm, field: str) -> Any:
    """The case a typed number names, among those the actor may read: a number out of scope
    gets the answer a number that does not exist gets."""
    from ..selectors import case_by_number_for

    other = case_by_number_for(actor=form.actor, number=form.cleaned_data[field])
    if other is None:
        raise forms.ValidationError(_("No case has this number."))
    return other


class MergeForm(VersionForm):
    into_number = forms.CharField(label=_("other case number"), max_length=24)
    reason = forms.CharField(label=_("reason"), required=False, max_length=text_limit(Event, "text"),
                             widget=forms.Textarea(attrs={"rows": 2}))

    def clean_into_number(self) -> Any:
        return _case_numbered(self, "into_number")


class LinkForm(ActionForm):
    number = forms.CharField(label=_("other case number"), max_length=24)

    def clean_number(self) -> Any:
        return _case_numbered(self, "number")


class CommentForm(ActionForm):
    text = forms.CharField(label=_("text"), max_length=text_limit(Event, "text"),
                           widget=forms.Textarea(attrs={"rows": 3}))
    public = forms.BooleanField(label=_("visible to the resident"), required=False)


class SessionForm(ActionForm):
    held_at = dateranges.DateTimeField(label=_("held at"), widget=DATETIME)
    place = forms.CharField(label=_("place"), max_length=text_limit(MediationSession, "place"))
    mediators = forms.CharField(label=_("mediators"), max_length=text_limit(MediationSession, "mediators"))
    attendees = forms.CharField(label=_("attendees"), max_length=text_limit(MediationSession, "attendees"))
    record = forms.CharField(label=_("record"), max_length=text_limit(MediationSession, "record"),
                             widget=forms.Textarea(attrs={"rows": 3}))


class AgreementForm(ActionForm):
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


class ConfirmationForm(ActionForm):
    applied_on = dateranges.DateField(label=_("applied on"), widget=DATE)
    court = forms.CharField(label=_("court"), max_length=text_limit(JudicialConfirmation, "court"))
    decision = forms.ChoiceField(label=_("decision"), required=False,
                                 choices=[("", _("Pending")), ("confirmed", _("Confirmed valid")),
                                          ("rejected", _("Rejected"))])
    decided_on = dateranges.DateField(label=_("decided on"), required=False, widget=DATE)


class AuthorisationForm(ActionForm):
    party: forms.ModelChoiceField = forms.ModelChoiceField(label=_("authorising party"), queryset=None)
    agent_name = forms.CharField(label=_("agent"), max_length=text_limit(Authorisation, "agent_name"))
    relation = forms.CharField(label=_("relation to the party"), required=False,
                               max_length=text_limit(Authorisation, "relation"))
    scope = forms.CharField(label=_("scope of authority"), max_length=text_limit(Authorisation, "scope"),
                            widget=forms.Textarea(attrs={"rows": 2}))
    valid_from = dateranges.DateField(label=_("valid from"), widget=DATE)
    valid_until = dateranges.DateField(label=_("valid until"), widget=DATE)
    document = forms.FileField(label=_("scanned authorisation"), required=False)

    def setup(self) -> None:
        _field(self, "party").queryset = Party.objects.filter(case=self.case)


class ModeForm(ActionForm):
    mode = forms.ChoiceField(label=_("mode"), choices=AgencyMode.Mode.choices)
    agent = HandlerField(label=_("agent"), queryset=None)
    authorisation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("authorisation"), queryset=None, required=False,
        help_text=_("For 诉求代理: choose a recorded authorisation, or record it below."))
    party: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("authorising party"), queryset=None, required=False)
    scope = forms.CharField(label=_("scope of authority"), required=False,
                            max_length=text_limit(Authorisation, "scope"),
                            widget=forms.Textarea(attrs={"rows": 2}))
    relation = forms.CharField(label=_("relation to the party"), required=False,
                               max_length=text_limit(Authorisation, "relation"))
    valid_from = dateranges.DateField(label=_("valid from"), required=False, widget=DATE)
    valid_until = dateranges.DateField(label=_("valid until"), required=False, widget=DATE)
    document = forms.FileField(label=_("scanned authorisation"), required=False)

    AUTHORISATION = ("party", "scope", "relation", "valid_from", "valid_until", "document")

    def setup(self) -> None:
        import datetime as dt

        from django.utils import timezone

        from ..models import Authorisation

        _field(self, "agent").queryset = handlers_for(self.case)
        _field(self, "authorisation").queryset = Authorisation.objects.filter(case=self.case)
        parties = Party.objects.filter(case=self.case)
        _field(self, "party").queryset = parties
        today = timezone.localdate()
        self.initial.setdefault("agent", getattr(self.actor, "pk", None))
        self.initial.setdefault("party", next(
            (p.pk for p in parties if p.role == Party.Role.APPLICANT), None))
        self.initial.setdefault("valid_from", today)
        self.initial.setdefault("valid_until", today + dt.timedelta(days=365))


class TaskForm(ActionForm):
    mode: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def setup(self) -> None:
        from ..models import AgencyMode

        _field(self, "mode").queryset = AgencyMode.objects.filter(case=self.case)

    title = forms.CharField(label=_("task"), max_length=text_limit(AgentTask, "title"))
    due_on = dateranges.DateField(label=_("due on"), widget=DATE)


class ResultForm(ActionForm):
    task: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def setup(self) -> None:
        from ..models import AgentTask

        _field(self, "task").queryset = AgentTask.objects.filter(mode__case=self.case)

    result = forms.CharField(label=_("result"), max_length=text_limit(AgentTask, "result"),
                             widget=forms.Textarea(attrs={"rows": 2}))
    public = forms.BooleanField(label=_("visible to the resident"), required=False,
                                initial=True)


class WishForm(ActionForm):
    mode: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def setup(self) -> None:
        from ..models import AgencyMode

        _field(self, "mode").queryset = AgencyMode.objects.filter(case=self.case)

    words = forms.CharField(label=_("the residents' own words"), max_length=text_limit(Wish, "words"),
                            widget=forms.Textarea(attrs={"rows": 2}))
    speakers = forms.CharField(label=_("who said it"), required=False,
                               max_length=text_limit(Wish, "speakers"))


class ResponseForm(ActionForm):
    wish: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def setup(self) -> None:
        from ..models import Wish

        _field(self, "wish").queryset = Wish.objects.filter(mode__case=self.case)

    response = forms.CharField(label=_("response"), max_length=text_limit(Wish, "response"),
                               widget=forms.Textarea(attrs={"rows": 2}))


class HandoverForm(ActionForm):
    mode: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def setup(self) -> None:
        from ..models import AgencyMode

        _field(self, "mode").queryset = AgencyMode.objects.filter(case=self.case)

    item = forms.CharField(label=_("what was handed back"), max_length=text_limit(Handover, "item"))
    received_by = forms.CharField(label=_("received by"), max_length=text_limit(Handover, "received_by"))
    at = dateranges.DateTimeField(label=_("handed over"), widget=DATETIME)


class AttachmentForm(ActionForm):
    file = forms.FileField(label=_("file"))
    doc_type = forms.CharField(label=_("document type"), required=False,
                               max_length=text_limit(Attachment, "doc_type"))
