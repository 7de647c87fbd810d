"""Every write of casework. One function per action; see machine.py for the state machine."""

from .agency import (
    authorisation_add,
    handover_add,
    mode_add,
    task_add,
    task_complete,
    wish_add,
    wish_respond,
)
from .attachments import attachment_add, check_upload
from .closing import case_close, case_conclude, case_follow_up, case_link, case_merge, case_reopen
from .extensions import extension_approve, extension_refuse, extension_request
from .intake import case_create
from .machine import TRANSITIONS, actions_for, allowed
from .mediation import agreement_record, judicial_confirmation_record, session_add
from .public import appeal_submit, resident_info_add, resident_rate
from .routing import (
    case_accept,
    case_assign,
    case_escalate,
    case_pause,
    case_reassign,
    case_refer,
    case_refer_acknowledge,
    case_resume,
    case_return,
    case_supervise,
)
from .workflow import case_note_add

__all__ = [
    "TRANSITIONS", "actions_for", "agreement_record", "appeal_submit", "allowed", "attachment_add",
    "authorisation_add", "case_accept", "case_assign", "case_close", "case_conclude",
    "case_create", "case_escalate", "case_follow_up", "case_link", "case_merge",
    "case_note_add", "case_pause", "case_reassign", "case_refer", "case_refer_acknowledge",
    "case_reopen", "case_resume", "extension_approve", "extension_refuse", "extension_request", "case_return", "case_supervise", "check_upload",
    "handover_add", "judicial_confirmation_record", "mode_add", "resident_info_add",
    "resident_rate", "session_add", "task_add", "task_complete", "wish_add", "wish_respond",
]
