"""Scoped reads of cases: queues with filters, the case page, triage look-ups."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fazhi.core.counting import RawRows, capped, count_at_once
from fazhi.core.periods import on_days
from fazhi.core.planner import likely
from fazhi.inbox.selectors import unread_for

from ..access import case_scope
from ..models import (
    MEDIATED_OUTCOMES,
    OPEN_STATES,
    AgencyMode,
    Case,
    Deadline,
    Event,
    ExtensionRequest,
    Party,
    State,
)
from .lookups import case_lookup
from .search import search_filter, search_first_matches, similar_case_ids

SOON = dt.timedelta(days=3)
QUEUES = ("mine", "community", "unassigned", "due_soon", "overdue", "all")
FILTERS = ("kind", "category", "community", "state", "risk", "channel")
DRILL_DOWN = ("concluded_since", "concluded_until", "mediated", "backlog", "mode")


def _base(actor: Any) -> QuerySet[Case]:
    return Case.objects.filter(case_scope(actor))


def queue_filter(queryset: QuerySet[Case], actor: Any, queue: str,
                 now: dt.datetime | None = None) -> QuerySet[Case]:
    now = now or timezone.now()
    open_ = queryset.filter(state__in=OPEN_STATES)
    if queue == "mine":
        return open_.filter(handler=actor)
    if queue == "community":
        return open_.filter(community_id=actor.community_id) if actor.community_id else open_
    if queue == "unassigned":
        return open_.filter(handler__isnull=True, assignee_unit__isnull=True,
                            referred_to__isnull=True)
    if queue == "due_soon":
        return open_.filter(due_at__gte=now, due_at__lte=now + SOON)
    if queue == "overdue":
        return open_.filter(due_at__lt=now)
    return queryset


def _drill_down(*, concluded_since: dt.date | None = None, concluded_until: dt.date | None = None,
                mediated: bool = False, backlog: bool = False, mode: str = "",
                **_other: Any) -> list[Q]:
    """The filters a dashboard figure links with (docs/reports.md): concluded in a period
    (with an outcome), mediated successfully, backlog petitions, a 三代 mode used."""
    out = []
    if concluded_since or concluded_until:
        out.append(on_days("concluded_at", concluded_since, concluded_until) & ~Q(outcome=""))
    if mediated:
        out.append(Q(outcome__in=MEDIATED_OUTCOMES))
    if backlog:
        out.append(Q(backlog=True))
    if mode:
        out.append(Q(pk__in=AgencyMode.objects.filter(mode=mode).values("case_id")))
    return out


def case_list_for(*, actor: Any, queue: str = "all", q: str = "", since: dt.date | None = None,
                  until: dt.date | None = None, **filters: Any) -> QuerySet[Case]:
    cases = queue_filter(_base(actor), actor, queue)
    # SQLite is told (core.planner) which filters only narrow a little and must not drive the
    # query: every filter when the query has a driver of its own — a queue of open cases (all
    # but "all") walks its own index, a search walks its matches newest first — and "closed",
    # which holds for nearly every case (docs/measurements.md). PostgreSQL gets the bare
    # conditions.
    driven = queue != "all" or bool(q)
    conditions = [(Q(**{name: value}), name == "state" and value == State.CLOSED)
                  for name in FILTERS if (value := filters.get(name)) not in (None, "")]
    if since or until:
        conditions.append((on_days("received_at", since, until), False))
    conditions += [(condition, False) for condition in _drill_down(**filters)]
    for condition, common in conditions:
        cases = cases.filter(likely(condition, 0.9) if driven or common else condition)
    cases = cases.select_related("category", "community", "handler")
    if q:
        cases = _searched(cases, q)
    if queue in ("due_soon", "overdue"):
        return cases.order_by("due_at", "-received_at", "-id")
    if q:
        # Newest registered first: SQLite walks the matching ids in order and reads only the
        # rows shown, instead of fetching every match to sort it by time of receipt.
        return cases.order_by("-id")
    return cases


def _searched(cases: QuerySet[Case], q: str) -> QuerySet[Case]:
    """A case number, tracking code or mobile that names cases stands alone; a party's exact
    name adds its cases to the words' matches; otherwise the full-text search."""
    found = case_lookup(cases, q)
    if found.ids and found.exclusive:
        return cases.filter(pk__in=found.ids)
    if found.ids:
        return cases.filter(Q(pk__in=found.ids)
                            | Q(pk__in=search_filter(Case.objects.all(), q).values("pk")))
    return search_filter(cases, q)


def case_matches_capped(*, actor: Any, queue: str = "all", q: str = "", cap: int = 200,
                        cases: QuerySet[Case] | None = None,
                        **filters: Any) -> QuerySet[Case] | RawRows:
    """The first ``cap + 1`` cases of ``case_list_for`` with the same arguments (``cases``:
    that queryset, when the caller built it already), for ``queue_counts(matching=...)``:
    how many match, up to "more than ``cap``".

    A bare search (the whole queue, no filter) is counted from the search index's side
    (``search_first_matches``: a few hundred index entries); a filtered one from the
    filtered cases, which are then the smaller side."""
    # A drill-down flag the form sends unticked (``mediated=False``) filters nothing.
    if q and queue == "all" and not any(filters.get(name) not in (None, "", False)
                                        for name in (*FILTERS, *DRILL_DOWN, "since", "until")) \
            and not case_lookup(_base(actor), q).ids:
        return search_first_matches(_base(actor), q, cap)
    if cases is None:
        cases = case_list_for(actor=actor, queue=queue, q=q, **filters)
    return capped(cases, cap)


