"""三代 records, deadlines, mediation and follow-up of a case."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.dateranges import PlausibleDates

from .case import Authorisation, Case
from .reference import DeadlineRule


class AgencyMode(models.Model):
    class Mode(models.TextChoices):
        CLAIM = "claim", _("Acting as agent for a claim (诉求代理)")
        WISHES = "wishes", _("Speaking for residents' wishes (意愿代言)")
        AFFAIRS = "affairs", _("Handling affairs on their behalf (事务代办)")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agency_modes")
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices)
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("agent"),
                              on_delete=models.PROTECT, related_name="+")
    authorisation = models.ForeignKey(Authorisation, verbose_name=_("authorisation"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "mode"],
                                               name="cases_mode_once_per_case")]

    def __str__(self) -> str:
        return self.get_mode_display()


class AgentTask(PlausibleDates, models.Model):
    mode = models.ForeignKey(AgencyMode, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=120)
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True, validators=[MaxLengthValidator(2000)])
    public = models.BooleanField(_("visible to the resident"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title


class Wish(models.Model):
    mode = models.ForeignKey(AgencyMode, on_delete=models.CASCADE, related_name="wishes")
    words = models.TextField(_("the residents' own words"), validators=[MaxLengthValidator(2000)])
    speakers = models.CharField(_("who said it"), max_length=120, blank=True)
    response = models.TextField(_("response"), blank=True, validators=[MaxLengthValidator(2000)])
    responded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.words[:40]


class Handover(PlausibleDates, models.Model):
    mode = models.ForeignKey(AgencyMode, on_delete=models.CASCADE, related_name="handovers")
    item = models.CharField(_("what was handed back"), max_length=160)
    received_by = models.CharField(_("received by"), max_length=80)
    at = models.DateTimeField(_("handed over"))

    def __str__(self) -> str:
        return self.item


class Deadline(PlausibleDates, models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        PAUSED = "paused", _("Paused")
        MET = "met", _("Met")
        MISSED = "missed", _("Met late")
        LAPSED = "lapsed", _("No longer needed")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    rule = models.ForeignKey(DeadlineRule, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    due_at = models.DateTimeField(db_index=True)
    pauses = models.JSONField(default=list, blank=True)  # [[start_iso, end_iso|null], ...]
    extensions = models.PositiveSmallIntegerField(default=0)
    extended_amount = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.RUNNING)
    finished_at = models.DateTimeField(null=True, blank=True)
    reminded = models.CharField(max_length=10, blank=True)  # "", "soon", "overdue"
    provisional = models.BooleanField(default=False)  # beyond the official calendar

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "rule"],
                                               name="cases_deadline_once_per_rule")]
        # The on-time rate reads the status of each concluded case's deadlines from the index
        # alone (docs/reports.md, "on time"): about a third of a year's dashboard otherwise.
        indexes = [models.Index(fields=["case", "rule", "status"], name="cases_deadline_outcome")]

    def __str__(self) -> str:
        return f"{self.rule} {self.due_at:%Y-%m-%d %H:%M}"


class MediationSession(PlausibleDates, models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sessions")
    held_at = models.DateTimeField(_("held at"))
    place = models.CharField(_("place"), max_length=120)
    mediators = models.CharField(_("mediators"), max_length=200)
    attendees = models.CharField(_("attendees"), max_length=300)
    record = models.TextField(_("record"), validators=[MaxLengthValidator(5000)])

    class Meta:
        ordering = ["held_at", "id"]

    def __str__(self) -> str:
        return f"{self.held_at:%Y-%m-%d}"


class Agreement(PlausibleDates, models.Model):
    """The mediation agreement (调解协议书), written or oral."""

    class Form(models.TextChoices):
        WRITTEN = "written", _("Written")
        ORAL = "oral", _("Oral")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="agreement")
    number = models.CharField(_("agreement number"), max_length=30)
    form = models.CharField(_("form"), max_length=8, choices=Form.choices)
    facts = models.TextField(_("main facts"), validators=[MaxLengthValidator(5000)])
    disputed_points = models.TextField(_("points in dispute"), validators=[MaxLengthValidator(5000)])
    responsibilities = models.TextField(_("responsibilities of each party"), validators=[MaxLengthValidator(5000)])
    terms = models.TextField(_("agreed terms"), validators=[MaxLengthValidator(5000)])
    performance_manner = models.CharField(_("manner of performance"), max_length=200)
    performance_deadline = models.DateField(_("performance deadline"))
    amount = models.DecimalField(_("amount covered"), max_digits=14, decimal_places=2,
                                 null=True, blank=True)
    signed_on = models.DateField(_("signed on"))
    mediator_names = models.CharField(_("mediators"), max_length=200)

    def __str__(self) -> str:
        return self.number


class JudicialConfirmation(PlausibleDates, models.Model):
    class Decision(models.TextChoices):
        PENDING = "", _("Pending")
        CONFIRMED = "confirmed", _("Confirmed valid")
        REJECTED = "rejected", _("Rejected")

    case = models.OneToOneField(Case, on_delete=models.CASCADE,
                                related_name="judicial_confirmation")
    applied_on = models.DateField(_("applied on"))
    court = models.CharField(_("court"), max_length=120)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices,
                                blank=True, default="")
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    def __str__(self) -> str:
        return self.court


class FollowUp(PlausibleDates, models.Model):
    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        BASIC = "basic", _("Basically satisfied")
        DISSATISFIED = "dissatisfied", _("Dissatisfied")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    at = models.DateTimeField(_("visited on"), db_index=True)
    contact = models.CharField(_("contact record"), max_length=300)
    performed = models.BooleanField(_("agreement performed"), null=True, blank=True)
    satisfaction = models.CharField(_("satisfaction"), max_length=12,
                                    choices=Satisfaction.choices)
    sued = models.BooleanField(_("a party went to court"), default=False)
    risk_signs = models.CharField(_("signs of risk"), max_length=300, blank=True)
    note = models.TextField(_("reason or note"), blank=True, validators=[MaxLengthValidator(2000)])
    visitor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    by_resident = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(satisfaction="dissatisfied") | ~Q(note=""),
                name="cases_followup_dissatisfied_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.satisfaction}"


class ExtensionRequest(models.Model):
    """A request to extend a deadline, decided by the sub-district administrator or a leader."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        LAPSED = "lapsed", _("Lapsed: the case ended first")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extension_requests")
    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE,
                                 related_name="extension_requests")
    days = models.PositiveSmallIntegerField(_("extend by"))
    reason = models.TextField(_("reason (the resident is told)"), validators=[MaxLengthValidator(1000)])
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True, validators=[MaxLengthValidator(1000)])
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["deadline"], condition=Q(status="pending"),
            name="cases_extension_one_pending")]
        indexes = [models.Index(fields=["status"], name="cases_extreq_status")]

    def __str__(self) -> str:
        return f"{self.case_id} +{self.days} {self.status}"
