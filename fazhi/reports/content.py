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
from fazhi.dutyreviews.selectors import review_of_year_for, score_get_for

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
            _("Cadre law exams: %(exams)s exams closed in the period with %(enrolled)s cadres "
              "enrolled; participation %(sat)s%%, pass rate %(passed)s%%, excellence rate "
              "%(excellent)s%%.") % {
                "exams": _n(v.get("cadre_exams")), "enrolled": _n(v.get("exam_enrolled")),
                "sat": _n(v.get("exam_sat_rate")), "passed": _n(v.get("exam_pass_rate")),
                "excellent": _n(v.get("exam_excellent_rate"))}]
            if "cadre_exams" in v else []),
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


def _figure(value: Any) -> str:
    return "—" if value is None else f"{value}"


def duty_content_for(*, actor: Any, year: int, unit_pk: int) -> Content:
    """A unit's duty-review report: its score and grade, and each of the four parts with the
    figures behind it (docs/dutyreviews.md), as the review page shows them."""
    review = review_of_year_for(actor=actor, year=year)
    s = score_get_for(actor=actor, review=review, unit_pk=unit_pk)
    p = s.progress
    weights = {"c": review.weight_completion, "r": review.weight_rating,
               "p": review.weight_peer, "s": review.public_share}
    sections = [
        Section(_("1. Score and grade"), [
            _("In the duty review of %(year)s, %(unit)s scored %(total)s and was rated "
              "%(grade)s.") % {"year": year, "unit": s.unit.name, "total": _figure(s.total),
                               "grade": s.grade_label or "—"},
            _("Score = completion × %(c)s%% + (public rating and panel) × %(r)s%% + other "
              "units' marks × %(p)s%%; the public rating takes %(s)s%% of its part, the panel "
              "the rest. A part nobody has marked yet is left out and the others are scaled "
              "up.") % weights]),
        Section(_("2. Completion of the responsibility list"), [
            _("%(planned)s activities were planned over %(items)s items; %(held)s were held "
              "against the list and %(credited)s are credited (an item at most its planned "
              "count): %(percent)s%%.") % {
                "planned": p.planned, "items": len(p.items), "held": s.activities,
                "credited": p.credited, "percent": s.completion}
            if p else _("No approved responsibility list for the year: 0.")],
            table=([_("Item"), _("Planned"), _("Held"), _("Credited")],
                   [[f"{i.item.position}. {i.item.laws}", i.planned, i.done, i.credited]
                    for i in p.items]) if p else None),
        Section(_("3. Public rating"), [
            _("%(n)s residents rated the unit: %(a)s satisfied, %(b)s basically satisfied, "
              "%(c)s unsatisfied; %(score)s points.") % {
                "n": s.rating_count, "a": s.ratings.get("satisfied", 0),
                "b": s.ratings.get("basic", 0), "c": s.ratings.get("unsatisfied", 0),
                "score": _figure(s.public_score)}]),
        Section(_("4. Panel and other units"), [
            _("The panel's mean mark: %(score)s (%(n)s marks).") % {
                "score": _figure(s.panel_score), "n": s.panel_count},
            _("The other member units' mean mark: %(score)s (%(n)s marks).") % {
                "score": _figure(s.peer_score), "n": s.peer_count}]),
    ]
    # Kept as text (the report's figures are JSON): "72.5", None when nobody marked.
    values = {key: None if value is None else str(value) for key, value in (
        ("completion", s.completion), ("public_score", s.public_score),
        ("panel_score", s.panel_score), ("rating_score", s.rating_score),
        ("peer_score", s.peer_score), ("total", s.total), ("grade", s.grade_label))}
    source = _("Duty review %(year)s (weights %(c)s/%(r)s/%(p)s, public share %(s)s%%)") % {
        "year": year, **weights}
    notes = [{"key": key, "label": label, "value": values[key], "unit": unit,
              "definition": definition, "source": source} for key, label, unit, definition in (
        ("completion", _("Completion"), "%", _(
            "Credited / planned activities of the unit's approved list of the year.")),
        ("public_score", _("Public rating"), "", _(
            "Mean points of residents' ratings: satisfied 100, basically satisfied 60, "
            "unsatisfied 0.")),
        ("panel_score", _("Panel"), "", _("Mean of the panel members' marks (0–100).")),
        ("rating_score", _("Public rating and panel together"), "", _(
            "Public rating and panel mixed by the public share.")),
        ("peer_score", _("Other units"), "", _(
            "Mean of the other member units' marks (0–100); a unit never marks itself.")),
        ("total", _("Score"), "", _("The parts present, mixed by the review's weights.")))]
    return Content(title=_("Duty-review report"), period=period_label(
        dt.date(year, 1, 1), dt.date(year, 12, 31)), place=s.unit.name, sections=sections,
        notes=[{k: (str(v) if k in ("label", "definition") else v) for k, v in n.items()}
               for n in notes], values=values)
