"""The model democracy-and-rule-of-law community assessment (民主法治示范社区): a two-year cycle
with its indicator tree (five dimensions, items with weights in points, each scored from records
or by hand with evidence), a community's self-assessment and the sub-district's review of it
item by item (docs/assessments.md)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

YEARS = [MinValueValidator(2000), MaxValueValidator(2099)]
POINTS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class Dimension(models.TextChoices):
    ORGANISATION = "organisation", _("Organisations sound")
    DEMOCRACY = "democracy", _("Democracy orderly")
    RULE_OF_LAW = "rule_of_law", _("Rule-of-law work solid")
    HARMONY = "harmony", _("Harmonious development")
    SUPPORT = "support", _("Strong support")


class Rule(models.TextChoices):
    """What an automatic item reads from the records (``measures.py``)."""

    MEDIATORS = "mediators", _("People's mediators on record (with a mediation committee)")
    WORKROOM = "workroom", _("Community workroom on record")
    LAW_SAVVY = "law_savvy", _("Law-savvy residents on record")
    ACTIVITIES = "activities", _("Law-popularisation activities held in the year")
    LECTURES = "lectures", _("Law lecture halls held in the year")
    MEDIATION_SUCCESS = "mediation_success", _("Mediation success rate in the year, %")
    RESIDENT_LAWYER = "resident_lawyer", _("Resident lawyers under a legal-service agreement in force")
    CO_BUILDING = "co_building", _("Co-building agreements in force in the year")


class Cycle(models.Model):
    """Two years (``first_year`` and the next); its indicator tree is edited until the first
    self-assessment starts, then frozen (``frozen_at``) at ``tree_version``."""

    title = models.CharField(_("cycle title"), max_length=60)
    first_year = models.PositiveSmallIntegerField(_("first year"), validators=YEARS)
    pass_score = models.DecimalField(_("pass mark"), max_digits=4, decimal_places=1,
                                     default=Decimal("80"), validators=POINTS)
    excellent_score = models.DecimalField(_("mark for excellent"), max_digits=4,
                                          decimal_places=1, default=Decimal("90"),
                                          validators=POINTS)
    warn_score = models.DecimalField(_("mark for a warning at re-check"), max_digits=4,
                                     decimal_places=1, default=Decimal("70"), validators=POINTS)
    tree_version = models.PositiveIntegerField(default=1)
    frozen_at = models.DateTimeField(_("tree frozen"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-first_year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["first_year"], name="assessments_one_cycle_a_year"),
            models.CheckConstraint(condition=Q(warn_score__lte=F("pass_score"))
                                   & Q(pass_score__lte=F("excellent_score")),
                                   name="assessments_cycle_marks_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def last_year(self) -> int:
        return self.first_year + 1

    @property
    def frozen(self) -> bool:
        return self.frozen_at is not None

    def clean(self) -> None:
        if (self.warn_score is not None and self.pass_score is not None
                and self.excellent_score is not None
                and not self.warn_score <= self.pass_score <= self.excellent_score):
            raise ValidationError({"pass_score": [_(
                "The marks must rise: warning ≤ pass ≤ excellent.")]})


class Indicator(models.Model):
    class Method(models.TextChoices):
        AUTO = "auto", _("From records")
        MANUAL = "manual", _("By hand, with evidence")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="indicators")
    dimension = models.CharField(_("dimension"), max_length=16, choices=Dimension.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0,
                                                validators=[MaxValueValidator(999)])
    title = models.CharField(_("indicator item"), max_length=120)
    guidance = models.TextField(_("what counts"), blank=True,
                                validators=[MaxLengthValidator(1000)])
    weight = models.DecimalField(_("points"), max_digits=4, decimal_places=1,
                                 validators=[MinValueValidator(Decimal("0.5")),
                                             MaxValueValidator(Decimal("100"))])
    method = models.CharField(_("scored"), max_length=8, choices=Method.choices,
                              default=Method.MANUAL)
    rule = models.CharField(_("record rule"), max_length=20, choices=Rule.choices, blank=True)
    target = models.DecimalField(_("target"), max_digits=7, decimal_places=1, null=True,
                                 blank=True, validators=[MinValueValidator(Decimal("0.1")),
                                                         MaxValueValidator(Decimal("99999"))])

    class Meta:
        ordering = ["cycle", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "title"], name="assessments_item_once"),
            models.CheckConstraint(
                condition=(Q(method="auto") & ~Q(rule="") & Q(target__isnull=False))
                | (Q(method="manual") & Q(rule="") & Q(target__isnull=True)),
                name="assessments_item_rule_if_auto"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.method == self.Method.AUTO:
            errors = {}
            if not self.rule:
                errors["rule"] = [_("An item scored from records needs its rule.")]
            if self.target is None:
                errors["target"] = [_("An item scored from records needs its target.")]
            if errors:
                raise ValidationError(errors)
        else:
            self.rule, self.target = "", None


class Assessment(models.Model):
    class Kind(models.TextChoices):
        APPLICATION = "application", _("Application for the title")
        RECHECK = "recheck", _("Re-check of a model community")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Self-assessment under way")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned to the community")
        CONCLUDED = "concluded", _("Concluded (result given)")

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", _("Excellent")
        PASS = "pass", _("Passed")
        FAIL = "fail", _("Not passed")

    class Decision(models.TextChoices):
        NAMED = "named", _("Named a model community")
        NOT_NAMED = "not_named", _("Not named")
        KEPT = "kept", _("Model status kept")
        WARNED = "warned", _("Kept with a warning")
        REVOKED = "revoked", _("Model status revoked")

    MODEL_DECISIONS = (Decision.NAMED, Decision.KEPT, Decision.WARNED)

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="assessments")
    community = models.ForeignKey("org.Region", verbose_name=_("community"),
                                  on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices,
                            default=Kind.APPLICATION)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    tree_version = models.PositiveIntegerField()
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    concluded_at = models.DateTimeField(_("assessment concluded"), null=True, blank=True)
    concluded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", null=True, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True,
                                blank=True)
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices, blank=True)
    decision = models.CharField(_("model decision"), max_length=10, choices=Decision.choices,
                                blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-cycle__first_year", "community__code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "community"],
                                    name="assessments_one_per_cycle_community"),
        ]
        indexes = [models.Index(fields=["decision", "decided_on"],
                                name="assessments_decided")]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.community}"

    @property
    def editable_by_community(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class Score(models.Model):
    """One item of one assessment: the value read from records (automatic items), the
    community's own score and note, and the reviewer's verdict, score and note."""

    class Review(models.TextChoices):
        PENDING = "pending", _("Not reviewed")
        ACCEPTED = "accepted", _("Item accepted")
        RETURNED = "returned", _("Returned to the community")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    measured = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True)
    measure_note = models.CharField(max_length=200, blank=True)
    self_score = models.DecimalField(_("own score"), max_digits=4, decimal_places=1, null=True,
                                     blank=True, validators=POINTS)
    self_note = models.TextField(_("own note"), blank=True,
                                 validators=[MaxLengthValidator(1000)])
    review = models.CharField(_("review"), max_length=8, choices=Review.choices,
                              default=Review.PENDING)
    review_score = models.DecimalField(_("reviewed score"), max_digits=4, decimal_places=1,
                                       null=True, blank=True, validators=POINTS)
    review_note = models.TextField(_("reviewer's note"), blank=True,
                                   validators=[MaxLengthValidator(1000)])
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["indicator__position", "indicator_id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"],
                                    name="assessments_score_once"),
        ]

    def __str__(self) -> str:
        return str(self.indicator)

    def clean(self) -> None:
        weight = self.indicator.weight
        for field in ("self_score", "review_score"):
            value = getattr(self, field)
            if value is not None and value > weight:
                raise ValidationError({field: [_(
                    "At most %(points)s points for this item.") % {"points": weight}]})


class Evidence(models.Model):
    """A document or photo (checked by content, core.uploads) or a link to a record the
    community worker may see (an activity, a case, an agreement, a unit)."""

    class Kind(models.TextChoices):
        FILE = "file", _("Document or photo")
        ACTIVITY = "activity", _("Activity")
        CASE = "case", _("Case")
        AGREEMENT = "agreement", _("Agreement record")
        UNIT = "unit", _("Unit")

    MAX_PER_SCORE = 20

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("evidence description"), max_length=120)
    file = models.FileField(upload_to="assessments/%Y/", blank=True)
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(condition=(Q(kind="file") & Q(record_id__isnull=True))
                                   | (~Q(kind="file") & Q(record_id__isnull=False)),
                                   name="assessments_evidence_file_or_record"),
        ]

    def __str__(self) -> str:
        return self.label
