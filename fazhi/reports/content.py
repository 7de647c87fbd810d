"""What a work report says, in the shape of the sub-district's own report (the seed page):
sections with sentences written from the figures, tables, charts and, for every figure, a note
of where it comes from (period, filters, count). The three formats (documents.py) only lay
this out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from fazhi.core.charts import Chart

from .figures import BY_KEY, PENDING
from .links import records_url
from .selectors import Figures, comparison_for, figures_for
from .trends import charts_for


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: tuple[list[str], list[list[Any]]] | None = None
    charts: list[Chart] = field(default_factory=list)


@dataclass
class Content:
    title: str
    period: str
    place: str
    sections: list[Section]
    notes: list[dict[str, Any]]
    values: dict[str, Any]


def _n(value: Any) -> str:
    return "—" if value is None else f"{value}"


def period_label(since: dt.date, until: dt.date) -> str:
    if (since.month, since.day, until.month, until.day) == (1, 1, 12, 31):
        if since.year == until.year:
            return _("%(year)s") % {"year": since.year}
        return _("%(first)s–%(last)s") % {"first": since.year, "last": until.year}
    return _("%(since)s to %(until)s") % {"since": since.isoformat(), "until": until.isoformat()}


def _notes(figures: Figures, place: str) -> list[dict[str, Any]]:
    return [{"key": f.key, "label": str(f.label), "value": value, "unit": str(f.unit),
             "definition": str(f.definition),
             "source": _("%(since)s to %(until)s, %(place)s; records: %(url)s") % {
                 "since": figures.since.isoformat(), "until": figures.until.isoformat(),
                 "place": place,
                 "url": records_url(f.records, since=figures.since, until=figures.until,
                                    community=figures.community) or "—"}}
            for f, value in figures.rows()]


def content_for(*, actor: Any, since: dt.date, until: dt.date, community: int | None = None,
                place: str = "") -> Content:
    figures = figures_for(actor=actor, since=since, until=until, community=community)
    comparison = (comparison_for(actor=actor, since=since, until=until, figures=figures)
                  if not community else [])
    v = figures.values
    place = place or _("the whole sub-district")
    charts = charts_for(figures, comparison)
    pending = {key: (str(label), str(reason)) for key, label, reason in PENDING}
    sections = [
        Section(_("1. Law study mechanism"), [
            _("Cadre law study and exams: %(reason)s") % {"reason": pending["cadre_study"][1]}]),
        Section(_("2. Law popularisation"), [
            _("In the period %(activities)s law-popularisation activities were held, among "
              "them %(lectures)s law lecture halls (法治大讲堂); they reached about "
              "%(attendance)s attendances, %(people)s different people.") % {
                "activities": _n(v.get("activities")), "lectures": _n(v.get("lectures")),
                "attendance": _n(v.get("attendance")), "people": _n(v.get("unique_people"))},
            _("Law into six places: %(covered)s of the six places reached.") % {
                "covered": _n(v.get("six_places"))},
            _("Model rule-of-law communities: %(reason)s") % {
                "reason": pending["model_communities"][1]},
        ], charts=[charts[k] for k in ("activities_by_month", "activities_by_community")
                   if k in charts]),
        Section(_("3. Resources brought together"), [
            _("%(agreements)s co-building agreements (共驻共建) with units of the area were in "
              "force.") % {"agreements": _n(v.get("agreements"))}]),
        Section(_("4. Rule of law for the people"), [
            _("%(workrooms)s community workrooms (综治工作室) work as the front windows of the "
              "public legal service station.") % {"workrooms": _n(v.get("workrooms"))},
            *([_("People under community correction took part in %(n)s study sessions.") % {
                "n": _n(v.get("correction_sessions"))}] if "correction_sessions" in v else []),
            _("%(received)s cases were received; %(mediated)s disputes were mediated "
              "successfully (success rate %(rate)s%%) and %(backlog)s backlog petitions were "
              "resolved.") % {"received": _n(v.get("received")), "mediated": _n(v.get("mediated")),
                              "rate": _n(v.get("success_rate")),
                              "backlog": _n(v.get("backlog_resolved"))},
            _("三代: acting for a claim in %(claim)s cases, speaking for wishes in %(wishes)s, "
              "handling affairs in %(affairs)s.") % {
                "claim": _n(v.get("sandai_claim")), "wishes": _n(v.get("sandai_wishes")),
                "affairs": _n(v.get("sandai_affairs"))},
            _("Concluded on time: %(on_time)s%%; satisfaction at follow-up visits: "
              "%(satisfaction)s%%.") % {"on_time": _n(v.get("on_time_rate")),
                                         "satisfaction": _n(v.get("satisfaction_rate"))},
        ], charts=[charts[k] for k in ("cases_by_month", "cases_by_community") if k in charts]),
    ]
    if comparison:
        sections.append(Section(_("By community"), table=(
            [_("Community"), str(BY_KEY["received"].label), str(BY_KEY["mediated"].label),
             str(BY_KEY["activities"].label), str(BY_KEY["attendance"].label)],
            [[r["name"], r["received"], r["mediated"], r["activities"], r["attendance"]]
             for r in comparison])))
    return Content(title=_("Rule-of-law work report"), period=period_label(since, until),
                   place=place, sections=sections, notes=_notes(figures, place),
                   values=dict(v))
