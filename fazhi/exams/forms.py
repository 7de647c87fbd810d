"""Input shapes of the exams pages (the rules live in the services)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.choicefields import RowsChoiceField
from fazhi.core.dateranges import DateTimeField, DateTimeInput
from fazhi.core.textlimits import text_limit
from fazhi.org.models import Unit

from .models import MAX_OPTIONS, Bank, Difficulty, Exam, Kind, Question, QuestionVersion
from .services.questions import QuestionData

MAX_UPLOAD = 5 * 1024 * 1024


class BankForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=text_limit(Bank, "name"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX workbook"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("A workbook is at most 5 MB."))
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload the XLSX template (.xlsx)."))
        return upload


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Certificate code"), max_length=16)


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=500, initial=0)


def _points(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1, max_value=100, initial=2)


class ExamForm(forms.Form):
    """A new exam: window, duration, attempts, make-up window, a paper (fixed questions or a
    blueprint of counts per type) and the units whose cadres sit it."""

    title = forms.CharField(label=_("Title"), max_length=text_limit(Exam, "title"))
    bank = forms.ModelChoiceField(label=_("Question bank"), queryset=Bank.objects.none())
    mode = forms.ChoiceField(label=_("Paper"), choices=Exam.Mode.choices,
                             initial=Exam.Mode.DRAWN)
    question_ids = forms.CharField(
        label=_("Questions of a fixed paper"), required=False, max_length=3000,
        help_text=_("For a fixed paper: question numbers in order, separated by commas."))
    single = _count(_("Single-choice questions drawn"))
    multiple = _count(_("Multiple-choice questions drawn"))
    true_false = _count(_("True-or-false questions drawn"))
    fill = _count(_("Fill-in questions drawn"))
    law = forms.CharField(label=_("Drawn from the law"), required=False,
                          max_length=text_limit(Question, "law"),
                          help_text=_("Empty: every law of the bank."))
    difficulty = forms.TypedChoiceField(
        label=_("Difficulty drawn"), coerce=int, initial=0,
        choices=[(0, _("Any")), *Difficulty.choices])
    single_points = _points(_("Points per single-choice question"))
    multiple_points = _points(_("Points per multiple-choice question"))
    true_false_points = _points(_("Points per true-or-false question"))
    fill_points = _points(_("Points per fill-in question"))
    opens_at = DateTimeField(label=_("Opens at"), widget=DateTimeInput())
    closes_at = DateTimeField(label=_("Closes at"), widget=DateTimeInput())
    makeup_opens_at = DateTimeField(label=_("Make-up opens at"), required=False,
                                    widget=DateTimeInput())
    makeup_closes_at = DateTimeField(label=_("Make-up closes at"), required=False,
                                     widget=DateTimeInput())
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1,
                                          max_value=600, initial=120)
    max_attempts = forms.IntegerField(label=_("Attempts allowed"), min_value=1, max_value=20,
                                      initial=3)
    pass_percent = forms.IntegerField(label=_("Pass line (percent of points)"), min_value=0,
                                      max_value=100, initial=60)
    excellent_percent = forms.IntegerField(label=_("Excellent from (percent of points)"),
                                           min_value=0, max_value=100, initial=90)
    show_explanations = forms.BooleanField(label=_("Show explanations after submitting"),
                                           required=False, initial=True)
    training_hours = forms.IntegerField(label=_("Training hours"), min_value=0, max_value=200,
                                        initial=6)
    units = RowsChoiceField(label=_("Units whose cadres sit it"),
                            queryset=Unit.objects.none())

    def __init__(self, *args: Any, banks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bank"].queryset = banks  # type: ignore[attr-defined]
        self.fields["units"].queryset = (  # type: ignore[attr-defined]
            Unit.objects.filter(active=True).order_by("name"))

    def clean_question_ids(self) -> list[int]:
        parts = [p.strip() for p in re.split(r"[,，\s]+", self.cleaned_data["question_ids"])
                 if p.strip()]
        if not all(p.isdigit() and len(p) <= 12 for p in parts):
            raise forms.ValidationError(_("Question numbers are whole numbers separated by "
                                          "commas."))
        return [int(p) for p in parts]

    def service_fields(self) -> dict[str, Any]:
        """The cleaned input as exam_create's keywords."""
        data = dict(self.cleaned_data)
        kinds = ("single", "multiple", "true_false", "fill")
        fixed = data.pop("mode") == Exam.Mode.FIXED
        rules = [{"kind": k, "law": data["law"], "difficulty": data["difficulty"],
                  "count": data[k]} for k in kinds if data[k]]
        return {
            "title": data["title"], "bank": data["bank"],
            "unit_ids": [u.pk for u in data["units"]],
            "question_ids": data["question_ids"] if fixed else None,
            "mode": Exam.Mode.FIXED if fixed else Exam.Mode.DRAWN,
            "rules": [] if fixed else rules,
            "points": {k: data[f"{k}_points"] for k in kinds},
            **{k: data[k] for k in ("opens_at", "closes_at", "makeup_opens_at",
                                    "makeup_closes_at", "duration_minutes", "max_attempts",
                                    "pass_percent", "excellent_percent", "show_explanations",
                                    "training_hours")}}


