"""Responsibility lists (普法责任清单): one per unit per year, reviewed by the sub-district."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.org.models import Unit


class KeyDate(models.Model):
    """A publicity date that recurs every year (4.15, 6.26, 12.4 and local additions)."""

    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    day = models.PositiveSmallIntegerField(
        _("day"), validators=[MinValueValidator(1), MaxValueValidator(31)])
    name = models.CharField(_("name"), max_length=80)
    laws = models.CharField(_("laws to publicise"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("key date")
        verbose_name_plural = _("key dates")
        ordering = ["month", "day"]
        constraints = [
            models.UniqueConstraint(fields=["month", "day", "name"], name="outreach_keydate_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.month}.{self.day} {self.name}"

    def clean(self) -> None:
        import datetime as dt

        # A month or day out of its range is refused by the field's validators; checking
        # only what they let through keeps twenty nines from dt.date (an OverflowError).
        if self.month in range(1, 13) and self.day in range(1, 32):
            try:
                dt.date(2024, self.month, self.day)  # a leap year accepts 2.29
            except ValueError as exc:
                raise ValidationError({"day": _("This day does not exist in that month.")}) from exc

    @property
    def label(self) -> str:
        return f"{self.month}.{self.day}"


class ResponsibilityList(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for changes")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="responsibility_lists")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT, db_index=True)
    review_comment = models.TextField(_("review comment"), blank=True, validators=[MaxLengthValidator(2000)])
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("responsibility list")
        verbose_name_plural = _("responsibility lists")
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="outreach_list_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"

    @property
    def editable(self) -> bool:
        return self.status in self.EDITABLE


class ListItem(models.Model):
    """One line of a list: what is publicised, to whom, how, how often and by when."""

    responsibility_list = models.ForeignKey(ResponsibilityList, on_delete=models.CASCADE,
                                            related_name="items", verbose_name=_("list"))
    position = models.PositiveIntegerField(_("no."), default=1)
    laws = models.CharField(_("laws to publicise"), max_length=300)
    audience = models.CharField(_("audience"), max_length=200)
    channels = models.CharField(_("channels and measures"), max_length=300)
    planned_count = models.PositiveSmallIntegerField(
        _("planned count"), validators=[MinValueValidator(1), MaxValueValidator(999)])
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("The quarter by whose end the planned count is due."))
    leader = models.CharField(_("responsible leader"), max_length=60)
    person = models.CharField(_("responsible person"), max_length=60)
    office = models.CharField(_("responsible office"), max_length=80)
    standard = models.CharField(_("completion standard"), max_length=300)
    key_dates = models.CharField(_("key dates"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("list item")
        verbose_name_plural = _("list items")
        ordering = ["responsibility_list", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4),
                                   name="outreach_item_quarter_range"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.laws}"


class SupervisionNote(models.Model):
    """A note the sub-district attaches to a list (督办), optionally about one item."""

    responsibility_list = models.ForeignKey(ResponsibilityList, on_delete=models.CASCADE,
                                            related_name="notes")
    item = models.ForeignKey(ListItem, verbose_name=_("item"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="notes")
    text = models.TextField(_("supervision note"), validators=[MaxLengthValidator(2000)])
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:60]
