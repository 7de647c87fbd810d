"""A work report asked for by someone: its period, its progress and the files it produced,
kept so it can be downloaded again (audited) or generated anew."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.dateranges import PlausibleDates


class Report(PlausibleDates, models.Model):
    class Kind(models.TextChoices):
        WORK = "work", _("Work report")
        ASSESSMENT = "assessment", _("Model-community assessment report")
        DUTY_REVIEW = "duty_review", _("Duty-review report of a unit")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being written")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.WORK)
    assessment = models.ForeignKey("assessments.Assessment", verbose_name=_("assessment"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    # A duty-review report: the unit reviewed (the review is the one of ``since``'s year).
    unit = models.ForeignKey("org.Unit", verbose_name=_("unit"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    since = models.DateField(_("from"))
    until = models.DateField(_("to"))
    community = models.ForeignKey("org.Region", verbose_name=_("community"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("asked by"),
                                     on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=80, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    figures = models.JSONField(default=dict, blank=True)
    docx = models.BinaryField(null=True, blank=True, editable=False)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    xlsx = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(until__gte=models.F("since")),
                                   name="reports_report_period_order"),
            models.CheckConstraint(condition=Q(progress__lte=100),
                                   name="reports_report_progress_percent"),
            models.CheckConstraint(condition=(Q(kind="work") & Q(assessment__isnull=True)
                                              & Q(unit__isnull=True))
                                   | (Q(kind="assessment") & Q(assessment__isnull=False))
                                   | (Q(kind="duty_review") & Q(unit__isnull=False)),
                                   name="reports_report_assessment_if_kind"),
            models.CheckConstraint(condition=Q(kind="duty_review") | Q(unit__isnull=True),
                                   name="reports_report_unit_if_duty_review"),
        ]

    def __str__(self) -> str:
        return f"{self.since:%Y-%m-%d} – {self.until:%Y-%m-%d}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
