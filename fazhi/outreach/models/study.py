"""Cadre law study: group sessions of a unit (中心组学法, 学法半小时) and who attended."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.dateranges import PlausibleDates
from fazhi.org.models import Person, Unit


class StudySession(PlausibleDates, models.Model):
    class Kind(models.TextChoices):
        CENTRE_GROUP = "centre_group", _("Leading-group law study")
        HALF_HOUR = "half_hour", _("Half-hour law study")
        OTHER = "other", _("Other study")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="study_sessions")
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices,
                            default=Kind.CENTRE_GROUP)
    date = models.DateField(_("date"), db_index=True)
    topic = models.CharField(_("topic"), max_length=160)
    laws = models.CharField(_("laws studied"), max_length=300, blank=True)
    minutes = models.TextField(_("minutes"), blank=True, validators=[MaxLengthValidator(5000)])
    duration = models.PositiveSmallIntegerField(
        _("study time (minutes)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(480)])
    # The Monday of a half-hour session's week (clean() sets it): one such session a week.
    week = models.DateField(null=True, blank=True, editable=False)
    users = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("attending staff"),
                                   blank=True, related_name="study_sessions")
    people = models.ManyToManyField(Person, verbose_name=_("attending people"), blank=True,
                                    related_name="study_sessions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("study session")
        verbose_name_plural = _("study sessions")
        ordering = ["-date", "-id"]
        constraints = [
            # A double submit of the same session creates one record.
            models.UniqueConstraint(fields=["unit", "date", "topic"],
                                    name="outreach_study_unique_topic"),
            # The weekly 学法半小时 (fazhi/study): one record per unit per week.
            models.UniqueConstraint(fields=["unit", "week"], condition=models.Q(kind="half_hour"),
                                    name="outreach_study_one_half_hour_a_week"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.topic}"

    def clean(self) -> None:
        self.week = monday(self.date) if self.kind == self.Kind.HALF_HOUR and self.date else None


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
