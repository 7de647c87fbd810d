"""HTML input shapes of the study app; the rules live in the models and services."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fazhi.core import dateranges
from fazhi.core.textlimits import text_limit
from fazhi.org.models import Unit
from fazhi.outreach.models import StudySession

from .models import Material, YearRule


class MaterialForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Material
        fields = ["kind", "title", "summary", "body", "video_url", "credit_minutes", "published"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14,
                                                 "maxlength": text_limit(Material, "body")})}


class RuleForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = YearRule
        fields = ["credit_weight", "target_minutes", "daily_minutes", "pass_score",
                  "excellent_score"]


class WeeklyForm(forms.Form):
    """A unit's 学法半小时 of one week (an outreach study session of kind "half hour")."""

    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("unit"))
    date = dateranges.DateField(label=_("date"))
    topic = forms.CharField(label=_("topic"), max_length=text_limit(StudySession, "topic"))
    duration = forms.IntegerField(label=_("study time (minutes)"), min_value=1, max_value=480,
                                  initial=30)
    laws = forms.CharField(label=_("laws studied"), required=False,
                           max_length=text_limit(StudySession, "laws"))
    users = forms.ModelMultipleChoiceField(queryset=get_user_model().objects.none(),
                                           label=_("attendees"), required=False,
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, units: QuerySet | None = None, users: QuerySet | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        if users is not None:
            self.fields["users"].queryset = users  # type: ignore[attr-defined]
            self.fields["users"].label_from_instance = str  # type: ignore[attr-defined]


class BeatForm(forms.Form):
    seq = forms.IntegerField(min_value=1, max_value=10**9)
    visible = forms.BooleanField(required=False)
