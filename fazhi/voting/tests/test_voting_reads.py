"""The voting reads (fazhi/voting/selectors.py) on a varied fixture, against figures computed
here in plain Python from the fixture's own description (``SPEC``), never by the selector.

The campaign's categories and candidates are created in another order than they sort (a
category placed last is created first; two categories share a position; candidates' positions
run against their creation), its votes are counted, held and rejected, its jury marks land on
the half-hundredth (so rounding half up and half to even differ), two candidates tie on the
final score, and a second campaign has votes and marks of its own that no figure may include.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from math import floor
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.voting.models import Campaign, Candidate, Category, JuryMark, Vote
from fazhi.voting.selectors import (
    board_of,
    campaign_get_for,
    campaign_list_for,
    candidate_get_public,
    held_votes_for,
    marks_for,
    results_for,
    state_of,
    votes_for,
    work_for,
)

from .conftest import NOW

pytestmark = pytest.mark.django_db

# Categories in creation order: (key, name, position). 团队 and 单位 share position 5; 团队 was
# created first, so it comes first. 空类 has no candidate.
CATEGORIES = (("team", "团队", 5), ("person", "个人", 1), ("unit", "单位", 5), ("empty", "空类", 9))
# Candidates in creation order: key, category, position, counted, held, rejected,
# marks by juror (a = street admin, s = street staff, w = worker).
SPEC = (
    ("u1", "unit", 0, 0, 2, 0, {"w": "70"}),
    ("p_d", "person", 3, 16, 0, 0, {"a": "50"}),
    ("t1", "team", 0, 0, 0, 0, {}),
    ("p_b", "person", 2, 32, 0, 0, {"s": "0"}),
    ("p_a", "person", 1, 1, 2, 1, {"a": "80.01", "s": "80.00"}),
    ("p_c", "person", 1, 0, 0, 3, {}),
    ("p_e", "person", 4, 0, 1, 0, {"w": "0.01"}),
    ("u2", "unit", 1, 0, 0, 0, {}),
)
WEIGHT = 50  # the public vote's weight (%)


def _votes(campaign, candidate, n, status, start, tag=""):
    return [Vote.objects.create(campaign=campaign, candidate=candidate, category=candidate.category,
                                voter=f"{tag}{candidate.pk}-{status}-{i}",
                                day=NOW.date(), cast_at=start + dt.timedelta(minutes=i),
                                status=status, reason="" if status == "counted" else "device_burst",
                                pick=1)  # each voter casts one vote here
            for i in range(n)]


@pytest.fixture
def jurors(north):
    return {"a": make_user("j_admin", Role.STREET_ADMIN, north),
            "s": make_user("j_staff", Role.STREET_STAFF, north),
            "w": make_user("j_worker", Role.COMMUNITY_WORKER, north)}


@pytest.fixture
def world(jurors):
    campaign = Campaign.objects.create(title="第六届评选", opens_at=NOW - dt.timedelta(days=3),
                                       closes_at=NOW + dt.timedelta(days=7), is_published=True,
                                       public_weight=WEIGHT)
    campaign.jurors.set(jurors.values())
    categories = {key: Category.objects.create(campaign=campaign, name=name, position=pos)
                  for key, name, pos in CATEGORIES}
    candidates = {}
    for key, cat, pos, counted, held, rejected, marks in SPEC:
        c = Candidate.objects.create(campaign=campaign, category=categories[cat], name=key,
                                     position=pos)
        candidates[key] = c
        _votes(campaign, c, counted, "counted", NOW - dt.timedelta(days=2))
        _votes(campaign, c, held, "held", NOW - dt.timedelta(days=1))
        _votes(campaign, c, rejected, "rejected", NOW - dt.timedelta(days=1))
        for juror, score in marks.items():
            JuryMark.objects.create(campaign=campaign, candidate=c, juror=jurors[juror],
                                    score=Decimal(score))
    # A second campaign with the same jurors, votes of every status and marks: in no figure.
    other = Campaign.objects.create(title="另一评选", opens_at=NOW - dt.timedelta(days=1),
                                    closes_at=NOW + dt.timedelta(days=1), is_published=True)
    other.jurors.set(jurors.values())
    other_cat = Category.objects.create(campaign=other, name="个人", position=0)
    stranger = Candidate.objects.create(campaign=other, category=other_cat, name="别人")
    for status, n in (("counted", 40), ("held", 3), ("rejected", 2)):
        _votes(other, stranger, n, status, NOW - dt.timedelta(hours=5))
    for juror in jurors.values():
        JuryMark.objects.create(campaign=other, candidate=stranger, juror=juror, score=99)
    return SimpleNamespace(campaign=campaign, categories=categories, candidates=candidates,
                           other=other, stranger=stranger, jurors=jurors)


# --- the expected figures, from SPEC alone ---------------------------------------------------

def _half_up(x: Fraction) -> Fraction:
    """To the hundredth, halves away from zero (every figure here is >= 0)."""
    return Fraction(floor(x * 100 + Fraction(1, 2)), 100)


def _category_order():
    return [key for key, _n, pos in sorted(CATEGORIES, key=lambda c: (c[2], CATEGORIES.index(c)))]


def _candidates_of(cat):
    rows = [s for s in SPEC if s[1] == cat]
    return sorted(rows, key=lambda s: (s[2], SPEC.index(s)))


def expected_results():
    """[(category key, candidate key, rank, votes, held, rejected, marks, public, jury, final)]"""
    out = []
    for cat in _category_order():
        rows = _candidates_of(cat)
        if not rows:
            continue
        top = max(s[3] for s in rows)
        figures = []
        for key, _c, _p, counted, held, rejected, marks in rows:
            public = _half_up(Fraction(100 * counted, top)) if top else Fraction(0)
            scores = [Fraction(Decimal(v)) for v in marks.values()]
            jury = _half_up(sum(scores) / len(scores)) if scores else Fraction(0)
            final = _half_up(public * Fraction(WEIGHT, 100) + jury * Fraction(100 - WEIGHT, 100))
            figures.append([cat, key, 0, counted, held, rejected, len(marks), public, jury, final])
        order = sorted(figures, key=lambda f: (-f[9], -f[3], SPEC.index(next(
            s for s in SPEC if s[0] == f[1]))))
        for rank, f in enumerate(order, start=1):
            f[2] = rank
        out.extend(tuple(f) for f in order)
    return out


def _as_fraction(d: Decimal) -> Fraction:
    assert d == d.quantize(Decimal("0.01")), d  # two decimals, always
    assert d.as_tuple().exponent == -2, d  # and shown so ("0.00", never "0")
    return Fraction(d)


# --- results ---------------------------------------------------------------------------------

def test_the_fixture_covers_the_edges_it_claims():
    rows = {r[1]: r for r in expected_results()}
    assert rows["p_a"][7] == Fraction(313, 100)  # 100 x 1/32 = 3.125: half up, not to even
    assert rows["p_a"][8] == Fraction(8001, 100)  # mean 80.005
    assert rows["p_e"][9] == Fraction(1, 100)  # 0.01 x 50% = 0.005
    assert rows["p_b"][9] == rows["p_d"][9] == 50  # a tie on the final score
    assert (rows["p_b"][2], rows["p_d"][2]) == (1, 2)  # broken by the votes


def test_results_are_every_candidates_figures_ranked_within_its_category(world, leader):
    got = [(r.category.pk, r.candidate.name, r.rank, r.votes, r.held, r.rejected, r.marks,
            _as_fraction(r.public_score), _as_fraction(r.jury_score), _as_fraction(r.final))
           for r in results_for(actor=leader, campaign=world.campaign)]
    expected = [(world.categories[cat].pk, *rest) for cat, *rest in expected_results()]
    assert got == expected


def test_a_category_without_a_counted_vote_scores_zero_shown_to_two_decimals(world, street_staff):
    rows = {r.candidate.name: r for r in results_for(actor=street_staff, campaign=world.campaign)}
    for name in ("t1", "u1", "u2"):
        assert str(rows[name].public_score) == "0.00"
    assert str(rows["u1"].final) == "35.00"  # jury 70 x 50%
    assert rows["u1"].held == 2


def test_results_take_one_query_per_table_whatever_the_candidates(world, leader,
                                                                   django_assert_num_queries):
    with django_assert_num_queries(3):  # votes, marks, candidates with their categories
        names = [(r.category.name, r.candidate.name)
                 for r in results_for(actor=leader, campaign=world.campaign)]
    assert len(names) == len(SPEC)


@pytest.mark.parametrize("persona", ["worker", "mediator", "lawyer", "auditor", "sysadmin"])
def test_only_result_readers_read_results(request, world, persona):
    with pytest.raises(PermissionDenied):
        results_for(actor=request.getfixturevalue(persona), campaign=world.campaign)
    with pytest.raises(PermissionDenied):
        results_for(actor=AnonymousUser(), campaign=world.campaign)


# --- the public board --------------------------------------------------------------------------

def test_the_board_lists_categories_and_candidates_in_their_order_with_shares(world):
    board = board_of(world.campaign)
    assert board.campaign == world.campaign
    assert board.total == sum(s[3] for s in SPEC)  # counted votes only, this campaign only
    got = [(entry["category"].pk, [(c.name, c.counted, c.share) for c in entry["candidates"]])
           for entry in board.categories]
    expected = []
    for cat in _category_order():
        rows = _candidates_of(cat)
        top = max((s[3] for s in rows), default=0)
        expected.append((world.categories[cat].pk,
                         [(s[0], s[3], round(100 * s[3] / top) if top else 0) for s in rows]))
    assert got == expected
    assert expected[-1] == (world.categories["empty"].pk, [])


def test_a_candidates_counted_votes_are_its_own_in_its_campaign(world):
    for key, _cat, _pos, counted, *_ in SPEC:
        assert votes_for(world.candidates[key]) == counted
    assert votes_for(world.stranger) == 40


def test_a_candidate_is_read_only_through_its_own_campaign(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = candidate_get_public(campaign=world.campaign, pk=world.candidates["p_a"].pk)
        assert found.category.name == "个人"
    with pytest.raises(Http404):
        candidate_get_public(campaign=world.campaign, pk=world.stranger.pk)
    with pytest.raises(Http404):
        candidate_get_public(campaign=world.other, pk=world.candidates["p_a"].pk)


@pytest.mark.parametrize(("opens", "closes", "state"), [
    (1, 2, "upcoming"),  # opens a second from now
    (0, 2, "open"),  # opens this very second
    (-2, 1, "open"),
    (-2, 0, "closed"),  # closes this very second
    (-3, -1, "closed"),
])
def test_a_campaigns_state_now(frozen, opens, closes, state):
    campaign = Campaign(opens_at=NOW + dt.timedelta(seconds=opens),
                        closes_at=NOW + dt.timedelta(seconds=closes))
    assert state_of(campaign) == state


# --- staff: campaigns, the review queue, marks, the home -----------------------------------------

def test_campaigns_by_persona(world, jurors, street_admin, leader, mediator, auditor):
    draft = Campaign.objects.create(title="草稿", opens_at=NOW, closes_at=NOW + dt.timedelta(days=1))
    every = {world.campaign.pk, world.other.pk, draft.pk}
    world.other.jurors.set([jurors["a"], jurors["s"]])  # the worker judges the first one only
    expected = [(street_admin, every), (jurors["s"], every), (leader, every),
                (jurors["w"], {world.campaign.pk}), (mediator, set()), (auditor, set()),
                (AnonymousUser(), set()),
                # an object with a role but no sign-in state is nobody
                (SimpleNamespace(role=Role.COMMUNITY_WORKER, pk=jurors["w"].pk), set())]
    for actor, pks in expected:
        assert set(campaign_list_for(actor=actor).values_list("pk", flat=True)) == pks, actor
    assert campaign_get_for(actor=jurors["w"], pk=world.campaign.pk) == world.campaign
    with pytest.raises(Http404):
        campaign_get_for(actor=jurors["w"], pk=world.other.pk)


def test_the_review_queue_is_this_campaigns_held_votes_oldest_first(world, street_staff, leader,
                                                                    django_assert_num_queries):
    # Held votes cast in another order than created; two at the same moment go by key.
    u1, u2 = world.candidates["u1"], world.candidates["p_e"]
    late = _votes(world.campaign, u2, 1, "held", NOW - dt.timedelta(days=9), tag="late")[0]
    same = [Vote.objects.create(campaign=world.campaign, candidate=u1, category=u1.category,
                                voter=f"same-{i}", day=NOW.date(), cast_at=NOW - dt.timedelta(days=10),
                                status="held", pick=1) for i in range(2)]
    held = [(v.cast_at, v.pk) for v in Vote.objects.filter(campaign=world.campaign, status="held")]
    assert len(held) == sum(s[4] for s in SPEC) + 3
    with django_assert_num_queries(1):
        got = [(v.pk, v.candidate.name, v.category.name)
               for v in held_votes_for(actor=street_staff, campaign=world.campaign)]
    assert [pk for pk, *_ in got] == [pk for _at, pk in sorted(held)]
    assert [pk for pk, *_ in got][:3] == [same[0].pk, same[1].pk, late.pk]
    for persona in (world.jurors["w"], leader):
        with pytest.raises(PermissionDenied):
            held_votes_for(actor=persona, campaign=world.campaign)


def test_a_juror_reads_their_own_marks_of_this_campaign_only(world, jurors,
                                                            django_assert_num_queries):
    order = [s[0] for cat in _category_order() for s in _candidates_of(cat)]
    for key, juror in jurors.items():
        mine = {s[0]: Decimal(s[6][key]) for s in SPEC if key in s[6]}
        with django_assert_num_queries(3):  # the jury check, the marks, the candidates
            got = [(c.name, c.category.name, score)
                   for c, score in marks_for(actor=juror, campaign=world.campaign)]
        assert got == [(k, world.candidates[k].category.name, mine.get(k)) for k in order], key
    assert marks_for(actor=jurors["w"], campaign=world.other) == [(world.stranger, Decimal(99))]


def test_only_the_campaigns_jurors_read_marks(world, jurors, street_admin, leader):
    world.other.jurors.set([leader])
    for actor in (street_admin, AnonymousUser()):  # a manager who is not on the jury
        with pytest.raises(PermissionDenied):
            marks_for(actor=actor, campaign=world.campaign)
    with pytest.raises(PermissionDenied):  # a juror of another campaign
        marks_for(actor=leader, campaign=world.campaign)
    with pytest.raises(PermissionDenied):  # named on the jury no more
        marks_for(actor=jurors["w"], campaign=world.other)


def _campaign_with_held(title, opens_days, held, counted=0):
    campaign = Campaign.objects.create(title=title, opens_at=NOW + dt.timedelta(days=opens_days),
                                       closes_at=NOW + dt.timedelta(days=opens_days + 5))
    category = Category.objects.create(campaign=campaign, name="个人")
    candidate = Candidate.objects.create(campaign=campaign, category=category, name="某人")
    _votes(campaign, candidate, held, "held", NOW)
    _votes(campaign, candidate, counted, "counted", NOW)
    _votes(campaign, candidate, 1, "rejected", NOW)
    return campaign


def test_the_home_section_lists_the_latest_campaigns_with_held_votes_and_counts_them_all(
        world, street_admin, street_staff, leader, worker, auditor):
    # (title, opens in days, held, counted), created in another order than they open
    made = [("甲", -30, 1, 4), ("乙", -5, 2, 0), ("丙", -60, 4, 1), ("丁", 3, 1, 0),
            ("戊", -10, 6, 2), ("己", -2, 3, 0), ("无", 1, 0, 9)]
    campaigns = {title: _campaign_with_held(title, days, held, counted)
                 for title, days, held, counted in made}
    waiting = [(c.opens_at, c.pk, c.title, sum(1 for v in Vote.objects.filter(campaign=c)
                                                  if v.status == "held"))
               for c in Campaign.objects.all()]
    waiting = sorted((w for w in waiting if w[3]), key=lambda w: w[0], reverse=True)
    expected = {"count": sum(w[3] for w in waiting),
                "rows": [{"pk": pk, "title": title, "held": n} for _at, pk, title, n in waiting[:5]]}
    assert len(waiting) == 8  # the fixture's two campaigns and six of these
    assert expected["rows"][0]["pk"] == campaigns["丁"].pk
    assert "无" not in [r["title"] for r in expected["rows"]]
    for manager in (street_admin, street_staff):
        assert work_for(manager) == expected
    for nobody in (leader, worker, auditor, AnonymousUser()):
        assert work_for(nobody) is None
