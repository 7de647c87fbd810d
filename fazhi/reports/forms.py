"""The period (and community) of the dashboard and of a report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core import dateranges

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_DAYS = 20 * 366


class PeriodForm(forms.Form):
    since = dateranges.DateField(label=_("From"), widget=DATE)
    until = dateranges.DateField(label=_("To"), widget=DATE)
    community = forms.TypedChoiceField(label=_("Community"), required=False, coerce=int,
                                       empty_value=None)

    def __init__(self, *args: Any, communities: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [  # type: ignore[attr-defined]
            ("", _("Whole sub-district")), *communities]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until:
            if until < since:
                self.add_error("until", _("The end date must not be before the start date."))
            elif (until - since).days > MAX_DAYS:
                self.add_error("until", _("A period covers at most 20 years."))
        return data


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """This year so far."""
    today = today or timezone.localdate()
    return today.replace(month=1, day=1), today


def year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def previous_period(since: dt.date, until: dt.date) -> tuple[dt.date, dt.date] | None:
    """The same days a year earlier (what the dashboard compares with), if plausible."""
    first, last = year_before(since), year_before(until)
    return (first, last) if first >= dateranges.EARLIEST else None
