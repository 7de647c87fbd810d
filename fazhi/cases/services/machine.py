"""The one state machine of a case: which action may run from which state, and where it leads.

``None`` as the target keeps the state (supervise, extend, link, acknowledge).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..errors import IllegalTransition
from ..models import OPEN_STATES, Case, State

S = State
WORKING = (S.ACCEPTED, S.ESCALATED, S.IN_PROGRESS, S.REFERRED)

TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "accept": ((S.RECEIVED,), S.ACCEPTED),
    "assign": ((S.RECEIVED, S.ACCEPTED, S.ESCALATED), S.IN_PROGRESS),
    "reassign": ((S.IN_PROGRESS,), S.IN_PROGRESS),
    "refer": ((S.ACCEPTED, S.ESCALATED, S.IN_PROGRESS), S.REFERRED),
    "acknowledge": ((S.REFERRED,), None),
    "return": ((S.IN_PROGRESS, S.REFERRED), S.ACCEPTED),
    "escalate": ((S.ACCEPTED, S.IN_PROGRESS, S.REFERRED), S.ESCALATED),
    "supervise": (OPEN_STATES, None),
    "extend": ((S.ACCEPTED, S.ESCALATED, S.IN_PROGRESS, S.REFERRED, S.PAUSED), None),
    "pause": ((S.IN_PROGRESS, S.REFERRED), S.PAUSED),
    "resume": ((S.PAUSED,), S.IN_PROGRESS),
    "conclude": ((S.RECEIVED, *WORKING), S.CONCLUDED),
    "follow_up": ((S.CONCLUDED, S.CLOSED), None),
    "close": ((S.CONCLUDED,), S.CLOSED),
    "reopen": ((S.CONCLUDED, S.CLOSED), S.IN_PROGRESS),
    "merge": (OPEN_STATES, S.MERGED),
    "link": ((*OPEN_STATES, S.CONCLUDED, S.CLOSED), None),
}


def action_label(action: str) -> str:
    labels = {
        "accept": _("accept"), "assign": _("assign"), "reassign": _("reassign"),
        "refer": _("refer"), "acknowledge": _("acknowledge the referral"),
        "return": _("return"), "escalate": _("escalate"), "supervise": _("supervise"),
        "extend": _("extend the deadline"), "pause": _("pause"), "resume": _("resume"),
        "conclude": _("conclude"), "follow_up": _("record a follow-up"), "close": _("close"),
        "reopen": _("reopen"), "merge": _("merge"), "link": _("link"),
    }
    return labels.get(action, action)


def allowed(case: Case, action: str) -> bool:
    sources, _target = TRANSITIONS[action]
    return case.state in sources


def actions_for(case: Case) -> list[str]:
    return [a for a in TRANSITIONS if allowed(case, a)]


def target(case: Case, action: str) -> str:
    """The state after ``action``; raises IllegalTransition with a message a person can act on."""
    if not allowed(case, action):
        raise IllegalTransition(
            _("You cannot %(action)s a case that is “%(state)s”. Allowed now: %(allowed)s.")
            % {"state": case.get_state_display(), "action": action_label(action),
               "allowed": "、".join(action_label(a) for a in actions_for(case)) or "—"}
        )
    new = TRANSITIONS[action][1]
    return case.state if new is None else new
