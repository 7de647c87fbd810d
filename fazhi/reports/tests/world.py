"""A varied world for the dashboard and report figures: cases over three years in three
communities and street-wide (kinds, outcomes, backlog petitions, deadlines, follow-ups, 三代
modes), activities of several kinds (community correction, six places, lecture halls) with
sign-ins by people who come back and walk-ins, workrooms and co-building agreements
(``agreements`` lists those only; a legal-service agreement in the period is never counted).
The facts are kept as plain rows so the tests count them independently of the selectors."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any
from zoneinfo import ZoneInfo

from fazhi.cases.models import AgencyMode, Case, Category, Deadline, DeadlineRule, FollowUp
from fazhi.cases.services import case_create
from fazhi.org.models import Agreement, Region, Unit
from fazhi.outreach.models import Activity, SignIn, WalkIn

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=SHANGHAI)
MEDIATED = {"agreement_written", "agreement_oral"}
OUTCOMES = {"dispute": ["agreement_written", "agreement_oral", "mediation_terminated"],
            "appeal": ["resolved", "answered"], "petition": ["answered", "not_accepted"]}
CATEGORIES = {"dispute": "neighbour", "appeal": "utilities", "petition": "grievance"}
KINDS = [Activity.Kind.LECTURE_HALL, Activity.Kind.FILM, Activity.Kind.CORRECTION,
         Activity.Kind.SIX_PLACES, Activity.Kind.LAWYER_TALK]
EDGES = [dt.datetime(2024, 12, 31, 23, 59, tzinfo=SHANGHAI),
         dt.datetime(2025, 1, 1, 0, 0, tzinfo=SHANGHAI),
         dt.datetime(2025, 12, 31, 23, 59, tzinfo=SHANGHAI),
         dt.datetime(2026, 1, 1, 0, 0, tzinfo=SHANGHAI)]


def _instant(rng: random.Random, i: int) -> dt.datetime:
    if i < len(EDGES):
        return EDGES[i]
    return dt.datetime(2024, 1, 1, 8, tzinfo=SHANGHAI) + dt.timedelta(
        minutes=rng.randrange(0, 2 * 365 * 24 * 60 + 160 * 24 * 60))


def build(street_admin: Any, north: Region, south: Region) -> dict[str, Any]:
    east = Region.objects.create(name="新村社区", level=Region.Level.COMMUNITY, code="XM-E",
                                 parent=north.parent)
    communities = {"north": north, "south": south, "east": east, None: None}
    rng = random.Random(1313)
    rule = DeadlineRule.objects.filter(concludes_case=True).first()
    cases: list[dict[str, Any]] = []
    for i in range(36):
        kind = ["dispute", "dispute", "appeal", "petition"][i % 4]
        f: dict[str, Any] = {"kind": kind, "community": rng.choice(["north", "south", "east",
                                                                     None]),
                             "received": _instant(rng, i), "concluded": None, "outcome": "",
                             "backlog": kind == "petition" and rng.random() < 0.6,
                             "deadline": None, "follow_ups": [],
                             "modes": rng.sample(["claim", "wishes", "affairs"],
                                                 rng.randrange(0, 3))}
        if rng.random() < 0.8:
            concluded = (EDGES[i - 8] if 8 <= i < 12 else
                         f["received"] + dt.timedelta(hours=rng.randrange(2, 200 * 24)))
            f["received"] = min(f["received"], concluded - dt.timedelta(days=2))
            if concluded < NOW:
                f["concluded"], f["outcome"] = concluded, rng.choice(OUTCOMES[kind])
                f["deadline"] = rng.choice(["met", "missed"])
                f["follow_ups"] = [(concluded + dt.timedelta(days=rng.randrange(1, 60)),
                                    rng.choice(["satisfied", "basic", "dissatisfied"]))
                                   for _n in range(rng.randrange(0, 3))]
        case, _created = case_create(
            actor=street_admin, kind=kind, channel="station",
            category=Category.objects.get(code=CATEGORIES[kind]), title=f"案件{i}",
            description="说明", community=communities[f["community"]],
            parties=[{"role": "applicant", "name": "张三", "mobile": "13912345678"}],
            received_at=f["received"], backlog=f["backlog"])
        Deadline.objects.filter(case=case).delete()
        Case.objects.filter(pk=case.pk).update(
            state="closed" if f["concluded"] else "in_progress", outcome=f["outcome"],
            concluded_at=f["concluded"])
        if f["deadline"]:
            Deadline.objects.create(case=case, rule=rule, started_at=f["received"],
                                    due_at=f["concluded"], status=f["deadline"],
                                    finished_at=f["concluded"])
        for at, satisfaction in f["follow_ups"]:
            FollowUp.objects.create(case=case, at=at, contact="电话", satisfaction=satisfaction,
                                    note="没有履行" if satisfaction == "dissatisfied" else "")
        for mode in f["modes"]:
            AgencyMode.objects.create(case=case, mode=mode, agent=street_admin)
        f["pk"] = case.pk
        cases.append(f)
    planned: list[dict[str, Any]] = []
    for i in range(30):
        start = _instant(rng, i)
        if i == 29:
            start = NOW + dt.timedelta(minutes=5)  # planned, not held
        kind = rng.choice(KINDS)
        planned.append({
            "kind": kind, "community": rng.choice(["north", "south", "east", None]),
            "starts": start,
            "place": rng.choice(Activity.Place.values) if kind == Activity.Kind.SIX_PLACES
            else "",
            "mobiles": rng.sample(range(12), rng.randrange(0, 5)),
            "walkins": [rng.randrange(1, 20) for _n in range(rng.randrange(0, 2))]})
    # One of the six places visited in two communities in 2025: its sessions add up across them.
    # The second, on 19 May, drew nobody: a community with a session and no attendance.
    for key, day, mobiles in (("north", 12, [3]), ("south", 19, [])):
        planned.append({"kind": Activity.Kind.SIX_PLACES, "community": key,
                        "starts": dt.datetime(2025, 5, day, 9, tzinfo=SHANGHAI),
                        "place": Activity.Place.values[0], "mobiles": mobiles, "walkins": []})
    # A street-wide lecture with walk-ins only: they count for the street, not a community.
    planned.append({"kind": Activity.Kind.LECTURE_HALL, "community": None,
                    "starts": dt.datetime(2025, 6, 3, 14, tzinfo=SHANGHAI), "place": "",
                    "mobiles": [], "walkins": [7]})
    activities: list[dict[str, Any]] = []
    for i, a in enumerate(planned):
        kind, start = a["kind"], a["starts"]
        activity = Activity.objects.create(
            kind=kind, place=a["place"], title=f"活动{i}", starts_at=start,
            ends_at=start + dt.timedelta(hours=2), venue="活动室",
            community=communities[a["community"]], code=f"r{i:05d}")
        for m in a["mobiles"]:
            SignIn.objects.create(activity=activity, name_enc="x", name_masked="张*",
                                  mobile_enc="x", mobile_hash=f"p{m}",
                                  mobile_masked="139****0000")
        for n in a["walkins"]:
            WalkIn.objects.create(activity=activity, count=n)
        a["pk"] = activity.pk
        activities.append(a)
    units = []
    for key in ("north", "south", "east"):
        units.append(Unit.objects.create(name=f"{communities[key].name}综治工作室",
                                         kind=Unit.Kind.COMMUNITY_WORKROOM,
                                         region=communities[key]))
    agreements = []
    co_building, legal_service = Agreement.Kind.CO_BUILDING, Agreement.Kind.LEGAL_SERVICE
    for i, (key, starts, ends, kind) in enumerate([
            ("north", dt.date(2023, 3, 1), dt.date(2024, 12, 31), co_building),
            ("south", dt.date(2025, 1, 1), dt.date(2025, 6, 30), co_building),
            ("east", dt.date(2024, 6, 1), dt.date(2027, 5, 31), co_building),
            ("north", dt.date(2026, 1, 1), dt.date(2026, 12, 31), co_building),
            ("north", dt.date(2020, 1, 1), dt.date(2022, 12, 31), co_building),
            # not a co-building agreement: never counted
            ("south", dt.date(2025, 3, 1), dt.date(2026, 2, 28), legal_service)]):
        company = Unit.objects.create(name=f"物业公司{i}", kind=Unit.Kind.PROPERTY_COMPANY,
                                      region=communities[key])
        agreement = Agreement.objects.create(
            title=f"协议{i}", kind=kind,
            region=communities[key], signed_on=starts, starts_on=starts, ends_on=ends)
        agreement.parties.add(company)
        if kind == co_building:
            agreements.append({"community": key, "starts": starts, "ends": ends})
    return {"cases": cases, "activities": activities, "agreements": agreements,
            "workrooms": ["north", "south", "east"], "communities": communities,
            "models": _model_assessments(street_admin, communities)}


# Model-community decisions on the edges of the years: (community, first year, decision, day).
MODELS = [("north", 2023, "named", dt.date(2024, 12, 31)),
          ("south", 2023, "not_named", dt.date(2024, 12, 31)),
          ("east", 2023, "named", dt.date(2025, 1, 1)),
          ("north", 2025, "warned", dt.date(2026, 1, 1)),
          ("south", 2025, "named", dt.date(2025, 12, 31)),
          ("east", 2025, "revoked", dt.date(2026, 6, 15))]


def _model_assessments(actor: Any, communities: dict[Any, Any]) -> list[dict[str, Any]]:
    from fazhi.assessments.models import Assessment, Cycle

    cycles = {y: Cycle.objects.create(title=f"{y}—{y + 1}年度", first_year=y) for y in (2023, 2025)}
    out = []
    for key, year, decision, day in MODELS:
        Assessment.objects.create(cycle=cycles[year], community=communities[key],
                                  tree_version=1, started_by=actor, status="concluded",
                                  decision=decision, decided_on=day, score=85, grade="pass")
        out.append({"community": key, "decision": decision, "decided": day})
    return out


def _on(instant: dt.datetime | None, since: dt.date, until: dt.date) -> bool:
    return instant is not None and since <= instant.astimezone(SHANGHAI).date() <= until


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def expected(world: dict[str, Any], *, viewer: str, community: str | None, since: dt.date,
             until: dt.date) -> dict[str, Any]:
    """Every figure of docs/reports.md, counted from the rows. ``viewer``: "street" (leader:
    everything, community correction included) or "north" (a community worker there)."""
    def seen(row_community: str | None) -> bool:
        return viewer == "street" or row_community in ("north", None)

    def chosen(row_community: str | None) -> bool:
        return community is None or row_community == community

    cases = [c for c in world["cases"] if seen(c["community"]) and chosen(c["community"])]
    received = [c for c in cases if _on(c["received"], since, until)]
    concluded = [c for c in cases if c["outcome"] and _on(c["concluded"], since, until)]
    disputes = [c for c in concluded if c["kind"] == "dispute"]
    mediated = [c for c in concluded if c["outcome"] in MEDIATED]
    met = sum(1 for c in concluded if c["deadline"] == "met")
    missed = sum(1 for c in concluded if c["deadline"] == "missed")
    visits = [s for c in cases for at, s in c["follow_ups"] if _on(at, since, until)]
    acts = [a for a in world["activities"]
            if seen(a["community"]) and chosen(a["community"]) and a["starts"] <= NOW
            and _on(a["starts"], since, until)
            and (viewer == "street" or a["kind"] != Activity.Kind.CORRECTION)]
    out = {
        "received": len(received), "disputes_concluded": len(disputes),
        "mediated": len(mediated), "success_rate": _rate(len(mediated), len(disputes)),
        "on_time_rate": _rate(met, met + missed),
        "satisfaction_rate": _rate(sum(1 for s in visits if s in ("satisfied", "basic")),
                                   len(visits)),
        "backlog_resolved": sum(1 for c in concluded if c["kind"] == "petition"
                                and c["backlog"]),
        **{f"sandai_{m}": sum(1 for c in received if m in c["modes"])
           for m in ("claim", "wishes", "affairs")},
        "activities": len(acts),
        "lectures": sum(1 for a in acts if a["kind"] == Activity.Kind.LECTURE_HALL),
        "attendance": sum(len(a["mobiles"]) + sum(a["walkins"]) for a in acts),
        "unique_people": len({m for a in acts for m in a["mobiles"]}),
        "six_places": len({a["place"] for a in acts if a["place"]}),
        "workrooms": sum(1 for w in world["workrooms"] if seen(w) and chosen(w)),
        "agreements": sum(1 for a in world["agreements"] if seen(a["community"])
                          and chosen(a["community"]) and a["starts"] <= until
                          and a["ends"] >= since),
        "model_communities": len({m["community"] for m in world["models"]
                                  if m["community"] in (("north",) if viewer == "north"
                                                        else ("north", "south", "east"))
                                  and chosen(m["community"])
                                  and m["decision"] in ("named", "kept", "warned")
                                  and since <= m["decided"] <= until}),
    }
    if viewer == "street":
        out["correction_sessions"] = sum(1 for a in acts
                                         if a["kind"] == Activity.Kind.CORRECTION)
        # No exam in this world (the exams' figures are checked in test_exam_figures.py).
        out.update(cadre_exams=0, exam_enrolled=0, exam_sat_rate=None, exam_pass_rate=None,
                   exam_excellent_rate=None)
    return out
