"""What a work report says, in the shape of the sub-district's own report (the seed page):
sections with sentences written from the figures, tables, charts and, for every figure, a note
of where it comes from (period, filters, count). The three formats (documents.py) only lay
this out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from fazhi.assessments.selectors import assessment_get_for, by_dimension
from fazhi.core.charts import Chart
from fazhi.dutyreviews.selectors import review_of_year_for, score_get_for

from .figures import BY_KEY
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


def _model_sentence(figures: Figures) -> str:
    names = figures.sources.get("assessments", {}).get("names", [])
    if not names:
        return _("No community was named a model rule-of-law community in the period.")
    return _("%(names)s were named (or kept as) model democracy-and-rule-of-law communities "
             "(民主法治示范社区): %(n)s communities.") % {"names": "、".join(names),
                                                         "n": len(names)}


def content_for(*, actor: Any, since: dt.date, until: dt.date, community: int | None = None,
                place: str = "") -> Content:
    figures = figures_for(actor=actor, since=since, until=until, community=community)
    comparison = (comparison_for(actor=actor, since=since, until=until, figures=figures)
                  if not community else [])
    v = figures.values
    place = place or _("the whole sub-district")
    charts = charts_for(figures, comparison)
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
            _model_sentence(figures),
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


def assessment_content_for(*, actor: Any, assessment: int) -> Content:
    """A community's model-assessment report: the result, then per dimension each item's
    points, own and reviewed score, evidence and notes; every automatic item's reading of the
    records is listed as a figure with its source."""
    a = assessment_get_for(actor=actor, pk=assessment)
    scores = list(a.scores.all())
    dims = by_dimension(scores)
    own = sum((s.self_score or 0 for s in scores), Decimal(0))
    reviewed = sum((s.review_score or 0 for s in scores), Decimal(0))
    weight = sum((s.indicator.weight for s in scores), Decimal(0))
    head = [_("%(community)s, %(cycle)s, %(kind)s: %(status)s. Indicator tree version %(v)s, "
              "%(points)s points in all; the automatic items read the records of %(year)s.") % {
        "community": a.community.name, "cycle": a.cycle.title, "kind": a.get_kind_display(),
        "status": a.get_status_display(), "v": a.tree_version, "points": weight,
        "year": a.cycle.last_year},
        _("Own total %(own)s points; reviewed total %(reviewed)s points.") % {
        "own": own, "reviewed": reviewed}]
    if a.status == a.Status.CONCLUDED:
        head.append(_("Result: %(score)s points, grade %(grade)s; decision: %(decision)s "
                      "(%(day)s). Pass mark %(pass)s, excellent from %(excellent)s.") % {
            "score": a.score, "grade": a.get_grade_display(),
            "decision": a.get_decision_display(), "day": a.decided_on.isoformat()
            if a.decided_on else "—", "pass": a.cycle.pass_score,
            "excellent": a.cycle.excellent_score})
    header = [_("Indicator item"), _("Points"), _("Scored"), _("Own score"), _("Reviewed score"),
              _("Review"), _("Supporting material"), _("Notes")]
    sections = [Section(_("1. Result"), head)]
    for n, d in enumerate(dims, start=2):
        rows = [[s.indicator.title, s.indicator.weight, s.indicator.get_method_display(),
                 s.self_score, s.review_score, s.get_review_display(),
                 "；".join(e.label for e in s.evidence.all()) or "—",
                 "；".join(t for t in (s.measure_note, s.self_note, s.review_note) if t) or "—"]
                for s in d.scores]
        sections.append(Section(
            f"{n}. {d.label}",
            [_("%(own)s of %(weight)s points (reviewed: %(reviewed)s).") % {
                "own": d.self_total, "weight": d.weight, "reviewed": d.review_total}],
            table=(header, rows)))
    notes = [{"key": f"item-{s.indicator_id}", "label": s.indicator.title,
              "value": float(s.measured) if s.measured is not None else None, "unit": "",
              "definition": f"{s.indicator.get_rule_display()} ≥ {s.indicator.target}",
              "source": _("%(year)s, %(community)s: %(note)s") % {
                  "year": a.cycle.last_year, "community": a.community.name,
                  "note": s.measure_note or "—"}}
             for s in scores if s.indicator.method == s.indicator.Method.AUTO]
    return Content(title=_("Model democracy-and-rule-of-law community assessment report"),
                   period=a.cycle.title, place=a.community.name, sections=sections,
                   notes=notes, values={"score": str(a.score) if a.score is not None else None,
                                        "own": str(own), "reviewed": str(reviewed),
                                        "grade": a.grade, "decision": a.decision})


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
