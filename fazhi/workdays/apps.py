from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    """The working-day calendar's page, API and audited edits; the calendar itself (the
    official arrangement, the override tables, the deadline engine) is ``core.workdays``."""

    name = "fazhi.workdays"
    label = "workdays"
    verbose_name = _("Working-day calendar")
