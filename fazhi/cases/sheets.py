"""The case statistics as a workbook: the page's figures (``selectors.stats.stats_for``) laid
out in sheets with Chinese headers. Words and layout live here, not in the selector."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from fazhi.core.spreadsheets import Sheet, xlsx_bytes

HEADLINE = [("received", _("Received")), ("concluded", _("Concluded")),
            ("mediated", _("Mediated successfully")), ("success_rate", _("Success rate (%)")),
            ("on_time_rate", _("On-time rate (%)")), ("response_rate", _("Response rate (%)")),
            ("satisfaction_rate", _("Satisfaction rate (%)")),
            ("amount", _("Amount covered by agreements (yuan)")),
            ("prevented", _("Kept from turning criminal (cases)")),
            ("prevented_persons", _("Kept from turning criminal (persons)")),
            ("backlog_resolved", _("Backlog petitions resolved"))]


def stats_xlsx(figures: dict[str, Any]) -> bytes:
    summary = [[str(label), float(value) if isinstance(value, Decimal) else value]
               for key, label in HEADLINE for value in (figures[key],)]
    sheets = [Sheet(str(_("Summary")),
                    [str(_("from")), figures["since"].isoformat(), str(_("until")),
                     figures["until"].isoformat()], summary)]
    for key, col, title in (("by_category", "category__name", _("By category")),
                            ("by_channel", "label", _("By channel")),
                            ("by_source", "label", _("By source"))):
        sheets.append(Sheet(str(title), [str(title), str(_("Cases"))],
                            [[row[col], row["n"]] for row in figures[key]]))
    sheets.append(Sheet(str(_("By month")), [str(_("month")), str(_("Received")),
                                             str(_("Concluded"))],
                        [[row["month"], row["received"], row["concluded"]]
                         for row in figures["by_month"]]))
    return xlsx_bytes(sheets)
