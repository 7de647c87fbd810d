"""The charts of the dashboard and of the report, described once from the figures (the page
draws them as SVG, the PDF embeds the same SVG, the DOCX the same chart as PNG)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from fazhi.core.charts import Chart, Series

from .selectors import Figures


def _month_label(label: str) -> str:
    return _("%(month)s") % {"month": label} if "-" in label else _("Month %(n)s") % {"n": label}


def charts_for(figures: Figures, comparison: list[dict[str, Any]]) -> dict[str, Chart]:
    out: dict[str, Chart] = {}
    stats = figures.sources.get("cases")
    if stats is not None:
        rows = stats["by_month"]
        out["cases_by_month"] = (Chart(_("Cases received and concluded by month"),
                         [r["month"] for r in rows],
                         [Series(_("Cases received"), [r["received"] for r in rows]),
                          Series(_("Cases concluded"), [r["concluded"] for r in rows])]))
    reach = figures.sources.get("reach")
    if reach is not None:
        rows = [r for r in reach.by_month if r.sessions] if len(reach.by_month) > 12 else \
            reach.by_month
        out["activities_by_month"] = (Chart(_("Activities held by month"), [_month_label(r.label) for r in rows],
                         [Series(_("Activities"), [r.sessions for r in rows])]))
    if comparison and figures.community is None:
        names = [row["name"] for row in comparison]
        out["cases_by_community"] = (Chart(_("Cases by community"), names,
                         [Series(_("Cases received"), [row["received"] for row in comparison]),
                          Series(_("Mediated successfully"),
                                 [row["mediated"] for row in comparison])], kind="bars"))
        out["activities_by_community"] = (Chart(_("Activities by community"), names,
                         [Series(_("Activities"), [row["activities"] for row in comparison])],
                         kind="bars"))
    return out
