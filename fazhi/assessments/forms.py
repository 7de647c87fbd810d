"""Input shapes of the assessment pages; the rules live in the models and services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.dateranges import DateField
from fazhi.core.textlimits import text_limit

from .models import Assessment, Cycle, Dimension, Evidence, Indicator, Rule, Score


def points(label: Any, *, required: bool = True) -> forms.DecimalField:
    """A score in points: 0 to 100, one decimal (an item's own maximum is the service's)."""
    return forms.DecimalField(label=label, required=required, max_digits=4, decimal_places=1,
                              min_value=Decimal("0"), max_value=Decimal("100"))


class FilterForm(forms.Form):
    """The assessment list's filters (the dashboard's "model communities" links here)."""

    community = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1,
                                   widget=forms.HiddenInput)
    model = forms.BooleanField(label=_("Model communities only"), required=False)
    decided_since = DateField(label=_("Decided from"), required=False)
    decided_until = DateField(label=_("Decided until"), required=False)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31)


class CycleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=text_limit(Cycle, "title"))
    first_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2099)


class MarksForm(VersionForm):
    title = forms.CharField(label=_("Title"), max_length=text_limit(Cycle, "title"))
    pass_score = points(_("Pass mark"))
    excellent_score = points(_("Mark for excellent"))
    warn_score = points(_("Mark for a warning at re-check"))


class IndicatorForm(forms.Form):
    tree_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31)
    dimension = forms.ChoiceField(label=_("Dimension"), choices=Dimension.choices)
    title = forms.CharField(label=_("Indicator item"), max_length=text_limit(Indicator, "title"))
    guidance = forms.CharField(label=_("What counts"), required=False,
                               max_length=text_limit(Indicator, "guidance"),
                               widget=forms.Textarea(attrs={"rows": 2}))
    weight = forms.DecimalField(label=_("Points"), max_digits=4, decimal_places=1,
                                min_value=Decimal("0.5"), max_value=Decimal("100"))
    method = forms.ChoiceField(label=_("Scored"), choices=Indicator.Method.choices)
    rule = forms.ChoiceField(label=_("Record rule"), required=False,
                             choices=[("", "—"), *Rule.choices])
    target = forms.DecimalField(label=_("Target"), required=False, max_digits=7,
                                decimal_places=1, min_value=Decimal("0.1"),
                                max_value=Decimal("99999"))
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=999, initial=0)


class TreeVersionForm(forms.Form):
    tree_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31)


class StartForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Assessment.Kind.choices)


class SelfScoreForm(VersionForm):
    self_score = points(_("Own score"), required=False)
    self_note = forms.CharField(label=_("Own note"), required=False,
                                max_length=text_limit(Score, "self_note"),
                                widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Supporting material"), choices=Evidence.Kind.choices)
    label = forms.CharField(label=_("Description"), required=False,
                            max_length=text_limit(Evidence, "label"))
    file = forms.FileField(label=_("File (PDF, JPG, PNG, DOCX, at most 10 MB)"), required=False)
    record_id = forms.IntegerField(label=_("Record number (id)"), required=False, min_value=1,
                                   max_value=2**63 - 1)


class ReviewForm(VersionForm):
    verdict = forms.ChoiceField(label=_("Verdict"), choices=[
        (Score.Review.ACCEPTED, _("Accept the item")), (Score.Review.RETURNED, _("Return to the community"))])
    review_score = points(_("Reviewed score"), required=False)
    review_note = forms.CharField(label=_("Reviewer's note"), required=False,
                                  max_length=text_limit(Score, "review_note"),
                                  widget=forms.Textarea(attrs={"rows": 2}))
