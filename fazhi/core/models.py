"""Core data: the local corrections to China's official working-day calendar.

The official calendar (statutory holidays and make-up working days) comes from the
``chinesecalendar`` package; a ``CalendarOverride`` row wins over it for one date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarOverride(models.Model):
    """One date whose status differs locally (or newly) from the official calendar."""

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(
        _("working day"),
        help_text=_("Ticked: the date is a working day. Unticked: the date is a rest day."),
    )
    note = models.CharField(
        _("note"), max_length=200,
        help_text=_("Why, e.g. a local holiday or the State Council's notice of a change."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        ordering = ["date"]

    def __str__(self) -> str:
        kind = _("working day") if self.is_workday else _("rest day")
        return f"{self.date.isoformat()} {kind}"


class CalendarYear(models.Model):
    """A year beyond the packaged official calendar whose whole arrangement (holidays and
    make-up working days) administrators have entered as overrides: its other days then
    follow the weekday rule instead of being unknown."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    note = models.CharField(
        _("note"), max_length=200,
        help_text=_("The State Council notice the overrides were entered from."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("entered calendar year")
        verbose_name_plural = _("entered calendar years")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class RateCounter(models.Model):
    """Requests counted under one key in one fixed window (fazhi.core.ratelimit). Kept in the
    database so that every app server counts the same requests."""

    key = models.CharField(max_length=200)
    window_start = models.BigIntegerField(help_text="seconds since the epoch")
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="core_ratecounter_key_window"),
        ]

    def __str__(self) -> str:
        return f"{self.key}@{self.window_start}: {self.count}"


class MobileCode(models.Model):
    """An SMS code sent to prove a mobile (core.smscodes): kept only as a keyed hash of the
    code, tried a few times, expiring. Abstract: an app that asks residents for a verified
    mobile keeps its own table, with a foreign key to what the code is for (a campaign, a
    contest, a duty review), and ``core.smscodes`` writes and checks its rows."""

    voter = models.CharField(max_length=64)  # keyed hash of the mobile, never the number
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"code {self.pk}"
