"""The assessment reads (fazhi/assessments/selectors.py) on a varied fixture, against sets and
figures computed here in plain Python from the fixture's own description, never by a selector.

Three communities whose codes sort in another order than they were created (东湖 is XM-AA),
three cycles created out of year order, nine assessments of every status, kind and decision,
decided on the edges of the periods asked; one assessment's items and evidence are created in
another order than they sort, with items tied on position and evidence tied on the moment added.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from fazhi.assessments.models import Assessment, Cycle, Dimension, Evidence, Indicator, Score
from fazhi.assessments.selectors import (
    assessment_get_for,
    assessment_list_for,
    board_for,
    by_dimension,
    cycle_get_for,
    cycle_list_for,
    evidence_get_for,
    model_communities_for,
    score_get_for,
    tree_by_dimension,
)
from fazhi.core.roles import STREET_WIDE_ROLES
from fazhi.org.models import Region

pytestmark = pytest.mark.django_db

CYCLES = (2023, 2025, 2021)  # created in this order
# Items of the 2025 cycle in creation order: key, dimension, position, weight.
ITEMS = (("b", "democracy", 2, "10"), ("a", "organisation", 1, "5.5"),
         ("d", "support", 0, "20.5"), ("c", "organisation", 2, "4"))
# Assessments in creation order: key, cycle, community, kind, status, decision, decided on.
SPEC = (
    ("A1", 2025, "north", "application", "concluded", "named", dt.date(2026, 3, 10)),
    ("A2", 2023, "north", "application", "concluded", "named", dt.date(2024, 6, 30)),
    ("A3", 2025, "east", "recheck", "concluded", "warned", dt.date(2026, 1, 1)),
    ("A4", 2025, "south", "application", "submitted", "", None),
    ("A5", 2023, "south", "application", "concluded", "not_named", dt.date(2024, 5, 1)),
    ("A6", 2023, "east", "recheck", "concluded", "kept", dt.date(2024, 12, 31)),
    ("A7", 2021, "south", "recheck", "concluded", "revoked", dt.date(2022, 2, 2)),
    ("A8", 2021, "east", "application", "returned", "", None),
    ("A9", 2021, "north", "recheck", "concluded", "kept", dt.date(2022, 1, 1)),
)
CODES = {"north": "XM-JHBL", "south": "XM-GX", "east": "XM-AA"}
# A1's items, created in this order: item, own score, reviewed score, reviewed by the admin.
A1_SCORES = (("c", "3.5", None, False), ("b", None, "8", True), ("d", "20", "19.5", True),
             ("a", "5", None, False))


@pytest.fixture
def world(north, south, street_admin, worker):
    east = Region.objects.create(name="东湖社区", level=Region.Level.COMMUNITY, code="XM-AA",
                                 parent=north.parent)
    communities = {"north": north, "south": south, "east": east}
    cycles = {year: Cycle.objects.create(title=f"{year}—{year + 1}年度", first_year=year)
              for year in CYCLES}
    items = {key: Indicator.objects.create(cycle=cycles[2025], dimension=dim, position=pos,
                                           title=f"项目{key}", weight=Decimal(w))
             for key, dim, pos, w in ITEMS}
    for n in range(2):
        Indicator.objects.create(cycle=cycles[2023], dimension="harmony", position=n,
                                 title=f"旧项目{n}", weight=Decimal(5))
    assessments = {
        key: Assessment.objects.create(cycle=cycles[year], community=communities[where],
                                       kind=kind, status=status, decision=decision,
                                       decided_on=decided, tree_version=1, started_by=worker,
                                       concluded_by=street_admin if decided else None)
        for key, year, where, kind, status, decision, decided in SPEC}
    scores = {}
    for item, own, reviewed, by_admin in A1_SCORES:
        scores[item] = Score.objects.create(
            assessment=assessments["A1"], indicator=items[item],
            self_score=Decimal(own) if own else None,
            review_score=Decimal(reviewed) if reviewed else None,
            reviewed_by=street_admin if by_admin else None)
    south_score = Score.objects.create(assessment=assessments["A4"], indicator=items["a"])
    # Evidence of item a, added at 10:00, 09:00 and 09:00: by moment, then by key.
    evidence = [Evidence.objects.create(score=scores["a"], kind="activity", label=f"证明{i}",
                                        record_id=i + 1, added_by=worker) for i in range(3)]
    base = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    for e, hours in zip(evidence, (1, 0, 0), strict=True):
        Evidence.objects.filter(pk=e.pk).update(added_at=base + dt.timedelta(hours=hours))
    stranger = Evidence.objects.create(score=south_score, kind="activity", label="别处",
                                       record_id=9, added_by=worker)
    return SimpleNamespace(communities=communities, cycles=cycles, items=items,
                           assessments=assessments, scores=scores, evidence=evidence,
                           south_score=south_score, stranger=stranger)


def _visible(actor, world):
    """The assessments a reader sees: every one for street-wide roles, else their community's."""
    if actor.role in STREET_WIDE_ROLES:
        return list(SPEC)
    return [s for s in SPEC if world.communities[s[2]].pk == actor.community_id]


