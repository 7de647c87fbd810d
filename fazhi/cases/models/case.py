"""The case itself, its parties, agents and timeline."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.dateranges import PlausibleDates

from .reference import Category, Kind


class State(models.TextChoices):
    """Where the case is. How it ended is the separate ``Outcome``."""

    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted, awaiting assignment")
    ESCALATED = "escalated", _("Escalated to the sub-district")
    IN_PROGRESS = "in_progress", _("In progress")
    REFERRED = "referred", _("Referred to another body")
    PAUSED = "paused", _("Paused, waiting on a party")
    CONCLUDED = "concluded", _("Concluded, awaiting follow-up")
    CLOSED = "closed", _("Closed")
    MERGED = "merged", _("Merged into another case")


OPEN_STATES = (State.RECEIVED, State.ACCEPTED, State.ESCALATED, State.IN_PROGRESS,
               State.REFERRED, State.PAUSED)


class Outcome(models.TextChoices):
    NONE = "", _("Not concluded")
    AGREEMENT_WRITTEN = "agreement_written", _("Mediated: written agreement")
    AGREEMENT_ORAL = "agreement_oral", _("Mediated: oral agreement")
    MEDIATION_TERMINATED = "mediation_terminated", _("Mediation terminated")
    RESOLVED = "resolved", _("Resolved")
    ANSWERED = "answered", _("Answered in writing")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    DIVERTED = "diverted", _("Diverted to litigation, arbitration or review")
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")


MEDIATED_OUTCOMES = (Outcome.AGREEMENT_WRITTEN, Outcome.AGREEMENT_ORAL)


class Channel(models.TextChoices):
    STATION = "station", _("Walk-in at the legal service station")
    WORKROOM = "workroom", _("Walk-in at a community workroom")
    PHONE = "phone", _("Phone")
    HOTLINE = "hotline", _("12345 hotline transfer")
    LETTER_VISIT = "letter_visit", _("Letters and visits")
    GRID = "grid", _("Grid discovery")
    POLICE = "police", _("Referral by police")
    COURT = "court", _("Referral by court")
    ONLINE = "online", _("Online by the resident")


class Source(models.TextChoices):
    APPLICATION = "application", _("Party application")
    INITIATIVE = "initiative", _("Committee initiative")
    POLICE = "police", _("Transferred by police")
    COURT = "court", _("Entrusted by a court")
    GOVERNMENT = "government", _("Assigned by a government department")


class Risk(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    MAJOR = "major", _("Major")


class RiskReason(models.TextChoices):
    GROUP = "group", _("Group matter (5 or more people)")
    VIOLENCE = "violence", _("Threat of violence or risk of turning criminal")
    REPEATED = "repeated", _("Repeated petition")
    VULNERABLE = "vulnerable", _("Vulnerable party")


# The work queue's filters (cases.selectors.cases.FILTERS), each leading an index of its own.
_FILTER_COLUMNS = ("kind", "state", "risk", "category", "channel", "community")


class Case(PlausibleDates, models.Model):
    # Counts a person can type or upload, checked by the services and offered to the form
    # and the API from here (docs/security.md). A group matter lists its
    # representatives, not every member (group_size counts them).
    MAX_PARTIES = 20
    MAX_ATTACHMENTS = 50

    number = models.CharField(_("number"), max_length=24, unique=True, editable=False)
    tracking_code = models.CharField(_("tracking code"), max_length=12, unique=True,
                                     editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)  # cases_kind_filters
    backlog = models.BooleanField(_("backlog petition"), default=False)
    channel = models.CharField(_("channel"), max_length=14, choices=Channel.choices)
    hotline_number = models.CharField(_("hotline work-order number"), max_length=40,
                                      blank=True)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices,
                              default=Source.APPLICATION)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="cases", db_index=False)  # cases_category_filters
    # Indexed by cases_comm_state (community, state, received_at); a single-column index
    # beside it lured SQLite into reading every case of a community for an open-case queue.
    community = models.ForeignKey(
        "org.Region", verbose_name=_("community"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="cases", db_index=False)
    address = models.CharField(_("address"), max_length=200, blank=True, db_index=True)
    title = models.CharField(_("subject"), max_length=120)
    description = models.TextField(_("description"), validators=[MaxLengthValidator(5000)])
    amount = models.DecimalField(_("amount in dispute (yuan)"), max_digits=14, decimal_places=2,
                                 null=True, blank=True)
    risk = models.CharField(_("risk level"), max_length=8, choices=Risk.choices,
                            default=Risk.LOW)
    risk_reasons = models.JSONField(_("risk reasons"), default=list, blank=True)
    group_size = models.PositiveIntegerField(_("people involved"), default=1)
    state = models.CharField(_("state"), max_length=12, choices=State.choices,
                             default=State.RECEIVED)
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices,
                               blank=True, default="")
    outcome_route = models.CharField(_("route offered"), max_length=120, blank=True)
    summary = models.TextField(_("closing summary"), blank=True, validators=[MaxLengthValidator(5000)])
    agreement_amount = models.DecimalField(_("amount covered by the agreement"), max_digits=14,
                                           decimal_places=2, null=True, blank=True)
    prevented_criminal = models.BooleanField(_("kept from turning criminal"), default=False)
    prevented_persons = models.PositiveIntegerField(_("persons kept from crime"), default=0)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handler"), null=True,
                                blank=True, on_delete=models.PROTECT, related_name="cases")
    assignee_unit = models.ForeignKey("org.Unit", verbose_name=_("handling unit"), null=True,
                                      blank=True, on_delete=models.PROTECT,
                                      related_name="cases")
    referred_to = models.ForeignKey("org.Unit", verbose_name=_("referred to"), null=True,
                                    blank=True, on_delete=models.PROTECT,
                                    related_name="referred_cases")
    referral_acknowledged_at = models.DateTimeField(_("referral acknowledged"), null=True,
                                                    blank=True)
    supervised = models.BooleanField(_("under supervision (督办)"), default=False)
    follow_up_required = models.BooleanField(_("follow-up required before closing"),
                                             default=True)
    satisfaction = models.CharField(_("satisfaction"), max_length=12, blank=True)
    received_at = models.DateTimeField(_("received"), db_index=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    concluded_at = models.DateTimeField(_("concluded"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True, db_index=True)
    merged_into = models.ForeignKey("self", verbose_name=_("merged into"), null=True,
                                    blank=True, on_delete=models.PROTECT,
                                    related_name="merged_cases")
    idempotency_key = models.CharField(max_length=80, null=True, blank=True, unique=True,
                                       editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_at", "-id"]
        indexes = [
            # Covers the queue tabs' counts over open cases (no row lookups).
            models.Index(fields=["state", "due_at", "handler", "community", "assignee_unit",
                                 "referred_to"], name="cases_state_due_cover"),
            # A community's cases by state; the trailing filter columns let a filtered count
            # ("more than 200") read only this index, never the rows.
            models.Index(fields=["community", "state", "received_at", "kind", "risk",
                                 "category", "channel"], name="cases_comm_state_filters"),
            # "Mine" and "unassigned" (no handler, unit or referral) counted from the index,
            # a community worker's scope included.
            models.Index(fields=["handler", "state", "assignee_unit", "referred_to",
                                 "community"], name="cases_handler_state_cover"),
            # One per filter of the work queue: its value, then receipt order (the queue's),
            # then every other filter, so that whichever one SQLite (which keeps no statistics
            # here) picks to drive a query, it walks cases newest first and tests the other
            # filters in the index, reading only the rows it shows (docs/measurements.md).
            *(models.Index(fields=[column, "received_at",
                                   *(c for c in _FILTER_COLUMNS if c != column)],
                           name=f"cases_{column}_filters") for column in _FILTER_COLUMNS),
            # The statistics of a period's concluded cases (counts, sums, by month, the cases
            # of the on-time rate) read from this index alone, never a year's rows
            # (docs/reports.md, "Benchmark").
            models.Index(fields=["concluded_at", "outcome", "kind", "community",
                                 "prevented_criminal", "backlog", "agreement_amount",
                                 "prevented_persons"], name="cases_concluded_cover"),
            # The same for a period's received cases (per community, per category, channel and
            # source, the responded share): the dashboard's received figures from the index.
            models.Index(fields=["received_at", "community", "category", "channel", "source",
                                 "first_response_at"], name="cases_received_cover"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="") | Q(state__in=["concluded", "closed", "merged"]),
                name="cases_outcome_only_when_concluded"),
            models.CheckConstraint(condition=Q(kind="petition") | Q(backlog=False),
                                   name="cases_backlog_only_petitions"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def clean(self) -> None:
        from django.core.exceptions import ValidationError
        from django.utils import timezone

        errors = {}
        if self.received_at and self.received_at > timezone.now() + dt.timedelta(minutes=5):
            errors["received_at"] = _("The time of receipt cannot be in the future.")
        if self.channel == Channel.HOTLINE and not self.hotline_number.strip():
            errors["hotline_number"] = _("Enter the 12345 work-order number of a hotline case.")
        if self.backlog and self.kind != Kind.PETITION:
            errors["backlog"] = _("Only a petition can be a backlog petition.")
        if self.amount is not None and self.amount < 0:
            errors["amount"] = _("The amount cannot be negative.")
        if errors:
            raise ValidationError(errors)


class CaseLink(models.Model):
    """Two cases about the same matter, kept apart (merging is the stronger step)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links")
    other = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "other"], name="cases_link_unique"),
            models.CheckConstraint(condition=~Q(case=models.F("other")),
                                   name="cases_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} ~ {self.other_id}"


class Party(models.Model):
    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    class Role(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        RESPONDENT = "respondent", _("Respondent")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    name = models.CharField(_("full name"), max_length=80, db_index=True)  # exact look-up
    is_organisation = models.BooleanField(_("organisation"), default=False)
    id_enc = models.TextField(blank=True, editable=False)
    id_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    id_masked = models.CharField(_("ID number"), max_length=18, blank=True, editable=False)
    mobile_enc = models.TextField(blank=True, editable=False)
    mobile_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    mobile_masked = models.CharField(_("mobile"), max_length=11, blank=True, editable=False)
    mobile_last4 = models.CharField(max_length=4, blank=True, editable=False)
    address = models.CharField(_("address"), max_length=200, blank=True)
    vulnerable = models.BooleanField(_("vulnerable (elderly, disabled, minor...)"),
                                     default=False)
    # What the Ministry of Justice's model agreement (人民调解协议书) states of a person. The
    # birth date is stored as the ID number is (encrypted, and masked for lists): it is the
    # part of the ID number that its masked copy hides.
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(_("ethnic group"), max_length=20, blank=True)
    birth_enc = models.TextField(blank=True, editable=False)
    birth_masked = models.CharField(_("date of birth"), max_length=10, blank=True,
                                    editable=False)
    occupation = models.CharField(_("occupation"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("case parties")
        ordering = ["role", "id"]

    def __str__(self) -> str:
        return self.name


class Authorisation(PlausibleDates, models.Model):
    """A written authorisation (授权委托书) of an agent by a party."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="authorisations")
    party = models.ForeignKey(Party, verbose_name=_("authorising party"),
                              on_delete=models.CASCADE, related_name="authorisations")
    agent_name = models.CharField(_("agent"), max_length=80)
    agent_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("agent account"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    relation = models.CharField(_("relation to the party"), max_length=60, blank=True)
    scope = models.TextField(_("scope of authority"), validators=[MaxLengthValidator(2000)])
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    document = models.FileField(_("scanned authorisation"), upload_to="cases/auth/%Y/",
                                blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        verbose_name = _("authorisation")
        verbose_name_plural = _("authorisations")
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__gte=models.F("valid_from")),
                                   name="cases_auth_valid_order"),
        ]

    def __str__(self) -> str:
        return self.agent_name


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="cases/%Y/%m/")
    name = models.CharField(_("file name"), max_length=160)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    doc_type = models.CharField(_("document type"), max_length=30, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    public = models.BooleanField(_("from the resident"), default=False)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


EVENT_LABELS = {
    "create": _("Registered"), "accept": _("Accepted"), "assign": _("Assigned"),
    "reassign": _("Reassigned"), "refer": _("Referred"),
    "acknowledge": _("Referral acknowledged"), "return": _("Returned"),
    "escalate": _("Escalated"), "supervise": _("Supervision (督办)"),
    "extend": _("Deadline extended"), "pause": _("Clock paused"), "resume": _("Clock resumed"),
    "conclude": _("Concluded"), "follow_up": _("Follow-up (回访)"), "close": _("Closed"),
    "reopen": _("Reopened"), "merge": _("Merged"), "link": _("Linked"), "note": _("Note"),
    "reply": _("Reply to the resident"), "resident": _("From the resident"),
    "agency": _("三代 mode"), "task": _("Agent task"), "handover": _("Handed back"),
    "session": _("Mediation session"), "agreement": _("Agreement"),
    "extension_request": _("Extension requested"), "extension_refused": _("Extension refused"),
}


class Event(PlausibleDates, models.Model):
    """One line of the timeline: a transition, a note, a reply to the resident."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("action"), max_length=24)
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12, blank=True)
    text = models.TextField(_("text"), blank=True, validators=[MaxLengthValidator(5000)])
    public = models.BooleanField(_("visible to the resident"), default=False)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"

    @property
    def action_label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))

    @property
    def to_state_label(self) -> str:
        return str(State(self.to_state).label) if self.to_state in State.values else self.to_state
