"""HTML input shapes only; the rules live in the models and services."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core import dateranges
from fazhi.core.dateranges import DateTimeInput
from fazhi.core.textlimits import text_limit
from fazhi.org.models import Unit
from fazhi.org.selectors import communities_for, community_choices

from .models import (
    Activity,
    ActivityPhoto,
    KeyDate,
    ListItem,
    ResponsibilityList,
    SignIn,
    StudySession,
    SupervisionNote,
    WalkIn,
)

MAX_UPLOAD = 5 * 1024 * 1024


def _limit(form: forms.BaseForm, name: str, queryset: QuerySet) -> None:
    form.fields[name].queryset = queryset  # type: ignore[attr-defined]


class ListCreateForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("unit"))
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self, "unit", units)
        self.fields["year"].initial = timezone.localdate().year


class ItemForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ListItem
        fields = ["laws", "audience", "channels", "planned_count", "quarter", "leader", "person",
                  "office", "standard", "key_dates"]


class ImportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    file = forms.FileField(label=_("XLSX workbook"),
                           help_text=_("Filled-in template; at most 5 MB."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Supervision note"), max_length=text_limit(SupervisionNote, "text"),
                           widget=forms.Textarea(attrs={"rows": 3}))
    item = forms.ModelChoiceField(queryset=ListItem.objects.none(), required=False,
                                  label=_("About item"))

    def __init__(self, *args, lst: ResponsibilityList | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if lst is not None:
            _limit(self, "item", lst.items.all())


class ActivityForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Activity
        fields = ["kind", "place", "key_date", "title", "starts_at", "ends_at", "venue",
                  "community", "unit", "speakers", "laws", "audience", "planned_attendance",
                  "summary", "items", "opens_before", "closes_after"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput(),
                   "summary": forms.Textarea(attrs={
                       "rows": 4, "maxlength": text_limit(Activity, "summary")}),
                   "items": forms.CheckboxSelectMultiple}

    def __init__(self, *args, items=None, units=None, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self, "community", communities_for())
        _limit(self, "key_date", KeyDate.objects.filter(active=True))
        if items is not None:
            _limit(self, "items", items)
        if units is not None:
            _limit(self, "unit", units)
        if kinds is not None:
            self.fields["kind"].choices = [("", "---------"), *kinds]  # type: ignore[attr-defined]


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Photo"), help_text=_("JPEG or PNG, at most 8 MB."))
    caption = forms.CharField(label=_("caption"), max_length=text_limit(ActivityPhoto, "caption"), required=False)


class WalkInForm(forms.Form):
    count = forms.IntegerField(label=_("People without sign-in"), min_value=1, max_value=10000)
    note = forms.CharField(label=_("note"), max_length=text_limit(WalkIn, "note"), required=False)


def _community_choices() -> list[tuple[object, object]]:
    return [("", _("Not from a community of this sub-district")), *community_choices()]


class CheckinForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=SignIn.NAME_MAX_LENGTH)
    mobile = forms.CharField(label=_("Mobile"), max_length=20,
                             widget=forms.TextInput(attrs={"inputmode": "tel",
                                                           "autocomplete": "tel"}))
    # The choices are read when the page is drawn or a community is chosen, not when the form
    # is built: the public page is the hot path of a lecture's burst (a ModelChoiceField's
    # queryset is copied for every form). Cleaned: the community's id, or None.
    community = forms.TypedChoiceField(
        choices=_community_choices, coerce=int, empty_value=None, required=False,
        label=_("Community"))
    affiliation = forms.CharField(label=_("Or your unit / other community"),
                                  max_length=text_limit(SignIn, "affiliation"),
                                  required=False)


class KeyDateForm(forms.ModelForm):
    class Meta:
        model = KeyDate
        fields = ["month", "day", "name", "laws", "active"]


class StudySessionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = StudySession
        fields = ["unit", "kind", "date", "topic", "laws", "minutes", "duration", "users", "people"]
        widgets = {"date": dateranges.DateInput(),
                   "minutes": forms.Textarea(attrs={
                       "rows": 5, "maxlength": text_limit(StudySession, "minutes")}),
                   "users": forms.CheckboxSelectMultiple, "people": forms.CheckboxSelectMultiple}

    def __init__(self, *args, units=None, users=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            _limit(self, "unit", units)
        if users is not None:
            _limit(self, "users", users)
        if people is not None:
            _limit(self, "people", people)


class ReachPeriodForm(forms.Form):
    """The period of the reach page: any dates (inclusive), at most 20 years."""

    since = dateranges.DateField(label=_("From"), widget=dateranges.DateInput())
    until = dateranges.DateField(label=_("To"), widget=dateranges.DateInput())

    def clean(self):
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until:
            if until < since:
                self.add_error("until", _("The end date must not be before the start date."))
            elif (until - since).days > 20 * 366:
                self.add_error("until", _("A period covers at most 20 years."))
        return data