def _ordered(rows):
    """Newest cycle first, then by community code, then by key (creation order)."""
    return sorted(rows, key=lambda s: (-s[1], CODES[s[2]], SPEC.index(s)))


def _keys(world, queryset):
    by_pk = {a.pk: key for key, a in world.assessments.items()}
    return [by_pk[a.pk] for a in queryset]


# --- lists and their filters ------------------------------------------------------------------

@pytest.mark.parametrize("persona", ["street_admin", "leader", "worker", "mediator", "lawyer",
                                     "outsider"])
def test_each_reader_lists_the_assessments_of_their_scope_in_order(request, world, persona):
    actor = request.getfixturevalue(persona)
    expected = [s[0] for s in _ordered(_visible(actor, world))]
    assert _keys(world, assessment_list_for(actor=actor)) == expected
    assert expected  # every reader here sees some


@pytest.mark.parametrize("persona", ["auditor", "sysadmin"])
def test_the_administration_roles_list_none(request, world, persona):
    with pytest.raises(PermissionDenied):
        list(assessment_list_for(actor=request.getfixturevalue(persona)))


@pytest.mark.parametrize("persona", ["street_staff", "worker", "outsider"])
def test_every_filter_keeps_exactly_its_rows(request, world, persona):
    actor = request.getfixturevalue(persona)
    seen = _visible(actor, world)
    c = world.communities
    cases = [
        ({"cycle": world.cycles[2023].pk}, lambda s: s[1] == 2023),
        ({"community": c["south"].pk}, lambda s: s[2] == "south"),
        ({"status": "concluded"}, lambda s: s[4] == "concluded"),
        ({"status": "returned"}, lambda s: s[4] == "returned"),
        ({"model_only": True}, lambda s: s[4] == "concluded" and s[5] in ("named", "kept",
                                                                          "warned")),
        ({"decided_since": dt.date(2024, 6, 30)}, lambda s: s[6] and s[6] >= dt.date(2024, 6, 30)),
        ({"decided_until": dt.date(2024, 6, 30)}, lambda s: s[6] and s[6] <= dt.date(2024, 6, 30)),
        ({"cycle": world.cycles[2021].pk, "community": c["north"].pk, "status": "concluded"},
         lambda s: (s[1], s[2], s[4]) == (2021, "north", "concluded")),
    ]
    for filters, keep in cases:
        expected = [s[0] for s in _ordered([s for s in seen if keep(s)])]
        assert _keys(world, assessment_list_for(actor=actor, **filters)) == expected, filters


def test_the_filters_narrow_for_a_street_wide_reader(world, street_admin):
    # The expected sets written out, so that no filter is vacuous for the widest reader.
    c = world.communities
    assert _keys(world, assessment_list_for(actor=street_admin, cycle=world.cycles[2025].pk)) == [
        "A3", "A4", "A1"]
    assert _keys(world, assessment_list_for(actor=street_admin, community=c["east"].pk)) == [
        "A3", "A6", "A8"]
    assert _keys(world, assessment_list_for(actor=street_admin, status="submitted")) == ["A4"]
    assert _keys(world, assessment_list_for(actor=street_admin, model_only=True)) == [
        "A3", "A1", "A6", "A2", "A9"]


@pytest.mark.parametrize(("since", "until", "community", "expected"), [
    (dt.date(2024, 6, 30), dt.date(2024, 12, 31), None, ["A6", "A2"]),  # both edges kept
    (dt.date(2024, 7, 1), dt.date(2024, 12, 30), None, []),
    (dt.date(2022, 1, 1), dt.date(2026, 12, 31), "north", ["A1", "A2", "A9"]),
    (dt.date(2024, 1, 1), dt.date(2024, 12, 31), "south", []),  # not named
    (dt.date(2022, 1, 1), dt.date(2022, 12, 31), None, ["A9"]),  # revoked is no model
])
def test_model_communities_of_a_period(world, street_staff, since, until, community, expected):
    chosen = world.communities[community].pk if community else None
    got = model_communities_for(actor=street_staff, since=since, until=until, community=chosen)
    assert _keys(world, got) == expected
    independent = [s[0] for s in _ordered(SPEC) if s[4] == "concluded"
                   and s[5] in ("named", "kept", "warned") and since <= s[6] <= until
                   and (community is None or s[2] == community)]
    assert independent == expected


