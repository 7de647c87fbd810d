"""Cadre law study: materials (articles, laws article by article, videos by link), the timed
visits that earn study credit, the credit itself per person, material and day, and each year's
rule for the year's score. The weekly 学法半小时 records are outreach's study sessions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Material(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Text article")
        LAW = "law", _("Law, article by article")
        VIDEO = "video", _("Video (link)")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.ARTICLE)
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("short description"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True, validators=[MaxLengthValidator(60000)],
                            help_text=_("For a law: its text, each article starting with "
                                        "第…条 and each chapter with 第…章."))
    video_url = models.URLField(_("video link"), max_length=300, blank=True,
                                help_text=_("An https:// address; the video opens there."))
    credit_minutes = models.PositiveSmallIntegerField(
        _("credit cap (minutes)"), default=30,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("The most study credit one person earns on this material in a year."))
    published = models.BooleanField(_("published to cadres"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("study material")
        verbose_name_plural = _("study materials")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["title"], name="study_material_unique_title"),
            models.CheckConstraint(condition=Q(credit_minutes__gte=1, credit_minutes__lte=600),
                                   name="study_material_credit_range"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.kind == self.Kind.VIDEO and not self.video_url.startswith("https://"):
            raise ValidationError({"video_url": [_("A video needs its https:// address.")]})
        if self.kind != self.Kind.VIDEO and not self.body.strip():
            raise ValidationError({"body": [_("Enter the text of the material.")]})


class LawArticle(models.Model):
    """One numbered article of a law (第十八条), with the chapter it sits in."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="articles")
    number = models.PositiveSmallIntegerField(_("article number"),
                                              validators=[MaxValueValidator(5000)])
    label = models.CharField(_("article heading"), max_length=20)
    chapter = models.CharField(_("chapter"), max_length=80, blank=True)
    text = models.TextField(_("text"), validators=[MaxLengthValidator(5000)])

    class Meta:
        ordering = ["material", "number"]
        constraints = [models.UniqueConstraint(fields=["material", "number"],
                                               name="study_article_unique_number")]

    def __str__(self) -> str:
        return self.label


class Visit(models.Model):
    """A study session: one person with one material's page open. Only the newest visit of a
    person is live; each beat from the page carries a rising sequence number."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="study_visits")
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="visits")
    token = models.CharField(max_length=32, unique=True)
    opened_at = models.DateTimeField()
    last_at = models.DateTimeField()
    seq = models.PositiveIntegerField(default=0)
    live = models.BooleanField(default=True)
    paused = models.BooleanField(default=False)
    seconds = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            # A second window or a script opening visits in parallel closes the older one.
            models.UniqueConstraint(fields=["user"], condition=Q(live=True),
                                    name="study_visit_one_live"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.material_id}"


class Credit(models.Model):
    """Seconds of study credited to one person on one material on one Beijing day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="study_credits")
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="credits")
    day = models.DateField()
    seconds = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "material", "day"],
                                    name="study_credit_once_a_day"),
            models.CheckConstraint(condition=Q(seconds__lte=86400),
                                   name="study_credit_within_a_day"),
        ]
        indexes = [models.Index(fields=["user", "day"], name="study_credit_user_day")]

    def __str__(self) -> str:
        return f"{self.user_id}/{self.material_id}/{self.day}"


class YearRule(models.Model):
    """How a year's score is made: the weight of study credit (the exam has the rest), the
    credit that counts as full marks, the daily cap, and the pass and excellent lines."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True,
                                            validators=[MinValueValidator(2000),
                                                        MaxValueValidator(2100)])
    credit_weight = models.PositiveSmallIntegerField(
        _("weight of study credit (percent)"), default=50, validators=[MaxValueValidator(100)],
        help_text=_("The exam score has the rest of the weight."))
    target_minutes = models.PositiveSmallIntegerField(
        _("study minutes for full credit"), default=600,
        validators=[MinValueValidator(1), MaxValueValidator(6000)])
    daily_minutes = models.PositiveSmallIntegerField(
        _("daily credit cap (minutes)"), default=120,
        validators=[MinValueValidator(1), MaxValueValidator(1440)])
    pass_score = models.PositiveSmallIntegerField(_("pass from (score)"), default=60,
                                                  validators=[MaxValueValidator(100)])
    excellent_score = models.PositiveSmallIntegerField(_("excellent from (score)"), default=90,
                                                       validators=[MaxValueValidator(100)])
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("year's study rule")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(credit_weight__lte=100),
                                   name="study_rule_weight_range"),
            models.CheckConstraint(condition=Q(excellent_score__gte=F("pass_score")),
                                   name="study_rule_excellent_above_pass"),
        ]

    def __str__(self) -> str:
        return str(self.year)

    def clean(self) -> None:
        if self.excellent_score < self.pass_score:
            raise ValidationError({"excellent_score": [
                _("The excellent line cannot be below the pass line.")]})

    @property
    def exam_weight(self) -> int:
        return 100 - self.credit_weight
