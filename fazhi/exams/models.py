"""Law exams: the question bank (versioned questions), exams with their blueprint, candidates'
papers and answers, certificates and reminders. docs/exams.md describes the model."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.dateranges import PlausibleDates
from fazhi.org.models import Region, Unit


class Kind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
    FILL = "fill", _("Fill in the blank")


class Difficulty(models.IntegerChoices):
    EASY = 1, _("Easy")
    MEDIUM = 2, _("Medium")
    HARD = 3, _("Hard")


MAX_OPTIONS = 6


class Bank(models.Model):
    """A named pool of questions: the annual bank, a contest's pool."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    """A question's identity and the attributes drawing filters on (copied from ``current``)."""

    bank = models.ForeignKey(Bank, on_delete=models.PROTECT, related_name="questions")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    law = models.CharField(_("law"), max_length=80)
    difficulty = models.PositiveSmallIntegerField(_("difficulty"), choices=Difficulty.choices,
                                                  default=Difficulty.MEDIUM)
    tags = models.CharField(_("tags"), max_length=200, blank=True)
    stem_key = models.CharField(max_length=600, editable=False)
    active = models.BooleanField(_("active"), default=True)
    current = models.ForeignKey("QuestionVersion", null=True, on_delete=models.PROTECT,
                                related_name="+", editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["id"]
        indexes = [models.Index(fields=["bank", "kind", "law", "difficulty"],
                                name="exams_question_draw")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class QuestionVersion(models.Model):
    """What a question said at one time; never changed once written (papers point here)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    stem = models.TextField(_("stem"), validators=[MaxLengthValidator(1000)])
    options = models.JSONField(_("options"), default=list, blank=True)
    answer = models.JSONField(_("answer"))
    explanation = models.TextField(_("explanation"), blank=True,
                                   validators=[MaxLengthValidator(2000)])
    law = models.CharField(_("law"), max_length=80)
    article = models.CharField(_("article of the law"), max_length=40, blank=True)
    difficulty = models.PositiveSmallIntegerField(_("difficulty"), choices=Difficulty.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question", "number"]
        constraints = [models.UniqueConstraint(fields=["question", "number"],
                                               name="exams_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.question_id} v{self.number}"


class Exam(PlausibleDates, models.Model):
    class Mode(models.TextChoices):
        FIXED = "fixed", _("Fixed paper")
        DRAWN = "drawn", _("Drawn per candidate")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published (open to candidates)")

    title = models.CharField(_("title"), max_length=120)
    bank = models.ForeignKey(Bank, verbose_name=_("question bank"), on_delete=models.PROTECT,
                             related_name="exams")
    mode = models.CharField(_("paper"), max_length=8, choices=Mode.choices, default=Mode.DRAWN)
    rules = models.JSONField(_("blueprint"), default=list, blank=True)
    points = models.JSONField(_("points per type"), default=dict, blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    makeup_opens_at = models.DateTimeField(_("make-up opens at"), null=True, blank=True)
    makeup_closes_at = models.DateTimeField(_("make-up closes at"), null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), default=120, validators=[MinValueValidator(1),
                                                          MaxValueValidator(600)])
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=3, validators=[MinValueValidator(1), MaxValueValidator(20)])
    pass_percent = models.PositiveSmallIntegerField(
        _("pass line (percent of points)"), default=60, validators=[MaxValueValidator(100)])
    excellent_percent = models.PositiveSmallIntegerField(
        _("excellent from (percent of points)"), default=90, validators=[MaxValueValidator(100)])
    show_explanations = models.BooleanField(_("show explanations after submitting"), default=True)
    training_hours = models.PositiveSmallIntegerField(
        _("training hours"), default=6, validators=[MaxValueValidator(200)])
    target_percent = models.PositiveSmallIntegerField(
        _("target sat rate (percent)"), default=95, validators=[MaxValueValidator(100)])
    units = models.ManyToManyField(Unit, verbose_name=_("units"), blank=True,
                                   related_name="exams")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("exam")
        verbose_name_plural = _("exams")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")),
                                   name="exams_exam_window_order"),
            models.CheckConstraint(
                condition=Q(makeup_opens_at__isnull=True) | Q(
                    makeup_closes_at__gt=F("makeup_opens_at"), makeup_opens_at__gte=F("closes_at")),
                name="exams_exam_makeup_after_window"),
            models.CheckConstraint(condition=Q(excellent_percent__gte=F("pass_percent")),
                                   name="exams_exam_excellent_above_pass"),
        ]

    def __str__(self) -> str:
        return self.title