def test_a_community_reader_sees_only_its_own_model_communities(world, outsider, worker):
    since, until = dt.date(2020, 1, 1), dt.date(2030, 1, 1)
    assert _keys(world, model_communities_for(actor=worker, since=since, until=until)) == [
        "A1", "A2", "A9"]
    assert _keys(world, model_communities_for(actor=outsider, since=since, until=until)) == []


# --- cycles, the board, the tree ------------------------------------------------------------------

def test_cycles_newest_first_with_their_item_counts(world, worker):
    got = [(c.first_year, c.items) for c in cycle_list_for(actor=worker)]
    expected = sorted(((year, sum(1 for _ in Indicator.objects.filter(cycle__first_year=year)))
                       for year in CYCLES), reverse=True)
    assert got == expected == [(2025, 4), (2023, 2), (2021, 0)]
    with pytest.raises(PermissionDenied):
        cycle_list_for(actor=AnonymousUser())


def test_a_cycle_reads_with_its_items_by_position(world, mediator, django_assert_num_queries):
    expected = [k for k, *_ in sorted(ITEMS, key=lambda i: (i[2], ITEMS.index(i)))]
    with django_assert_num_queries(2):
        cycle = cycle_get_for(actor=mediator, pk=world.cycles[2025].pk)
        got = [i.title for i in cycle.indicators.all()]
    assert got == [f"项目{k}" for k in expected] == ["项目d", "项目a", "项目b", "项目c"]
    with pytest.raises(Http404):
        cycle_get_for(actor=mediator, pk=max(c.pk for c in world.cycles.values()) + 1)


@pytest.mark.parametrize(("persona", "year", "expected"), [
    ("street_admin", 2025, [("east", "A3"), ("south", "A4"), ("north", "A1")]),
    ("leader", 2021, [("east", "A8"), ("south", "A7"), ("north", "A9")]),
    ("worker", 2025, [("north", "A1")]),
    ("worker", 2023, [("north", "A2")]),
    ("outsider", 2021, [("south", "A7")]),
])
def test_the_board_is_each_visible_community_by_code_with_its_assessment_of_the_cycle(
        request, world, persona, year, expected):
    actor = request.getfixturevalue(persona)
    by_pk = {a.pk: key for key, a in world.assessments.items()}
    names = {r.pk: key for key, r in world.communities.items()}
    got = [(names[row["community"].pk], by_pk[row["assessment"].pk] if row["assessment"] else None)
           for row in board_for(actor=actor, cycle=world.cycles[year])]
    assert got == expected
    independent = [(where, next((s[0] for s in SPEC if s[1] == year and s[2] == where), None))
                   for where in sorted(CODES, key=CODES.get)
                   if actor.role in STREET_WIDE_ROLES
                   or world.communities[where].pk == actor.community_id]
    assert independent == expected


def test_a_cycle_not_yet_begun_shows_every_community_without_an_assessment(world, street_admin):
    cycle = Cycle.objects.create(title="2027—2028年度", first_year=2027)
    got = [(row["community"].code, row["assessment"]) for row in board_for(actor=street_admin,
                                                                           cycle=cycle)]
    assert got == [("XM-AA", None), ("XM-GX", None), ("XM-JHBL", None)]


def test_the_tree_has_every_dimension_with_its_items_and_points(world):
    indicators = list(Indicator.objects.filter(cycle=world.cycles[2025]))
    got = [(label, weight, [i.title for i in rows])
           for label, weight, rows in tree_by_dimension(indicators)]
    expected = []
    for key, label in Dimension.choices:
        mine = [i for i in ITEMS if i[1] == key]
        expected.append((str(label), sum((Decimal(i[3]) for i in mine), Decimal(0)),
                         [f"项目{i[0]}" for i in sorted(mine, key=lambda i: (i[2], ITEMS.index(i)))]))
    assert got == expected
    assert [w for _l, w, _r in got] == [Decimal("9.5"), Decimal("10"), 0, 0, Decimal("20.5")]
    assert "None" not in [label for label, _w, _r in got]


# --- one assessment -------------------------------------------------------------------------------

