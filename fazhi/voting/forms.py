"""HTML input shapes only; the rules live in the models and services."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from fazhi.core.dateranges import DateTimeInput
from fazhi.core.mobileforms import MobileCodeForm
from fazhi.core.roles import ADMINISTRATION_ROLES
from fazhi.core.textlimits import text_limit

from .models import Campaign, Candidate, Category


class VerifyForm(MobileCodeForm):
    next = forms.IntegerField(required=False, min_value=1, max_value=2**62,
                              widget=forms.HiddenInput)


class CastForm(forms.Form):
    candidate = forms.IntegerField(min_value=1, max_value=2**62, widget=forms.HiddenInput)


class CampaignForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Campaign
        fields = ["title", "intro", "opens_at", "closes_at", "is_published",
                  "picks_per_category", "public_weight", "votes_per_address",
                  "votes_per_device", "burst_per_network", "burst_per_device"]
        widgets = {"opens_at": DateTimeInput(), "closes_at": DateTimeInput(),
                   "intro": forms.Textarea(attrs={"rows": 4,
                                                  "maxlength": text_limit(Campaign, "intro")})}


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("category"), max_length=text_limit(Category, "name"))
    position = forms.IntegerField(label=_("order"), min_value=0, max_value=1000, initial=0)


class CandidateForm(forms.Form):
    category = forms.ModelChoiceField(queryset=Category.objects.none(), label=_("category"))
    name = forms.CharField(label=_("candidate's name"), max_length=text_limit(Candidate, "name"))
    affiliation = forms.CharField(label=_("unit or community"), required=False,
                                  max_length=text_limit(Candidate, "affiliation"))
    intro = forms.CharField(label=_("introduction text"), required=False,
                            max_length=text_limit(Candidate, "intro"),
                            widget=forms.Textarea(attrs={"rows": 5}))
    position = forms.IntegerField(label=_("order"), min_value=0, max_value=1000, initial=0)
    photo = forms.FileField(label=_("photo"), required=False,
                            help_text=_("JPEG or PNG, at most 8 MB."))

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(  # type: ignore[attr-defined]
            campaign=campaign)


class JurorsForm(forms.Form):
    jurors = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(), required=False, label=_("jury members"),
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurors"].queryset = (  # type: ignore[attr-defined]
            get_user_model().objects.filter(is_active=True)
            .exclude(role__in=ADMINISTRATION_ROLES).order_by("username"))


class IdsField(forms.Field):
    """Ticked row ids: whole numbers, at most ``MAX`` of them."""

    MAX = 500
    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        values = value if isinstance(value, (list, tuple)) else ([value] if value else [])
        if len(values) > self.MAX:
            raise forms.ValidationError(_("At most %(n)d votes at once.") % {"n": self.MAX})
        if not all(isinstance(v, str) and v.isdigit() and len(v) <= 18 for v in values):
            raise forms.ValidationError(_("Tick votes from the list."))
        return [int(v) for v in values]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept (count)")),
                                          ("reject", _("Reject"))])
    votes = IdsField(required=False)


class MarkForm(forms.Form):
    candidate = forms.IntegerField(min_value=1, max_value=2**62, widget=forms.HiddenInput)
    score = forms.DecimalField(label=_("mark (0-100)"), min_value=0, max_value=100,
                               max_digits=5, decimal_places=2)
