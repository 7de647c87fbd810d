"""Reference data staff may edit: categories, deadline rules, and the number counter."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    APPEAL = "appeal", _("Appeal")
    DISPUTE = "dispute", _("Dispute")
    PETITION = "petition", _("Petition")


class Category(models.Model):
    """A dispute category (Hubei statistics), an appeal topic or a petition class."""

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, db_index=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["kind", "order", "id"]

    def __str__(self) -> str:
        return self.name


class DeadlineRule(models.Model):
    """Which clock runs for which kind (and category), for how long, and whether it may pause."""

    class Clock(models.TextChoices):
        RECEIVED = "received", _("From receipt")
        ACCEPTED = "accepted", _("From acceptance")
        REFERRED = "referred", _("From referral")
        AGREEMENT = "agreement", _("From the agreement")
        REPLIED = "replied", _("From the written reply")

    class Unit(models.TextChoices):
        HOURS = "hours", _("hours")
        CALENDAR_DAYS = "calendar_days", _("calendar days")
        WORKING_DAYS = "working_days", _("working days")
        MONTHS = "months", _("months")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, db_index=True)
    category = models.ForeignKey(Category, verbose_name=_("category"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="deadline_rules",
                                 help_text=_("Empty: applies to every category of the kind."))
    clock = models.CharField(_("clock starts"), max_length=10, choices=Clock.choices)
    amount = models.PositiveIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=14, choices=Unit.choices)
    concludes_case = models.BooleanField(
        _("met when the case is concluded"), default=False,
        help_text=_("The main handling deadline; the on-time rate is measured on it."))
    pause_allowed = models.BooleanField(_("clock may pause while waiting on a party"),
                                        default=False)
    extension_max_times = models.PositiveSmallIntegerField(_("extensions allowed"), default=0)
    extension_max_amount = models.PositiveIntegerField(_("longest extension"), default=0)
    resident_window = models.BooleanField(
        _("a period for the resident"), default=False,
        help_text=_("Shown to the resident (e.g. time to ask for a review); not staff work."))
    soon_hours = models.PositiveIntegerField(_("due soon within (hours)"), default=72)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def handling_for(cls, kind: str, category_id: int | None) -> list[DeadlineRule]:
        """The rules whose deadline is met by concluding a case of ``kind`` and category:
        the category's own rules win over the kind's."""
        rules: list[DeadlineRule] = list(DeadlineRule.objects.filter(
            Q(category=category_id) | Q(category__isnull=True),
            kind=kind, concludes_case=True, active=True).order_by("code"))
        return [r for r in rules if r.category_id is not None] or rules


class NumberCounter(models.Model):
    """The last case number issued per sub-district prefix and year (locked when incremented)."""

    prefix = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="cases_counter_unique"),
            models.CheckConstraint(condition=Q(last__gte=0), name="cases_counter_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"
