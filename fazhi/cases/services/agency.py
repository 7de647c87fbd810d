"""三代 records: modes, written authorisations, agent tasks, wishes and handovers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.conflicts import Conflict

from ..access import require_taker
from ..models import AgencyMode, AgentTask, Authorisation, Case, Event, Handover, Party, Wish
from .attachments import check_upload
from .workflow import case_lock


def _check_agent(agent: Any, case: Case, field: str) -> None:
    """An agent reads the case from then on, so it must be someone who may take it."""
    require_taker(agent, case, field)


@transaction.atomic
def authorisation_add(*, actor: Any, case: Case, party: Party, agent_name: str, scope: str,
                      valid_from: dt.date, valid_until: dt.date, relation: str = "",
                      agent_user: Any = None, document: Any = None) -> Authorisation:
    locked = case_lock(actor=actor, case=case, expected_version=None)
    _check_agent(agent_user, locked, "agent_user")
    if party.case_id != locked.pk:
        raise ValidationError({"party": _("The authorising party must be a party to this case.")})
    if document is not None:
        check_upload(document)
    auth = Authorisation(case=locked, party=party, agent_name=agent_name, scope=scope,
                         valid_from=valid_from, valid_until=valid_until, relation=relation,
                         agent_user=agent_user)
    if valid_until < valid_from:
        raise ValidationError({"valid_until": _("The authorisation cannot end before it starts.")})
    auth.full_clean(exclude=["document"])
    if document is not None:
        auth.document = document
    auth.save()
    audit_record(actor=actor, action="create", obj=auth, object_repr=str(locked))
    return auth


@transaction.atomic
def mode_add(*, actor: Any, case: Case, mode: str, agent: Any,
             authorisation: Authorisation | None = None,
             new_authorisation: dict[str, Any] | None = None) -> AgencyMode:
    """A 三代 mode. 诉求代理 (claim) needs the resident's written authorisation: an existing
    one of the case, or ``new_authorisation`` (party, scope, valid_from, valid_until, and
    optionally relation and document), recorded in the same step with ``agent`` as agent."""
    locked = case_lock(actor=actor, case=case, expected_version=None)
    if agent is None:
        raise ValidationError({"agent": _("Choose the agent.")})
    _check_agent(agent, locked, "agent")
    if authorisation is not None and authorisation.case_id != locked.pk:
        raise ValidationError({"authorisation": _("This authorisation belongs to another case.")})
    if mode == AgencyMode.Mode.CLAIM and authorisation is None and new_authorisation:
        authorisation = _authorisation_for_claim(actor, locked, agent, new_authorisation)
    if mode == AgencyMode.Mode.CLAIM:
        today = timezone.localdate()
        if authorisation is None:
            raise ValidationError({"authorisation": _(
                "Acting as agent for a claim needs the resident's written authorisation.")})
        if authorisation.revoked or not (authorisation.valid_from <= today
                                         <= authorisation.valid_until):
            raise ValidationError({"authorisation": _("This authorisation is not valid today.")})
    try:
        with transaction.atomic():
            record = AgencyMode.objects.create(case=locked, mode=mode, agent=agent,
                                               authorisation=authorisation)
    except IntegrityError as exc:
        raise Conflict(_("This mode is already recorded for the case.")) from exc
    Event.objects.create(case=locked, at=timezone.now(), actor=actor, action="agency",
                         text=_("%(mode)s by %(agent)s") % {"mode": record.get_mode_display(),
                                                             "agent": agent}, public=True)
    audit_record(actor=actor, action="create", obj=locked, detail=f"agency mode {mode}")
    return record


def _authorisation_for_claim(actor: Any, case: Case, agent: Any,
                             data: dict[str, Any]) -> Authorisation:
    missing = {name: _("This is needed for the written authorisation.")
               for name in ("party", "scope", "valid_from", "valid_until")
               if not data.get(name)}
    if missing:
        raise ValidationError(missing)
    return authorisation_add(actor=actor, case=case, agent_name=str(agent), agent_user=agent,
                             **data)


def _mode(actor: Any, mode: AgencyMode) -> AgencyMode:
    case_lock(actor=actor, case=mode.case, expected_version=None)
    return mode


@transaction.atomic
def task_add(*, actor: Any, mode: AgencyMode, title: str, due_on: dt.date) -> AgentTask:
    _mode(actor, mode)
    task = AgentTask(mode=mode, title=title, due_on=due_on)
    task.full_clean()
    task.save()
    audit_record(actor=actor, action="create", obj=task, object_repr=title)
    return task


@transaction.atomic
def task_complete(*, actor: Any, task: AgentTask, result: str,
                  public: bool = True) -> AgentTask:
    """The agent reports a task done; a public result shows on the resident's tracking page."""
    _mode(actor, task.mode)
    task = AgentTask.objects.get(pk=task.pk)  # as it is now, under the case's lock
    if task.done_at is not None:
        raise Conflict(_("This task is already done."))
    if not result.strip():
        raise ValidationError({"result": _("Record the result of the task.")})
    task.done_at, task.result, task.public = timezone.now(), result.strip(), public
    task.save(update_fields=["done_at", "result", "public"])
    Event.objects.create(case=task.mode.case, at=task.done_at, actor=actor, action="task",
                         text=_("Done: %(title)s — %(result)s")
                         % {"title": task.title, "result": task.result}, public=public)
    audit_record(actor=actor, action="update", obj=task, object_repr=task.title)
    return task


@transaction.atomic
def wish_add(*, actor: Any, mode: AgencyMode, words: str, speakers: str = "") -> Wish:
    _mode(actor, mode)
    if mode.mode != AgencyMode.Mode.WISHES:
        raise ValidationError({"mode": _("Wishes are recorded on a 意愿代言 mode.")})
    wish = Wish(mode=mode, words=words, speakers=speakers)
    wish.full_clean()
    wish.save()
    audit_record(actor=actor, action="create", obj=wish, object_repr=words[:60])
    return wish


@transaction.atomic
def wish_respond(*, actor: Any, wish: Wish, response: str) -> Wish:
    _mode(actor, wish.mode)
    wish = Wish.objects.get(pk=wish.pk)  # as it is now, under the case's lock
    if wish.responded_at is not None:
        raise Conflict(_("This wish already has a response."))
    if not response.strip():
        raise ValidationError({"response": _("Write the response.")})
    wish.response, wish.responded_at = response.strip(), timezone.now()
    wish.save(update_fields=["response", "responded_at"])
    audit_record(actor=actor, action="update", obj=wish, object_repr=wish.words[:60])
    return wish


@transaction.atomic
def handover_add(*, actor: Any, mode: AgencyMode, item: str, received_by: str,
                 at: dt.datetime) -> Handover:
    _mode(actor, mode)
    if at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"at": _("A handover cannot be in the future.")})
    handover = Handover(mode=mode, item=item, received_by=received_by, at=at)
    handover.full_clean()
    handover.save()
    Event.objects.create(case=mode.case, at=timezone.now(), actor=actor, action="handover",
                         text=_("Handed back: %(item)s") % {"item": item}, public=True)
    audit_record(actor=actor, action="create", obj=handover, object_repr=item)
    return handover
