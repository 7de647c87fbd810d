"""Cadre law study: group sessions of a unit (中心组学法, 学法半小时) and who attended."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
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
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.topic}"
