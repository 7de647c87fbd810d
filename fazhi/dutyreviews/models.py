"""Duty reviews of member units (履职评议 of 谁执法谁普法): once a year the sub-district reviews
how each member unit carried out its responsibility list (fazhi/outreach), from four sources —
the list's completion, residents' ratings, a panel's marks and the other member units' marks —
combined by the review's weights into a grade (docs/dutyreviews.md).

A resident who rates is known only by a keyed hash of their mobile (``voter``, with the review
in the input, core.smscodes); the number itself is never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.dateranges import PlausibleDates
from fazhi.core.models import MobileCode
from fazhi.org.models import Unit

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Review(PlausibleDates, models.Model):
    """The review of one year: its weights, the public rating window and the panel."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("title"), max_length=200)
    weight_completion = models.PositiveSmallIntegerField(
        _("weight of the list's completion (%)"), default=40, validators=PERCENT)
    weight_rating = models.PositiveSmallIntegerField(
        _("weight of the public rating and the panel (%)"), default=40, validators=PERCENT)
    weight_peer = models.PositiveSmallIntegerField(
        _("weight of the other units' marks (%)"), default=20, validators=PERCENT)
    public_share = models.PositiveSmallIntegerField(
        _("share of the public rating within its weight (%)"), default=50, validators=PERCENT,
        help_text=_("The panel's marks take the rest of that weight."))
    rating_opens_at = models.DateTimeField(_("public rating opens at"))
    rating_closes_at = models.DateTimeField(_("public rating closes at"))
    is_published = models.BooleanField(_("published on the portal"), default=False)
    panel = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                   verbose_name=_("panel members"))
    units = models.ManyToManyField(Unit, related_name="+", verbose_name=_("units reviewed"))
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("duty review")
        constraints = [
            models.CheckConstraint(condition=Q(rating_closes_at__gt=F("rating_opens_at")),
                                   name="dutyreviews_window_ordered"),
            models.CheckConstraint(
                condition=Q(weight_completion__lte=100, weight_rating__lte=100,
                            weight_peer__lte=100, public_share__lte=100),
                name="dutyreviews_weights_percent"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, object] = {}
        weights = (self.weight_completion, self.weight_rating, self.weight_peer)
        if all(isinstance(w, int) for w in weights) and sum(weights) != 100:
            errors["weight_peer"] = _("The three weights must add up to 100; now %(sum)d.") % {
                "sum": sum(weights)}
        if (self.rating_opens_at and self.rating_closes_at
                and self.rating_closes_at <= self.rating_opens_at):
            errors["rating_closes_at"] = _("The public rating must close after it opens.")
        if errors:
            raise ValidationError(errors)


class PublicRating(models.Model):
    """A resident's rating of one unit in one review: one per verified mobile (the unique
    constraint makes a double submit, or two servers racing, one rating)."""

    class Level(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        BASIC = "basic", _("Basically satisfied")
        UNSATISFIED = "unsatisfied", _("Unsatisfied")

    POINTS = {Level.SATISFIED: 100, Level.BASIC: 60, Level.UNSATISFIED: 0}

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ratings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    voter = models.CharField(max_length=64)  # keyed hash (models docstring)
    level = models.CharField(_("rating"), max_length=12, choices=Level.choices)
    comment = models.TextField(_("comment"), blank=True, validators=[MaxLengthValidator(200)])
    network = models.CharField(max_length=50, blank=True)  # "203.0.113.0/24", never the address
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "unit", "voter"],
                                               name="dutyreviews_rating_once")]
        indexes = [models.Index(fields=["review", "unit", "level"], name="dutyreviews_tally")]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.level}"


class Code(MobileCode):
    """An SMS code sent to a resident who wants to rate (core.smscodes)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["review", "voter", "-created_at"],
                                name="dutyreviews_code_latest")]


class PanelMark(models.Model):
    """A panel member's mark (0–100) of one unit."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="panel_marks")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    score = models.DecimalField(_("mark (0-100)"), max_digits=5, decimal_places=2,
                                validators=PERCENT)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "unit", "member"],
                                               name="dutyreviews_panel_mark_once")]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.score}"


class PeerMark(models.Model):
    """One member unit's mark (0–100) of another: never of itself (a check constraint)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="peer_marks")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    by_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("mark (0-100)"), max_digits=5, decimal_places=2,
                                validators=PERCENT)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "unit", "by_unit"],
                                    name="dutyreviews_peer_mark_once"),
            models.CheckConstraint(condition=~Q(unit=F("by_unit")),
                                   name="dutyreviews_peer_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.by_unit_id} -> {self.unit_id}: {self.score}"
