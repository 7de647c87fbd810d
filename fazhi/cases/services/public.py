"""What a resident may do without logging in, once they proved they hold the tracking code."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.conflicts import Conflict
from fazhi.core.identity import clean_mobile
from fazhi.core.senders import get_sender

from ..models import Case, Event, FollowUp, State
from .closing import case_reopen_fields
from .intake import case_create
from .machine import target
from .search import search_index
from .workflow import transition_save


@transaction.atomic
def appeal_submit(*, mobile: str, idempotency_key: str, **fields: Any) -> tuple[Case, bool]:
    """A resident's matter from the public form (``fields`` as ``case_create`` takes them;
    ``mobile`` the applicant's, refused naming "mobile"). The first submission of a form texts
    the tracking code to the mobile, once the case is committed; a retry of the same form
    returns the case and texts nothing."""
    mobile = clean_mobile(mobile)
    case, created = case_create(actor=None, idempotency_key=idempotency_key, **fields)
    if created:
        text = _("Fazhi: we received your matter. Tracking code %(code)s; follow it with the "
                 "code and the last four digits of this mobile.") % {"code": case.tracking_code}
        transaction.on_commit(
            lambda: get_sender().send(channel="sms", to=mobile, text=text))
    return case, created


@transaction.atomic
def resident_info_add(*, case: Case, text: str, upload: Any = None) -> Event:
    text = (text or "").strip()
    if not text and upload is None:
        raise ValidationError({"text": _("Write what you want to add.")})
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.state in (State.CLOSED, State.MERGED):
        raise Conflict(_("This matter is closed; please contact the station."))
    if upload is not None:
        from .attachments import attachment_add

        attachment_add(actor=None, case=locked, upload=upload, public=True)
    event = Event.objects.create(case=locked, at=timezone.now(), action="resident",
                                 text=text or _("The resident added a file."), public=True)
    search_index(locked)
    audit_record(actor=None, action="update", obj=locked, detail="resident added information")
    return event


@transaction.atomic
def resident_rate(*, case: Case, satisfaction: str, note: str = "") -> FollowUp:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.state not in (State.CONCLUDED, State.CLOSED):
        raise Conflict(_("You can rate the handling once your matter is concluded."))
    if satisfaction not in FollowUp.Satisfaction.values:
        raise ValidationError({"satisfaction": _("Choose how satisfied you are.")})
    if satisfaction == FollowUp.Satisfaction.DISSATISFIED and not note.strip():
        raise ValidationError({"note": _("Please tell us what was not right.")})
    target(locked, "follow_up")
    before = locked.state
    follow_up = FollowUp.objects.create(
        case=locked, at=timezone.now(), contact=_("Rated online by the resident"),
        satisfaction=satisfaction, note=note.strip(), by_resident=True)
    locked.satisfaction = satisfaction
    if satisfaction == FollowUp.Satisfaction.DISSATISFIED:
        case_reopen_fields(locked)
    transition_save(actor=None, case=locked, action="follow_up", from_state=before,
                    reason=_("Resident rating: %(s)s. %(note)s")
                    % {"s": follow_up.get_satisfaction_display(), "note": note})
    return follow_up
