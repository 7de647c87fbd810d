"""Every figure a leader reads, declared once: the dashboard, the report's sentences and
tables, the docs (docs/reports.md) and the tests all read this list.

A figure is computed from a *source*: one scoped selector of another app, called once per
viewer, period and community however many figures read it (``selectors.figures_for``). The
list of records behind a figure is named by ``records`` and turned into a URL by the view
layer (``views.links``), never here.

Extension points (the assessments and exams issues): add a source to ``SOURCES`` that calls
the new app's selector with ``actor, since, until, community`` and a ``Figure`` per number,
then drop its row from ``PENDING``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import sources

Source = Callable[..., Any]

# Units shown after a value (a context of their own: "people" as a unit is not a word alone).
CASES = pgettext_lazy("unit", "cases")
SESSIONS = pgettext_lazy("unit", "sessions")
ATTENDANCES = pgettext_lazy("unit", "attendances")
PEOPLE = pgettext_lazy("unit", "people")
WORKROOMS = pgettext_lazy("unit", "workrooms")
AGREEMENTS = pgettext_lazy("unit", "agreements")
COMMUNITIES = pgettext_lazy("unit", "communities")
EXAMS = pgettext_lazy("unit", "exams")

SOURCES: dict[str, Source] = {
    "cases": sources.cases,
    "sandai": sources.sandai,
    "reach": sources.reach,
    "org": sources.org,
    "assessments": sources.model_communities,
    "exams": sources.exams,
}


def _everyone(actor: Any) -> bool:
    return True


def _justice(actor: Any) -> bool:
    return bool(getattr(actor, "sees_justice_records", False))


def _street_wide(actor: Any) -> bool:
    return bool(getattr(actor, "sees_all_communities", False))


@dataclass(frozen=True)
class Figure:
    key: str
    label: Any  # lazy text
    group: str  # cases | outreach | study | org
    source: str  # a key of SOURCES
    pick: Callable[[Any], Any]
    definition: Any  # lazy text: what counts and which dates (docs/reports.md)
    unit: Any = ""  # lazy text: 件, 场, 人次, %
    records: str = ""  # the record list behind it (views.links), "" for none
    rate: bool = False
    visible: Callable[[Any], bool] = _everyone

    def count(self, *, actor: Any, since: dt.date, until: dt.date,
              community: int | None = None) -> Any:
        """The figure alone for a viewer, a period and an optional community."""
        return self.pick(SOURCES[self.source](actor=actor, since=since, until=until,
                                              community=community))


def _mode(mode: str) -> Callable[[Any], Any]:
    return lambda s: s.get(mode, 0)


FIGURES: list[Figure] = [
    Figure("received", _("Cases received"), "cases", "cases", lambda s: s["received"],
           _("Cases (appeals, disputes, petitions) received in the period."), CASES,
           records="cases_received"),
    Figure("disputes_concluded", _("Disputes concluded"), "cases", "cases",
           lambda s: s["disputes_concluded"],
           _("Disputes with an outcome concluded in the period."), CASES,
           records="disputes_concluded"),
    Figure("mediated", _("Disputes mediated successfully"), "cases", "cases",
           lambda s: s["mediated"],
           _("Cases concluded in the period with a written or oral mediation agreement."),
           CASES, records="mediated"),
    Figure("success_rate", _("Mediation success rate"), "cases", "cases",
           lambda s: s["success_rate"],
           _("Disputes mediated successfully / disputes concluded in the period, in %."), "%",
           records="disputes_concluded", rate=True),
    Figure("on_time_rate", _("Concluded on time"), "cases", "cases",
           lambda s: s["on_time_rate"],
           _("Of the handling deadlines of the cases concluded in the period: met / (met + "
             "missed), in %."), "%", records="concluded", rate=True),
    Figure("satisfaction_rate", _("Satisfaction"), "cases", "cases",
           lambda s: s["satisfaction_rate"],
           _("Follow-up visits made in the period: satisfied or basically satisfied / all "
             "visits, in %."), "%", records="concluded", rate=True),
    Figure("backlog_resolved", _("Backlog petitions resolved"), "cases", "cases",
           lambda s: s["backlog_resolved"],
           _("Petitions marked as backlog (信访积案) concluded in the period."), CASES,
           records="backlog_resolved"),
    Figure("sandai_claim", _("三代: acting for a claim"), "cases", "sandai", _mode("claim"),
           _("Cases received in the period in which staff act as agent for a claim (诉求代理)."),
           CASES, records="sandai_claim"),
    Figure("sandai_wishes", _("三代: speaking for wishes"), "cases", "sandai", _mode("wishes"),
           _("Cases received in the period in which staff speak for residents' wishes "
             "(意愿代言)."), CASES, records="sandai_wishes"),
    Figure("sandai_affairs", _("三代: handling affairs"), "cases", "sandai", _mode("affairs"),
           _("Cases received in the period in which staff handle affairs on residents' behalf "
             "(事务代办)."), CASES, records="sandai_affairs"),
    Figure("activities", _("Activities held"), "outreach", "reach", lambda r: r.sessions,
           _("Law-popularisation activities that started in the period (planned ones not "
             "yet)."), SESSIONS, records="activities"),
    Figure("lectures", _("Law lecture halls held"), "outreach", "reach",
           lambda r: r.kind_sessions("lecture_hall"),
           _("Activities of the kind 法治大讲堂 that started in the period."), SESSIONS,
           records="lectures"),
    Figure("attendance", _("Attendances"), "outreach", "reach", lambda r: r.attendance,
           _("Sign-ins plus walk-in tallies of the activities held in the period (a person "
             "who came twice counts twice)."), ATTENDANCES, records="activities"),
    Figure("unique_people", _("Different people reached"), "outreach", "reach",
           lambda r: r.unique_people,
           _("Different mobiles among the sign-ins of the activities held in the period, each "
             "counted once over the whole period."), PEOPLE, records="activities"),
    Figure("six_places", _("Law-into-six-places coverage"), "outreach", "reach",
           lambda r: r.places_covered,
           _("How many of the six places (organs, villages, communities, schools, enterprises, "
             "work units) had at least one activity held in the period, of 6."), "/6",
           records="six_places"),
    Figure("correction_sessions", _("Study sessions for people under community correction"),
           "outreach", "reach", lambda r: r.kind_sessions("correction"),
           _("Activities of the kind community-correction study held in the period; shown "
             "only to justice-office roles."), SESSIONS, records="correction",
           visible=_justice),
    Figure("model_communities", _("Model rule-of-law communities"), "outreach", "assessments",
           lambda m: m["count"],
           _("Communities named model democracy-and-rule-of-law communities, or whose title was "
             "kept (also with a warning) at a re-check, by assessments concluded in the period "
             "(the decision's date)."), COMMUNITIES, records="model_communities"),
    Figure("cadre_exams", _("Cadre law exams held"), "study", "exams", lambda e: e["exams"],
           _("Published cadre law exams whose window closed in the period; shown to the "
             "sub-district and the leader."), EXAMS, records="exams", visible=_street_wide),
    Figure("exam_enrolled", _("Cadres enrolled in them"), "study", "exams",
           lambda e: e["enrolled"],
           _("Enrolments (one per cadre per exam) in those exams, of the chosen community's "
             "cadres when one is chosen."), PEOPLE, records="exams", visible=_street_wide),
    Figure("exam_sat_rate", _("Exam participation"), "study", "exams", lambda e: e["sat_rate"],
           _("Enrolments with a submitted paper / all enrolments, in %."), "%",
           records="exams", rate=True, visible=_street_wide),
    Figure("exam_pass_rate", _("Exam pass rate"), "study", "exams", lambda e: e["pass_rate"],
           _("Enrolments that passed (the exam's pass mark) / all enrolments, in %."), "%",
           records="exams", rate=True, visible=_street_wide),
    Figure("exam_excellent_rate", _("Exam excellence rate"), "study", "exams",
           lambda e: e["excellent_rate"],
           _("Enrolments rated excellent (the exam's excellence mark) / all enrolments, in %."),
           "%", records="exams", rate=True, visible=_street_wide),
    Figure("workrooms", _("Community workrooms"), "org", "org", lambda o: o["workrooms"],
           _("Units of the kind community workroom (综治工作室) on record; units carry no "
             "founding date, so this does not depend on the period."), WORKROOMS,
           records="workrooms"),
    Figure("agreements", _("Co-building agreements in force"), "org", "org",
           lambda o: o["agreements"],
           _("Co-building agreements (共驻共建) whose term overlaps the period."),
           AGREEMENTS, records="agreements"),
]

BY_KEY = {f.key: f for f in FIGURES}

# Figures that come with other issues' apps, named so the dashboard and report say so.
PENDING: list[tuple[str, Any, Any]] = [
]


def visible_figures(actor: Any) -> list[Figure]:
    return [f for f in FIGURES if f.visible(actor)]