def test_an_assessment_reads_with_its_items_by_position_and_evidence_by_moment(
        world, worker, django_assert_num_queries):
    a1 = world.assessments["A1"]
    with django_assert_num_queries(3):  # the assessment, its items, their evidence
        found = assessment_get_for(actor=worker, pk=a1.pk)
        head = (found.cycle.first_year, found.community.code, found.started_by.username,
                found.concluded_by.username)
        items = [(s.indicator.title, s.reviewed_by.username if s.reviewed_by else None,
                  [e.label for e in s.evidence.all()]) for s in found.scores.all()]
    assert head == (2025, "XM-JHBL", "worker", "admin")
    order = [k for k, *_ in sorted(ITEMS, key=lambda i: (i[2], ITEMS.index(i)))]
    by_item = {s[0]: s for s in A1_SCORES}
    assert items == [(f"项目{k}", "admin" if by_item[k][3] else None,
                      ["证明1", "证明2", "证明0"] if k == "a" else []) for k in order]


def test_the_dimensions_of_an_assessment_total_its_scores(world, worker):
    found = assessment_get_for(actor=worker, pk=world.assessments["A1"].pk)
    got = [(d.key, d.label, d.weight, d.self_total, d.review_total,
            [s.indicator.title for s in d.scores]) for d in by_dimension(list(found.scores.all()))]
    item = {k: (dim, pos, Decimal(w)) for k, dim, pos, w in ITEMS}
    score = {k: (Decimal(own) if own else Decimal(0), Decimal(rev) if rev else Decimal(0))
             for k, own, rev, _by in A1_SCORES}
    order = [k for k, *_ in sorted(ITEMS, key=lambda i: (i[2], ITEMS.index(i)))]
    expected = []
    for key, label in Dimension.choices:
        mine = [k for k in order if item[k][0] == key]
        if mine:
            expected.append((key, str(label), sum(item[k][2] for k in mine),
                             sum(score[k][0] for k in mine), sum(score[k][1] for k in mine),
                             [f"项目{k}" for k in mine]))
    assert got == expected
    # organisation: a (5.5, own 5) and c (4, own 3.5); nothing reviewed there
    assert got[0][:5] == ("organisation", str(Dimension.ORGANISATION.label), Decimal("9.5"),
                          Decimal("8.5"), Decimal("0"))
    assert [g[0] for g in got] == ["organisation", "democracy", "support"]  # no empty dimension


@pytest.mark.parametrize("persona", ["outsider", "lawyer"])
def test_no_one_reads_another_communitys_assessment_item_or_evidence(request, world, persona):
    actor = request.getfixturevalue(persona)
    for a in world.assessments.values():
        if a.community_id == actor.community_id:
            assert assessment_get_for(actor=actor, pk=a.pk).pk == a.pk
        else:
            with pytest.raises(Http404):
                assessment_get_for(actor=actor, pk=a.pk)
    for score in [*world.scores.values(), world.south_score]:
        if score.assessment.community_id == actor.community_id:
            assert score_get_for(actor=actor, pk=score.pk).pk == score.pk
        else:
            with pytest.raises(Http404):
                score_get_for(actor=actor, pk=score.pk)
    for e in [*world.evidence, world.stranger]:
        if e.score.assessment.community_id == actor.community_id:
            assert evidence_get_for(actor=actor, pk=e.pk).pk == e.pk
        else:
            with pytest.raises(Http404):
                evidence_get_for(actor=actor, pk=e.pk)


def test_an_item_is_read_only_under_its_own_assessment(world, street_staff,
                                                       django_assert_num_queries):
    score = world.scores["b"]
    with django_assert_num_queries(1):
        found = score_get_for(actor=street_staff, pk=score.pk, assessment=world.assessments["A1"].pk)
        assert (found.indicator.title, found.assessment.status) == ("项目b", "concluded")
    with pytest.raises(Http404):
        score_get_for(actor=street_staff, pk=score.pk, assessment=world.assessments["A3"].pk)
    assert score_get_for(actor=street_staff, pk=score.pk).pk == score.pk


def test_evidence_reads_with_its_item(world, worker, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = evidence_get_for(actor=worker, pk=world.evidence[0].pk)
        assert (found.label, found.score.assessment_id) == ("证明0", world.assessments["A1"].pk)


def test_an_indicator_reads_with_its_cycle_in_one_query(world, worker, django_assert_num_queries):
    from fazhi.assessments.selectors import indicator_get_for

    with django_assert_num_queries(1):
        found = indicator_get_for(actor=worker, pk=world.items["c"].pk)
        assert (found.title, found.cycle.first_year) == ("项目c", 2025)
