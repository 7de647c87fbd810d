"""The calendar page's input: an override of one date, a year entered in full, a removal."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import CalendarOverride, CalendarYear
from fazhi.core.textlimits import text_limit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CalendarOverrideForm(forms.Form):
    day = forms.DateField(label=_("date"), widget=DATE)
    is_workday = forms.TypedChoiceField(
        label=_("the date is"), coerce=lambda v: v == "1", widget=forms.RadioSelect,
        choices=[("0", _("a rest day")), ("1", _("a working day"))])
    note = forms.CharField(
        label=_("note"), max_length=text_limit(CalendarOverride, "note"),
        help_text=_("Why, e.g. a local holiday or the State Council's notice of a change."))


class CalendarYearForm(forms.Form):
    note = forms.CharField(
        label=_("note"), max_length=text_limit(CalendarYear, "note"),
        help_text=_("Where the arrangement was published, e.g. the State Council's notice."))


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
