"""The deadline engine: China's official working-day calendar, local overrides, and the
Civil Code's rules for counting periods. See docs/deadlines.md.

Casework calls ``due_at(start, amount, unit, pauses=...)`` and ``state(due, now, threshold)``.
"""

from .counting import (
    add_calendar_days,
    add_hours,
    add_months,
    add_working_days,
    end_of_day,
    local_date,
)
from .deadlines import (
    CALENDAR_DAYS,
    HOURS,
    MONTHS,
    UNITS,
    WORKING_DAYS,
    Pause,
    State,
    due_at,
    remaining,
    state,
)
from .official import (
    SHANGHAI,
    CalendarUnknown,
    LocalCalendar,
    Overrides,
    first_known_year,
    holiday_name,
    is_rest_day,
    is_workday,
    last_known_year,
    official_is_workday,
    overrides_load,
)
from .overrides import (
    OverrideConflict,
    calendar_override_delete,
    calendar_override_get,
    calendar_override_list,
    calendar_override_set,
    calendar_year_enter,
    calendar_year_list,
    calendar_year_validate,
    calendar_year_withdraw,
    override_validate,
)

__all__ = [
    "CALENDAR_DAYS", "HOURS", "MONTHS", "SHANGHAI", "UNITS", "WORKING_DAYS",
    "CalendarUnknown", "LocalCalendar", "OverrideConflict", "Overrides", "Pause", "State",
    "add_calendar_days", "add_hours", "add_months", "add_working_days",
    "calendar_override_delete", "calendar_override_get", "calendar_override_list",
    "calendar_override_set", "calendar_year_enter", "calendar_year_list",
    "calendar_year_validate", "calendar_year_withdraw", "due_at", "end_of_day", "first_known_year", "holiday_name",
    "is_rest_day", "is_workday", "last_known_year", "local_date", "official_is_workday",
    "override_validate", "overrides_load", "remaining", "state",
]