# The fields of exam_create's errors that are not form fields, and where they are shown.
EXAM_ERROR_FIELDS = {"rules": "single", "points": "single_points", "unit_ids": "units",
                     "mode": "mode"}


class QuestionForm(forms.Form):
    """Editing a question writes a new version; the type stays."""

    stem = forms.CharField(label=_("Stem"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=text_limit(QuestionVersion, "stem"))
    options = forms.CharField(
        label=_("Options"), required=False, max_length=MAX_OPTIONS * 301,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Choice questions: one option a line, 2 to 6 lines."))
    answer = forms.CharField(
        label=_("Answer"), max_length=1000,
        help_text=_("Choice: the right options' numbers (1 = the first line), e.g. 1,3. "
                    "True or false: 对 or 错. Fill-in: the accepted texts separated by |."))
    explanation = forms.CharField(label=_("Explanation"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  max_length=text_limit(QuestionVersion, "explanation"))
    law = forms.CharField(label=_("Law"), max_length=text_limit(QuestionVersion, "law"))
    article = forms.CharField(label=_("Article of the law"), required=False,
                              max_length=text_limit(QuestionVersion, "article"))
    difficulty = forms.TypedChoiceField(label=_("Difficulty"), coerce=int,
                                        choices=Difficulty.choices)
    tags = forms.CharField(label=_("Tags"), required=False,
                           max_length=text_limit(Question, "tags"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    @classmethod
    def initial_for(cls, question: Question) -> dict[str, Any]:
        v = question.current
        assert v is not None
        if question.kind in (Kind.SINGLE, Kind.MULTIPLE):
            answer = ",".join(str(a + 1) for a in v.answer)
        elif question.kind == Kind.TRUE_FALSE:
            answer = "对" if v.answer == [0] else "错"
        else:
            answer = "|".join(v.answer)
        return {"stem": v.stem, "options": "\n".join(v.options), "answer": answer,
                "explanation": v.explanation, "law": v.law, "article": v.article,
                "difficulty": v.difficulty, "tags": question.tags, "version": question.version}

    def clean_answer(self) -> list[Any]:
        text = self.cleaned_data["answer"].strip()
        if self.kind == Kind.FILL:
            return [t.strip() for t in text.split("|") if t.strip()]
        if self.kind == Kind.TRUE_FALSE:
            folded = {"对": 0, "正确": 0, "√": 0, "错": 1, "错误": 1, "×": 1}
            if text not in folded:
                raise forms.ValidationError(_("A true-or-false answer is 对 or 错."))
            return [folded[text]]
        parts = [p.strip() for p in re.split(r"[,，\s]+", text) if p.strip()]
        if not parts or not all(p.isdigit() and len(p) <= 2 for p in parts):
            raise forms.ValidationError(_("Give the right options' numbers, e.g. 1,3."))
        return [int(p) - 1 for p in parts]

    def question_data(self) -> QuestionData:
        d = self.cleaned_data
        return QuestionData(kind=self.kind, stem=d["stem"], answer=d["answer"],
                            options=[o for o in d["options"].splitlines() if o.strip()],
                            explanation=d["explanation"], law=d["law"], article=d["article"],
                            difficulty=d["difficulty"], tags=d["tags"])
