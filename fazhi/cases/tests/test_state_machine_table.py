"""The case state machine (cases/services/machine.py) against a table written out by hand.

Every state's allowed actions and every action's target are listed here independently of
``TRANSITIONS``, so a changed source state, target or label fails a named row.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from fazhi.cases.errors import IllegalTransition
from fazhi.cases.models import Case, State
from fazhi.cases.services.machine import action_label, actions_for, allowed, target

ALLOWED_BY_STATE = {
    State.RECEIVED: ["accept", "assign", "supervise", "conclude", "merge", "link"],
    State.ACCEPTED: ["assign", "refer", "escalate", "supervise", "extend", "conclude", "merge",
                     "link"],
    State.ESCALATED: ["assign", "refer", "supervise", "extend", "conclude", "merge", "link"],
    State.IN_PROGRESS: ["reassign", "refer", "return", "escalate", "supervise", "extend", "pause",
                        "conclude", "merge", "link"],
    State.REFERRED: ["acknowledge", "return", "escalate", "supervise", "extend", "pause",
                     "conclude", "merge", "link"],
    State.PAUSED: ["supervise", "extend", "resume", "merge", "link"],
    State.CONCLUDED: ["follow_up", "close", "reopen", "link"],
    State.CLOSED: ["follow_up", "reopen", "link"],
    State.MERGED: [],
}

# None: the action keeps the state.
TARGET = {
    "accept": State.ACCEPTED, "assign": State.IN_PROGRESS, "reassign": State.IN_PROGRESS,
    "refer": State.REFERRED, "acknowledge": None, "return": State.ACCEPTED,
    "escalate": State.ESCALATED, "supervise": None, "extend": None, "pause": State.PAUSED,
    "resume": State.IN_PROGRESS, "conclude": State.CONCLUDED, "follow_up": None,
    "close": State.CLOSED, "reopen": State.IN_PROGRESS, "merge": State.MERGED, "link": None,
}

LABELS = {
    "accept": "accept", "assign": "assign", "reassign": "reassign", "refer": "refer",
    "acknowledge": "acknowledge the referral", "return": "return", "escalate": "escalate",
    "supervise": "supervise", "extend": "extend the deadline", "pause": "pause",
    "resume": "resume", "conclude": "conclude", "follow_up": "record a follow-up",
    "close": "close", "reopen": "reopen", "merge": "merge", "link": "link",
}

# In Chinese, so that a label looked up under a wrong key (falling back to the English action
# name) fails as well.
LABELS_ZH = {
    "accept": "受理", "assign": "分派", "reassign": "改派", "refer": "移交",
    "acknowledge": "签收移交", "return": "退回", "escalate": "上报", "supervise": "督办",
    "extend": "延期", "pause": "暂停", "resume": "恢复", "conclude": "办结", "follow_up": "回访",
    "close": "结案", "reopen": "重新办理", "merge": "并案", "link": "关联",
}


@pytest.mark.parametrize("state", list(State))
def test_each_state_allows_exactly_its_actions_in_table_order(state):
    case = Case(state=state)
    assert actions_for(case) == ALLOWED_BY_STATE[state]
    for action in TARGET:
        assert allowed(case, action) is (action in ALLOWED_BY_STATE[state])


@pytest.mark.parametrize("state", list(State))
def test_each_allowed_action_leads_to_its_target_or_keeps_the_state(state):
    for action in ALLOWED_BY_STATE[state]:
        expected = TARGET[action] or state
        assert target(Case(state=state), action) == expected, action


def test_every_action_has_its_own_label_and_an_unknown_one_is_shown_as_it_is():
    with translation.override("en"):
        assert {action: action_label(action) for action in TARGET} == LABELS
        assert action_label("teleport") == "teleport"
    with translation.override("zh-hans"):
        assert {action: action_label(action) for action in TARGET} == LABELS_ZH


def test_a_refused_action_names_the_state_and_what_is_allowed_instead():
    with translation.override("en"):
        with pytest.raises(IllegalTransition) as refused:
            target(Case(state=State.CLOSED), "close")
        assert str(refused.value.args[0]) == (
            "You cannot close a case that is “Closed”. "
            "Allowed now: record a follow-up、reopen、link.")


def test_a_merged_case_allows_nothing_and_says_so_with_a_dash():
    with translation.override("en"):
        with pytest.raises(IllegalTransition) as refused:
            target(Case(state=State.MERGED), "accept")
        assert str(refused.value.args[0]) == (
            "You cannot accept a case that is “Merged into another case”. Allowed now: —.")


def test_the_refusal_is_translated_for_chinese_readers():
    with translation.override("zh-hans"):
        with pytest.raises(IllegalTransition) as refused:
            target(Case(state=State.MERGED), "accept")
        message = str(refused.value.args[0])
    assert message == "处于“已并案”状态的案件不能受理。当前可进行：—。"
