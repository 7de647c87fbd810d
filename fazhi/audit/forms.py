from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import dateranges
from fazhi.core.textlimits import text_limit

from .models import Entry


class EntryFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False,
                               choices=[("", _("All")), *Entry.Action.choices])
    actor_name = forms.CharField(label=_("Actor"), required=False,
                                 max_length=text_limit(Entry, "actor_name"))
    object_type = forms.CharField(label=_("Object type"), required=False,
                                  max_length=text_limit(Entry, "object_type"))
    success = forms.NullBooleanField(label=_("Outcome"), required=False, widget=forms.Select(
        choices=[("", _("All")), ("true", _("Succeeded")), ("false", _("Failed"))]))
    since = dateranges.DateField(label=_("From"), required=False,
                            widget=dateranges.DateInput())
    until = dateranges.DateField(label=_("To"), required=False,
                            widget=dateranges.DateInput())

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date is before the start date."))
        return data
