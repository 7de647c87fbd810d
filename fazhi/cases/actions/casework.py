"""Every action on a case, declared once: the page offers these, the API exposes these."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from .. import services
from ..access import SUPERVISOR_ROLES, may_write
from ..models import AgencyMode, AgentTask, Case, Wish
from . import inputs as f
from .registry import Action, Registry, call

ACTIONS = Registry()
add = ACTIONS.register


def _supervisor(actor: Any, case: Case) -> bool:
    return may_write(actor) and actor.role in SUPERVISOR_ROLES


def _open(case: Case) -> bool:
    return case.is_open


def _live(case: Case) -> bool:
    return case.state != "merged"


def _dispute(case: Case) -> bool:
    return case.is_open and case.kind == "dispute"


def _has_mode(case: Case) -> bool:
    return case.is_open and case.agency_modes.exists()


def _wishes_mode(case: Case) -> bool:
    return case.is_open and case.agency_modes.filter(mode=AgencyMode.Mode.WISHES).exists()


def _open_task(case: Case) -> bool:
    return _live(case) and AgentTask.objects.filter(mode__case=case, done_at=None).exists()


def _unanswered_wish(case: Case) -> bool:
    return _live(case) and Wish.objects.filter(mode__case=case, responded_at=None).exists()


def _mode(actor: Any, case: Case, data: dict[str, Any]) -> Any:
    """诉求代理 records its written authorisation in the same step (services.mode_add)."""
    new = {k: data.pop(k) for k in f.ModeForm.AUTHORISATION}
    if data["mode"] == AgencyMode.Mode.CLAIM and data["authorisation"] is None:
        data["new_authorisation"] = {k: v for k, v in new.items() if v not in (None, "")}
    return services.mode_add(actor=actor, case=case, **data)


add(Action("accept", _("Accept"), f.NoteForm, call(services.case_accept), _("Case accepted."),
           primary=True))
add(Action("assign", _("Assign"), f.AssignForm, call(services.case_assign),
           _("Case assigned."), primary=True))
add(Action("reassign", _("Reassign"), f.AssignForm, call(services.case_reassign),
           _("Case reassigned.")))
add(Action("refer", _("Refer (三方联动)"), f.ReferForm, call(services.case_refer),
           _("Case referred.")))
add(Action("acknowledge", _("Record the acknowledgement"), f.NoteForm,
           call(services.case_refer_acknowledge), _("Acknowledgement recorded."),
           offered=lambda c: not c.referral_acknowledged_at, primary=True))
add(Action("return", _("Return"), f.ReasonForm, call(services.case_return),
           _("Case returned.")))
add(Action("escalate", _("Escalate to the sub-district"), f.ReasonForm,
           call(services.case_escalate), _("Case escalated.")))
add(Action("supervise", _("Supervise (督办)"), f.ReasonForm,
           call(services.case_supervise, reason="note"), _("Supervision recorded."),
           may=_supervisor))
# Two steps: a handler asks here; the administrator or a leader decides on the case page
# (views/extensions.py).
add(Action("extension_request", _("Request a deadline extension"), f.ExtensionRequestForm,
           call(services.extension_request), _("Extension requested; it awaits approval."),
           offered=lambda c: c.state in services.TRANSITIONS["extend"][0]))
add(Action("pause", _("Pause the clock"), f.ReasonForm, call(services.case_pause),
           _("Clock paused.")))
add(Action("resume", _("Resume"), f.NoteForm, call(services.case_resume), _("Clock resumed."),
           primary=True))
add(Action("conclude", _("Conclude"), f.ConcludeForm, call(services.case_conclude),
           _("Case concluded."), primary=lambda c: c.handler_id is not None
           or c.assignee_unit_id is not None))
add(Action("follow_up", _("Follow-up visit (回访)"), f.FollowUpForm,
           call(services.case_follow_up), _("Follow-up recorded."), primary=True))
add(Action("close", _("Close"), f.VersionForm, call(services.case_close), _("Case closed."),
           primary=True))
add(Action("reopen", _("Reopen"), f.ReasonForm, call(services.case_reopen),
           _("Case reopened.")))
add(Action("merge", _("Merge into another case"), f.MergeForm,
           call(services.case_merge, into_number="into"), _("Case merged.")))
add(Action("link", _("Link with another case"), f.LinkForm,
           call(services.case_link, number="other"), _("Cases linked.")))
add(Action("note", _("Add a note or reply"), f.CommentForm, call(services.case_note_add),
           _("Saved."), offered=_live))
add(Action("attachment", _("Attach a file"), f.AttachmentForm,
           call(services.attachment_add, file="upload"), _("File attached."), offered=_live))
add(Action("session", _("Record a mediation session"), f.SessionForm,
           call(services.session_add), _("Session recorded."), offered=_dispute,
           section="mediation"))
add(Action("agreement", _("Record the agreement"), f.AgreementForm,
           call(services.agreement_record), _("Agreement recorded."),
           offered=lambda c: _dispute(c) and not hasattr(c, "agreement"), section="mediation"))
add(Action("confirmation", _("Judicial confirmation"), f.ConfirmationForm,
           call(services.judicial_confirmation_record), _("Judicial confirmation recorded."),
           offered=lambda c: _live(c) and hasattr(c, "agreement"), section="mediation"))
add(Action("mode", _("Add a 三代 mode"), f.ModeForm, _mode, _("Mode recorded."),
           offered=_open, section="sandai"))
add(Action("authorisation", _("Add a written authorisation"), f.AuthorisationForm,
           call(services.authorisation_add), _("Authorisation recorded."), offered=_open,
           section="sandai"))
# On a 三代 record of the case: the form's hidden field names the record (mode, task, wish).
add(Action("task", _("Add a task"), f.TaskForm, call(services.task_add, case=None),
           _("Task added."), offered=_has_mode, section="record"))
add(Action("task_done", _("Done"), f.ResultForm, call(services.task_complete, case=None),
           _("Task completed."), offered=_open_task, section="record"))
add(Action("wish", _("Record a wish"), f.WishForm, call(services.wish_add, case=None),
           _("Wish recorded."), offered=_wishes_mode, section="record"))
add(Action("wish_response", _("Respond"), f.ResponseForm,
           call(services.wish_respond, case=None), _("Response recorded."), offered=_unanswered_wish,
           section="record"))
add(Action("handover", _("Record a handover"), f.HandoverForm,
           call(services.handover_add, case=None), _("Handover recorded."), offered=_has_mode,
           section="record"))
