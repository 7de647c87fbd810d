"""The actions a staff member can take on the case page: form, service call, when offered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.utils.translation import gettext_lazy as _

from .. import forms as f
from .. import selectors, services
from ..models import AgencyMode, AgentTask, Case, Wish
from ..services.machine import allowed


@dataclass(frozen=True)
class Spec:
    label: Any
    form: type[Form]
    run: Callable[[Any, Case, dict[str, Any]], Any]
    done: Any
    offered: Callable[[Case], bool]
    form_kwargs: Callable[[Case], dict[str, Any]] = field(default=lambda case: {})
    versioned: bool = True


def _t(name: str) -> Callable[[Case], bool]:
    return lambda case: allowed(case, name)


def _other(actor: Any, number: str) -> Case:
    other = selectors.case_by_number_for(actor=actor, number=number)
    if other is None:
        raise ValidationError({"number": _("No case has this number.")})
    return other


def _own(model: Any, case: Case, pk: Any, field: str = "mode__case") -> Any:
    # The id comes from a hidden input: anything but a plausible id is simply not the case's.
    text = str(pk or "")
    obj = (model.objects.filter(pk=int(text), **{field: case}).first()
           if text.isascii() and text.isdigit() and len(text) < 10 else None)
    if obj is None:
        raise ValidationError(_("This record does not belong to the case."))
    return obj


def _v(d: dict[str, Any]) -> int:
    return d["version"]


ACTIONS: dict[str, Spec] = {
    "accept": Spec(_("Accept"), f.NoteForm, lambda u, c, d: services.case_accept(
        actor=u, case=c, expected_version=_v(d), note=d["note"]), _("Case accepted."),
        _t("accept")),
    "assign": Spec(_("Assign"), f.AssignForm, lambda u, c, d: services.case_assign(
        actor=u, case=c, expected_version=_v(d), handler=d["handler"], unit=d["unit"],
        reason=d["reason"]), _("Case assigned."), _t("assign")),
    "reassign": Spec(_("Reassign"), f.AssignForm, lambda u, c, d: services.case_reassign(
        actor=u, case=c, expected_version=_v(d), handler=d["handler"], unit=d["unit"],
        reason=d["reason"]), _("Case reassigned."), _t("reassign")),
    "refer": Spec(_("Refer (三方联动)"), f.ReferForm, lambda u, c, d: services.case_refer(
        actor=u, case=c, expected_version=_v(d), unit=d["unit"], reason=d["reason"]),
        _("Case referred."), _t("refer")),
    "acknowledge": Spec(_("Record the acknowledgement"), f.NoteForm,
                        lambda u, c, d: services.case_refer_acknowledge(
                            actor=u, case=c, expected_version=_v(d), note=d["note"]),
                        _("Acknowledgement recorded."),
                        lambda c: allowed(c, "acknowledge") and not c.referral_acknowledged_at),
    "return": Spec(_("Return"), f.ReasonForm, lambda u, c, d: services.case_return(
        actor=u, case=c, expected_version=_v(d), reason=d["reason"]), _("Case returned."),
        _t("return")),
    "escalate": Spec(_("Escalate to the sub-district"), f.ReasonForm,
                     lambda u, c, d: services.case_escalate(
                         actor=u, case=c, expected_version=_v(d), reason=d["reason"]),
                     _("Case escalated."), _t("escalate")),
    "supervise": Spec(_("Supervise (督办)"), f.ReasonForm, lambda u, c, d: services.case_supervise(
        actor=u, case=c, expected_version=_v(d), note=d["reason"]), _("Supervision recorded."),
        _t("supervise")),
    # Two steps: a handler asks here; the administrator or a leader decides on the case page
    # (views/extensions.py).
    "extension_request": Spec(_("Request a deadline extension"), f.ExtensionRequestForm,
                              lambda u, c, d: services.extension_request(
                                  actor=u, case=c, days=d["days"], reason=d["reason"]),
                              _("Extension requested; it awaits approval."), _t("extend"),
                              versioned=False),
    "pause": Spec(_("Pause the clock"), f.ReasonForm, lambda u, c, d: services.case_pause(
        actor=u, case=c, expected_version=_v(d), reason=d["reason"]), _("Clock paused."),
        _t("pause")),
    "resume": Spec(_("Resume"), f.NoteForm, lambda u, c, d: services.case_resume(
        actor=u, case=c, expected_version=_v(d), note=d["note"]), _("Clock resumed."),
        _t("resume")),
    "conclude": Spec(_("Conclude"), f.ConcludeForm, lambda u, c, d: services.case_conclude(
        actor=u, case=c, expected_version=_v(d), outcome=d["outcome"], summary=d["summary"],
        route=d["route"], public_reply=d["public_reply"],
        prevented_criminal=d["prevented_criminal"],
        prevented_persons=d["prevented_persons"] or 0), _("Case concluded."), _t("conclude")),
    "follow_up": Spec(_("Follow-up visit (回访)"), f.FollowUpForm,
                      lambda u, c, d: services.case_follow_up(
                          actor=u, case=c, expected_version=_v(d), at=d["at"],
                          contact=d["contact"], satisfaction=d["satisfaction"],
                          performed=d["performed"], note=d["note"], sued=d["sued"],
                          risk_signs=d["risk_signs"]), _("Follow-up recorded."),
                      _t("follow_up")),
    "close": Spec(_("Close"), f.VersionForm, lambda u, c, d: services.case_close(
        actor=u, case=c, expected_version=_v(d)), _("Case closed."), _t("close")),
    "reopen": Spec(_("Reopen"), f.ReasonForm, lambda u, c, d: services.case_reopen(
        actor=u, case=c, expected_version=_v(d), reason=d["reason"]), _("Case reopened."),
        _t("reopen")),
    "merge": Spec(_("Merge into another case"), f.CaseNumberForm,
                  lambda u, c, d: services.case_merge(
                      actor=u, case=c, expected_version=_v(d), into=_other(u, d["number"]),
                      reason=d["reason"]), _("Case merged."), _t("merge")),
    "link": Spec(_("Link with another case"), f.CaseNumberForm,
                 lambda u, c, d: services.case_link(actor=u, case=c, other=_other(u, d["number"])),
                 _("Cases linked."), _t("link")),
    "note": Spec(_("Add a note or reply"), f.CommentForm, lambda u, c, d: services.case_note_add(
        actor=u, case=c, text=d["text"], public=d["public"]), _("Saved."),
        lambda c: c.state != "merged", versioned=False),
    "session": Spec(_("Record a mediation session"), f.SessionForm,
                    lambda u, c, d: services.session_add(actor=u, case=c, **d),
                    _("Session recorded."), lambda c: c.is_open and c.kind == "dispute",
                    versioned=False),
    "agreement": Spec(_("Record the agreement"), f.AgreementForm,
                      lambda u, c, d: services.agreement_record(actor=u, case=c, **d),
                      _("Agreement recorded."),
                      lambda c: c.is_open and c.kind == "dispute" and not hasattr(c, "agreement"),
                      versioned=False),
    "confirmation": Spec(_("Judicial confirmation"), f.ConfirmationForm,
                         lambda u, c, d: services.judicial_confirmation_record(
                             actor=u, case=c, **d), _("Judicial confirmation recorded."),
                         lambda c: hasattr(c, "agreement"), versioned=False),
    "authorisation": Spec(_("Add a written authorisation"), f.AuthorisationForm,
                          lambda u, c, d: services.authorisation_add(actor=u, case=c, **d),
                          _("Authorisation recorded."), lambda c: c.is_open,
                          form_kwargs=lambda c: {"case": c}, versioned=False),
    "mode": Spec(_("Add a 三代 mode"), f.ModeForm,
                 lambda u, c, d: services.mode_add(actor=u, case=c, **d), _("Mode recorded."),
                 lambda c: c.is_open, form_kwargs=lambda c: {"case": c}, versioned=False),
    "attachment": Spec(_("Attach a file"), f.AttachmentForm,
                       lambda u, c, d: services.attachment_add(actor=u, case=c,
                                                               upload=d["file"],
                                                               doc_type=d["doc_type"]),
                       _("File attached."), lambda c: c.state != "merged", versioned=False),
}

# Actions on a 三代 record of the case: the record's id comes in the form as "target".
RECORD_ACTIONS: dict[str, Spec] = {
    "task": Spec(_("Add a task"), f.TaskForm, lambda u, c, d: services.task_add(
        actor=u, mode=_own(AgencyMode, c, d.pop("target"), "case"), **d), _("Task added."),
        lambda c: True, versioned=False),
    "task_done": Spec(_("Done"), f.ResultForm, lambda u, c, d: services.task_complete(
        actor=u, task=_own(AgentTask, c, d.pop("target")), **d), _("Task completed."),
        lambda c: True, versioned=False),
    "wish": Spec(_("Record a wish"), f.WishForm, lambda u, c, d: services.wish_add(
        actor=u, mode=_own(AgencyMode, c, d.pop("target"), "case"), **d), _("Wish recorded."),
        lambda c: True, versioned=False),
    "wish_response": Spec(_("Respond"), f.ResponseForm, lambda u, c, d: services.wish_respond(
        actor=u, wish=_own(Wish, c, d.pop("target")), **d), _("Response recorded."),
        lambda c: True, versioned=False),
    "handover": Spec(_("Record a handover"), f.HandoverForm, lambda u, c, d: services.handover_add(
        actor=u, mode=_own(AgencyMode, c, d.pop("target"), "case"), **d),
        _("Handover recorded."), lambda c: True, versioned=False),
}


def action_forms(case: Case, bound: dict[str, Form]) -> dict[str, Form]:
    """The forms the case page shows: each action on offer, and the one just refused, with its
    messages and input, even if it is no longer on offer (another user moved the case on)."""
    forms: dict[str, Form] = {}
    for name, spec in ACTIONS.items():
        if name not in bound and not spec.offered(case):
            continue
        initial = {"version": case.version} if spec.versioned else {}
        forms[name] = bound.get(name) or spec.form(initial=initial, prefix=None,
                                                   **spec.form_kwargs(case))
    return forms