def case_get_for(*, actor: Any, pk: int) -> Case:
    case = (_base(actor).filter(pk=pk)
            .select_related("category", "community", "handler", "assignee_unit",
                            "referred_to", "merged_into")
            .first())
    if case is None:
        raise Http404
    return case


def case_by_number_for(*, actor: Any, number: str) -> Case | None:
    """The case with this number if the actor may see it (merge and link targets)."""
    return _base(actor).filter(number=(number or "").strip().upper()).first()


def case_page_for(*, actor: Any, pk: int) -> dict[str, Any]:
    """Everything the case page shows, in a fixed number of queries."""
    case = case_get_for(actor=actor, pk=pk)
    from ..models import AgencyMode

    modes = (AgencyMode.objects.filter(case=case).select_related("agent", "authorisation")
             .prefetch_related("tasks", "wishes", "handovers"))
    return {
        "case": case,
        "parties": list(case.parties.all()),
        "authorisations": list(case.authorisations.select_related("party")),
        "events": list(case.events.select_related("actor")),
        "deadlines": list(case.deadlines.select_related("rule")),
        "attachments": list(case.attachments.all()),
        "modes": list(modes),
        "sessions": list(case.sessions.all()),
        "agreement": getattr(case, "agreement", None) if _has(case, "agreement") else None,
        "confirmation": (case.judicial_confirmation
                         if _has(case, "judicial_confirmation") else None),
        "follow_ups": list(case.follow_ups.select_related("visitor")),
        "links": list(Case.objects.filter(links__other=case).values("pk", "number", "title")),
        "extension_pending": (case.extension_requests.filter(
            status=ExtensionRequest.Status.PENDING).select_related("requested_by").first()),
    }


def _has(case: Case, name: str) -> bool:
    try:
        getattr(case, name)
    except Exception:  # RelatedObjectDoesNotExist
        return False
    return True


def earlier_cases_for(*, actor: Any, case: Case, limit: int = 10) -> QuerySet[Case]:
    """Earlier cases of the same ID number, mobile or address (triage)."""
    parties = case.parties.all()
    ids = [p.id_hash for p in parties if p.id_hash]
    mobiles = [p.mobile_hash for p in parties if p.mobile_hash]
    match = Q(parties__id_hash__in=ids) | Q(parties__mobile_hash__in=mobiles)
    if case.address:
        match |= Q(address=case.address)
    found = _base(actor).filter(match).exclude(pk=case.pk).values("pk").distinct()
    return (Case.objects.filter(pk__in=found).select_related("category")
            .order_by("-received_at")[:limit])


def duplicates_for(*, actor: Any, case: Case) -> QuerySet[Case]:
    ids = similar_case_ids(f"{case.title} {case.description}", exclude=case.pk)
    return _base(actor).filter(pk__in=ids).exclude(state=State.MERGED).select_related("category")


def public_events(case: Case) -> QuerySet[Event]:
    return case.events.filter(public=True).order_by("at", "id")


def case_track(*, code: str, last4: str) -> Case | None:
    """The case a resident may see: the code and the last four digits of an applicant's mobile."""
    code = (code or "").strip().upper()
    last4 = (last4 or "").strip()
    if len(code) != 10 or len(last4) != 4:
        return None
    return (Case.objects.filter(tracking_code=code, parties__role=Party.Role.APPLICANT,
                                parties__mobile_last4=last4)
            .select_related("category").prefetch_related(
                Prefetch("deadlines", queryset=Deadline.objects.select_related("rule")))
            .distinct().first())


def queue_counts(*, actor: Any, only: tuple[str, ...] = QUEUES,
                 matching: QuerySet[Case] | RawRows | None = None) -> dict[str, int]:
    """Open cases in each queue the actor may see (``only``: the ones wanted), in one round
    trip (``core.counting``) that also brings, given "unread" in ``only``, the actor's unread
    notifications (the navigation's badge) and, given ``matching`` (``case_matches_capped``),
    how many cases match the page's filters (key "matching").

    Each count walks the index made for it and reads no rows: ``cases_handler_state_cover``
    for mine and unassigned, ``cases_state_due_cover`` for due soon and overdue,
    ``cases_comm_state_filters`` for a community and for a community's filtered cases."""
    now = timezone.now()
    filters = {
        "mine": Q(handler_id=actor.pk),
        "community": Q(community_id=actor.community_id),
        "unassigned": Q(handler__isnull=True, assignee_unit__isnull=True,
                        referred_to__isnull=True),
        "due_soon": Q(due_at__gte=now, due_at__lte=now + SOON),
        "overdue": Q(due_at__lt=now),
        # Not a queue: open cases whose deadline extension awaits approval (the home shows
        # it to approvers in the same round trip instead of a query of its own).
        "extension_pending": Q(pk__in=ExtensionRequest.objects.filter(
            status=ExtensionRequest.Status.PENDING).values("case_id")),
    }
    base = _base(actor).filter(state__in=OPEN_STATES)
    wanted: dict[str, QuerySet[Any] | RawRows] = {key: base.filter(filters[key])
                                                  for key in filters if key in only}
    if matching is not None:
        wanted["matching"] = matching
    if "unread" in only:
        wanted["unread"] = unread_for(actor)
    return count_at_once(wanted)
