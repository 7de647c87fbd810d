"""HTML input shapes only; the rules live in the models and services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from fazhi.core.dateranges import DateTimeInput
from fazhi.core.roles import ADMINISTRATION_ROLES
from fazhi.core.textlimits import text_limit
from fazhi.org.models import Unit

from .models import PublicRating, Review


class ReviewForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0,
                                 max_value=2**31)
    units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(), label=_("units reviewed"),
        widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("Leave empty on a new review to take every active member unit."))
    panel = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(), required=False, label=_("panel members"),
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Review
        fields = ["year", "title", "weight_completion", "weight_rating", "weight_peer",
                  "public_share", "rating_opens_at", "rating_closes_at", "is_published"]
        widgets = {"rating_opens_at": DateTimeInput(), "rating_closes_at": DateTimeInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = (  # type: ignore[attr-defined]
            Unit.objects.filter(is_member_unit=True).order_by("name"))
        self.fields["panel"].queryset = (  # type: ignore[attr-defined]
            get_user_model().objects.filter(is_active=True)
            .exclude(role__in=ADMINISTRATION_ROLES).order_by("username"))

    def validate_unique(self) -> None:
        """The service says "already a review of this year" beside the field."""


class MarksForm(forms.Form):
    """One mark field per unit (``unit_<pk>``), blank for unmarked; the sheet's stamp."""

    stamp = forms.CharField(widget=forms.HiddenInput, max_length=80, required=False)

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for unit in units:
            self.fields[f"unit_{unit.pk}"] = forms.DecimalField(
                label=unit.name, required=False, min_value=0, max_value=100, max_digits=5,
                decimal_places=2, widget=forms.NumberInput(attrs={"step": "0.01",
                                                                  "inputmode": "decimal"}))

    def marks(self) -> dict[int, Any]:
        return {int(name[5:]): value for name, value in self.cleaned_data.items()
                if name.startswith("unit_")}


class RatingForm(forms.Form):
    level = forms.ChoiceField(label=_("Your rating"), choices=PublicRating.Level.choices,
                              widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False,
        max_length=text_limit(PublicRating, "comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("At most 200 characters. Seen only by the sub-district's staff."))