class ExamItem(models.Model):
    """A question of a fixed paper, in order."""

    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    question_version = models.ForeignKey(QuestionVersion, on_delete=models.PROTECT,
                                         related_name="+")
    points = models.PositiveSmallIntegerField(default=2)

    class Meta:
        ordering = ["exam", "position"]
        constraints = [models.UniqueConstraint(fields=["exam", "position"],
                                               name="exams_item_unique_position")]

    def __str__(self) -> str:
        return f"{self.exam_id}:{self.position}"


class Enrolment(models.Model):
    """A candidate of an exam, with their unit and community as they were (rates read these)."""

    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="exam_enrolments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    community = models.ForeignKey(Region, null=True, on_delete=models.PROTECT, related_name="+")
    attempts = models.PositiveSmallIntegerField(default=0)
    sat = models.BooleanField(default=False)
    passed = models.BooleanField(default=False)
    excellent = models.BooleanField(default=False)
    best_score = models.DecimalField(max_digits=6, decimal_places=2, null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["exam", "user"],
                                               name="exams_enrolment_once")]
        indexes = [models.Index(fields=["exam", "unit"], name="exams_enrolment_unit")]

    def __str__(self) -> str:
        return f"{self.exam_id}/{self.user_id}"


class Attempt(models.Model):
    """One candidate's paper in one sitting."""

    class State(models.TextChoices):
        OPEN = "open", _("Being answered")
        SUBMITTED = "submitted", _("Handed in")

    class EndedBy(models.TextChoices):
        CANDIDATE = "candidate", _("Submitted by the candidate")
        TIMEOUT = "timeout", _("Submitted when time ran out")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="papers")
    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="exam_attempts")
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    deadline = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    ended_by = models.CharField(max_length=10, choices=EndedBy.choices, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    max_score = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    passed = models.BooleanField(default=False)
    excellent = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "number"], name="exams_attempt_number"),
            # Two clicks on "start" at once make one paper, never two open ones.
            models.UniqueConstraint(fields=["enrolment"], condition=Q(state="open"),
                                    name="exams_attempt_one_open"),
        ]
        indexes = [models.Index(fields=["state", "deadline"], name="exams_attempt_sweep")]

    def __str__(self) -> str:
        return f"{self.exam_id}/{self.user_id}#{self.number}"


class PaperItem(models.Model):
    """One question of one paper and the candidate's answer to it."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    question_version = models.ForeignKey(QuestionVersion, on_delete=models.PROTECT,
                                         related_name="+")
    points = models.PositiveSmallIntegerField()
    permutation = models.JSONField(default=list)
    response = models.JSONField(null=True)
    seq = models.PositiveBigIntegerField(default=0)
    answered_at = models.DateTimeField(null=True)
    correct = models.BooleanField(null=True)
    awarded = models.DecimalField(max_digits=6, decimal_places=2, default=0)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [models.UniqueConstraint(fields=["attempt", "position"],
                                               name="exams_paperitem_position")]

    def __str__(self) -> str:
        return f"{self.attempt_id}:{self.position}"


class Certificate(models.Model):
    """The passing certificate of one attempt; ``code`` is verified on a public page."""

    attempt = models.OneToOneField(Attempt, on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(max_length=16, unique=True)
    name_masked = models.CharField(max_length=40)
    exam_title = models.CharField(max_length=120)
    score = models.DecimalField(max_digits=6, decimal_places=2)
    excellent = models.BooleanField(default=False)
    hours = models.PositiveSmallIntegerField()
    issued_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.code
