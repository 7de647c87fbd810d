"""Public knowledge contests: a contest with timed rounds drawn from a question bank (the exams
app's), participants known by a verified mobile's keyed hash, their answers, SMS codes and the
suspicious behaviour logged for the organiser. docs/contests.md describes the model.

A participant is one verified mobile in one round (a unique constraint): a double submit, a
second device or two servers racing make one. The plain mobile is never stored; a masked copy
is kept for the organiser's lists.
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
from fazhi.exams.models import Bank, QuestionVersion
from fazhi.org.models import Region, Unit


class Contest(models.Model):
    """One contest (e.g. the sub-district's Constitution Day contest): its bank and its rules
    for what counts as suspicious."""

    title = models.CharField(_("title"), max_length=120)
    intro = models.TextField(_("introduction text"), blank=True,
                             validators=[MaxLengthValidator(3000)])
    bank = models.ForeignKey(Bank, verbose_name=_("question bank"), on_delete=models.PROTECT,
                             related_name="+")
    is_published = models.BooleanField(_("published"), default=False)
    per_device = models.PositiveSmallIntegerField(
        _("participants of a round from one device before it is logged"), default=3,
        validators=[MinValueValidator(1), MaxValueValidator(1000)])
    per_network = models.PositiveIntegerField(
        _("participants of a round from one network before it is logged"), default=30,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("A network is an IPv4 /24 or an IPv6 /64."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("knowledge contest")

    def __str__(self) -> str:
        return self.title


class Round(PlausibleDates, models.Model):
    """A timed round: its window, its length and how many questions of each type it draws."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(_("name"), max_length=60)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    seconds = models.PositiveIntegerField(
        _("time allowed (seconds)"), default=600,
        validators=[MinValueValidator(30), MaxValueValidator(7200)])
    single_count = models.PositiveSmallIntegerField(
        _("single-choice questions"), default=10, validators=[MaxValueValidator(100)])
    multiple_count = models.PositiveSmallIntegerField(
        _("multiple-choice questions"), default=0, validators=[MaxValueValidator(100)])
    true_false_count = models.PositiveSmallIntegerField(
        _("true-or-false questions"), default=10, validators=[MaxValueValidator(100)])
    law = models.CharField(_("only questions of the law"), max_length=80, blank=True)
    points = models.PositiveSmallIntegerField(
        _("points a question"), default=5, validators=[MinValueValidator(1),
                                                       MaxValueValidator(100)])
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["opens_at", "pk"]
        verbose_name = _("contest round")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")),
                                   name="contests_round_window_order"),
            models.CheckConstraint(
                condition=Q(single_count__gt=0) | Q(multiple_count__gt=0)
                | Q(true_false_count__gt=0), name="contests_round_has_questions"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def question_count(self) -> int:
        return self.single_count + self.multiple_count + self.true_false_count

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A round must close after it opens.")})
        if not self.question_count:
            raise ValidationError({"single_count": _("A round draws at least one question.")})


class Participant(models.Model):
    """One verified mobile's paper in one round."""

    class State(models.TextChoices):
        OPEN = "open", _("Answering")
        SUBMITTED = "submitted", _("Handed in")

    class EndedBy(models.TextChoices):
        PARTICIPANT = "participant", _("Handed in by the participant")
        TIMEOUT = "timeout", _("Handed in when time ran out")

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="participants")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participants")
    mobile_hash = models.CharField(max_length=64)  # keyed hash (models docstring)
    mobile_masked = models.CharField(max_length=20)
    name = models.CharField(_("name or nickname"), max_length=20, blank=True)
    community = models.ForeignKey(Region, verbose_name=_("community"), on_delete=models.PROTECT,
                                  related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    network = models.CharField(max_length=50, blank=True)  # "203.0.113.0/24": never the address
    device = models.CharField(max_length=16, blank=True)  # keyed hash of the device cookie
    started_at = models.DateTimeField()
    deadline = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    ended_by = models.CharField(max_length=12, choices=EndedBy.choices, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveIntegerField(default=0)
    max_score = models.PositiveIntegerField(default=0)
    taken_ms = models.PositiveIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "mobile_hash"],
                                    name="contests_participant_once_a_round"),
        ]
        indexes = [
            # The leaderboard: score, then time taken, of the handed-in papers of a round.
            models.Index(fields=["round", "state", "-score", "taken_ms"], name="contests_board"),
            models.Index(fields=["round", "device"], name="contests_device"),
            models.Index(fields=["round", "network"], name="contests_network"),
            models.Index(fields=["state", "deadline"], name="contests_sweep"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.mobile_masked}"


class Answer(models.Model):
    """One question of a participant's paper and the answer given."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="answers")
    position = models.PositiveSmallIntegerField()
    question_version = models.ForeignKey(QuestionVersion, on_delete=models.PROTECT,
                                         related_name="+")
    permutation = models.JSONField(default=list)
    response = models.JSONField(null=True)
    seq = models.PositiveBigIntegerField(default=0)
    first_at = models.DateTimeField(null=True)  # the first save (the reading-speed check)
    answered_at = models.DateTimeField(null=True)
    correct = models.BooleanField(null=True)

    class Meta:
        ordering = ["participant", "position"]
        constraints = [models.UniqueConstraint(fields=["participant", "position"],
                                               name="contests_answer_position")]

    def __str__(self) -> str:
        return f"{self.participant_id}:{self.position}"


class Code(MobileCode):
    """An SMS code sent to a mobile for a contest (core.smscodes)."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["contest", "voter", "-created_at"],
                                name="contests_code_latest")]


class Suspicion(models.Model):
    """Something about a participant the organiser should look at; logged once per kind."""

    class Kind(models.TextChoices):
        TOO_FAST = "too_fast", _("Answered faster than a person can read")
        SHARED_DEVICE = "shared_device", _("Many participants from one device")
        SHARED_NETWORK = "shared_network", _("Many participants from one network")

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="suspicions")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="suspicions")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    detail = models.CharField(max_length=200)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["participant", "kind"],
                                               name="contests_suspicion_once")]
        indexes = [models.Index(fields=["contest", "-created_at"], name="contests_suspicions")]

    def __str__(self) -> str:
        return f"{self.participant_id} {self.kind}"
