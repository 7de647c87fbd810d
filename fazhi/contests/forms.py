"""HTML input shapes only; the rules live in the models and services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.dateranges import DateTimeField, DateTimeInput
from fazhi.core.textlimits import text_limit
from fazhi.exams.models import Bank
from fazhi.org.models import Unit
from fazhi.org.selectors import community_choices

from .models import Contest, Participant, Round


class StartForm(forms.Form):
    """Where the participant belongs: a community and (optionally) a unit, chosen from lists."""

    name = forms.CharField(label=_("Name or nickname (shown masked on the leaderboard)"),
                           required=False, max_length=text_limit(Participant, "name"))
    community = forms.TypedChoiceField(label=_("Your community"), coerce=int, choices=())
    unit = forms.TypedChoiceField(label=_("Your unit (optional)"), coerce=int, required=False,
                                  empty_value=None, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [("", "—"), *community_choices()]  # type: ignore[attr-defined]
        self.fields["unit"].choices = [("", "—"), *(  # type: ignore[attr-defined]
            (str(pk), name) for pk, name in Unit.objects.order_by("name", "pk")
            .values_list("pk", "name"))]


class ContestForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    bank = forms.ModelChoiceField(queryset=Bank.objects.order_by("name"),
                                  label=_("question bank"))

    class Meta:
        model = Contest
        fields = ["title", "intro", "bank", "is_published", "per_device", "per_network"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 4,
                                                  "maxlength": text_limit(Contest, "intro")})}


class RoundForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    opens_at = DateTimeField(label=_("opens at"), widget=DateTimeInput())
    closes_at = DateTimeField(label=_("closes at"), widget=DateTimeInput())

    class Meta:
        model = Round
        fields = ["name", "opens_at", "closes_at", "seconds", "single_count", "multiple_count",
                  "true_false_count", "law", "points"]
