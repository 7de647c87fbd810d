"""Public voting: campaigns with categories and candidates, votes, SMS codes, jury marks.

A voter is known only by a keyed hash of their mobile (``voter``, core.crypto.lookup_hash with
the campaign in the input, so the same mobile hashes differently in two campaigns and never
matches a resident's ``mobile_hash`` elsewhere). The plain mobile is never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.dateranges import PlausibleDates
from fazhi.core.models import MobileCode


class Campaign(PlausibleDates, models.Model):
    """One selection (e.g. the city's fifth "普法网红"): a voting window and its rules."""

    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction text"), blank=True, validators=[MaxLengthValidator(5000)])
    opens_at = models.DateTimeField(_("voting opens at"))
    closes_at = models.DateTimeField(_("voting closes at"))
    is_published = models.BooleanField(_("published"), default=False)
    picks_per_category = models.PositiveSmallIntegerField(
        _("picks per category a day"), default=3,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("How many different candidates of one category a voter may vote for a day."))
    public_weight = models.PositiveSmallIntegerField(
        _("weight of the public vote (%)"), default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The jury's marks weigh the rest (100 minus this)."))
    votes_per_address = models.PositiveIntegerField(
        _("votes per network address a day"), default=300,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)])
    votes_per_device = models.PositiveIntegerField(
        _("votes per device a day"), default=40,
        validators=[MinValueValidator(1), MaxValueValidator(10_000)])
    burst_per_network = models.PositiveIntegerField(
        _("votes a minute from one network before holding"), default=30,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("A network is an IPv4 /24 or an IPv6 /64. Votes past this are held for review."))
    burst_per_device = models.PositiveIntegerField(
        _("votes a minute from one device before holding"), default=10,
        validators=[MinValueValidator(1), MaxValueValidator(10_000)])
    jurors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                    verbose_name=_("jury members"))
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("voting campaign")
        constraints = [models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")),
                                              name="voting_campaign_window_ordered")]

    def __str__(self) -> str:
        return self.title

    @property
    def jury_weight(self) -> int:
        return 100 - self.public_weight

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Voting must close after it opens.")})


class Category(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("category"), max_length=100)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("category")
        constraints = [models.UniqueConstraint(fields=["campaign", "name"],
                                               name="voting_category_name_once")]

    def __str__(self) -> str:
        return self.name


class Candidate(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="candidates")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="candidates")
    name = models.CharField(_("candidate's name"), max_length=100)
    affiliation = models.CharField(_("unit or community"), max_length=200, blank=True)
    intro = models.TextField(_("introduction text"), blank=True,
                             validators=[MaxLengthValidator(5000)])
    # Re-encoded by the service (services.setup.photo_bytes): only bytes Pillow wrote are kept.
    photo = models.FileField(_("photo"), upload_to="voting/photos/", blank=True, max_length=200)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("candidate")

    def __str__(self) -> str:
        return self.name


class Vote(models.Model):
    """One vote: a voter for a candidate on a day (Asia/Shanghai). The unique constraint makes
    a double submit, or two servers racing, one vote.

    ``pick`` numbers the voter's votes in the category that day (1, 2, ... up to the campaign's
    ``picks_per_category``): the vote's INSERT takes the next number only while it is within
    the cap, and a second unique constraint refuses two votes with one number, so two
    concurrent votes cannot both take the last pick (services.votes)."""

    class Status(models.TextChoices):
        COUNTED = "counted", _("Counted")
        HELD = "held", _("Held for review")
        REJECTED = "rejected", _("Rejected by review")

    class Reason(models.TextChoices):
        NONE = "", _("None")
        NETWORK_BURST = "network_burst", _("Many votes from one network within a minute")
        DEVICE_BURST = "device_burst", _("Many votes from one device within a minute")

    # Every B-tree is written by every vote, so the foreign keys have no index of their own:
    # each leads one of the composite indexes below (the reviewer's is partial, it is written
    # only by a review).
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="votes",
                                 db_index=False)
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="votes",
                                  db_index=False)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+",
                                 db_index=False)
    voter = models.CharField(max_length=64)  # keyed hash (models docstring)
    day = models.DateField()
    cast_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.COUNTED)
    reason = models.CharField(max_length=20, choices=Reason.choices, blank=True, default="")
    network = models.CharField(max_length=50, blank=True)  # "203.0.113.0/24": never the address
    device = models.CharField(max_length=16, blank=True)  # keyed hash of the device cookie
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+", db_index=False)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    pick = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "voter", "day", "campaign"],
                                    name="voting_vote_once_a_day"),
            # Also the index the next pick is read from (the highest of the voter's that day).
            models.UniqueConstraint(fields=["category", "voter", "day", "campaign", "pick"],
                                    name="voting_vote_pick_once"),
        ]
        indexes = [
            # The tally: one index-only count per candidate and status.
            models.Index(fields=["campaign", "status", "candidate"], name="voting_vote_tally"),
            models.Index(fields=["reviewed_by"], condition=Q(reviewed_by__isnull=False),
                         name="voting_vote_reviewer"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} {self.day}"


class Code(MobileCode):
    """An SMS code sent to a voter (core.smscodes)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["campaign", "voter", "-created_at"],
                                name="voting_code_latest")]


class JuryMark(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="marks")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("mark (0-100)"), max_digits=5, decimal_places=2,
                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["candidate", "juror"],
                                               name="voting_mark_once")]

    def __str__(self) -> str:
        return f"{self.candidate_id}: {self.score}"
