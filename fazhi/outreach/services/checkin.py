"""Sign-ins: one per mobile per activity, enforced by the database, inside the sign-in window."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.crypto import encrypt
from fazhi.core.identity import normalise_mobile, validate_mobile
from fazhi.core.masking import mask_name
from fazhi.core.personal import sealed_mobile

from ..access import may_edit_activity, may_see_activity
from ..models import Activity, SignIn


def checkin_window_check(activity: Activity, now: dt.datetime) -> None:
    """The sign-in window, the one rule the page (before anyone types) and the service use."""
    if now < activity.checkin_opens:
        raise ValidationError(
            _("Sign-in opens at %(time)s, %(minutes)d minutes before the start.")
            % {"time": date_format(timezone.localtime(activity.checkin_opens), "Y-m-d H:i"),
               "minutes": activity.opens_before}, code="too_early")
    if now > activity.checkin_closes:
        raise ValidationError(
            _("Sign-in closed at %(time)s.")
            % {"time": date_format(timezone.localtime(activity.checkin_closes), "Y-m-d H:i")},
            code="too_late")


def _insert_once(signin: SignIn, *, actor: Any, ip: str) -> bool:
    """INSERT the sign-in; False when the unique constraint says this mobile already signed in.

    Public sign-ins outside any transaction are one INSERT in autocommit: the SQLite write lock
    is held for that statement only, not across Python work, which is what lets a burst of a
    lecture hall's phones through. Staff records carry an audit entry and so a transaction;
    inside an outer transaction a savepoint keeps a refused INSERT from breaking it."""
    try:
        if actor is None and not transaction.get_connection().in_atomic_block:
            _insert_row(signin)
        else:
            with transaction.atomic():
                signin.save(force_insert=True)
                if actor is not None:
                    audit_record(actor=actor, action="create", obj=signin,
                                 changes={"activity_id": signin.activity_id,
                                          "source": signin.source}, ip=ip)
    except IntegrityError:
        return False
    return True


def _insert_row(signin: SignIn) -> None:
    """``signin.save(force_insert=True)`` for the public hot path, as one statement built from
    the model's own fields and their own conversions (``pre_save`` fills ``created_at``,
    ``get_db_prep_save`` adapts each value, the database returns the id): a third of the
    insert compiler's cost on the public hot path (docs/measurements.md)."""
    fields = [f for f in SignIn._meta.concrete_fields if not f.primary_key]
    values = [f.get_db_prep_save(f.pre_save(signin, add=True), connection) for f in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    pk = quote(str(SignIn._meta.pk.column))  # type: ignore[union-attr]
    sql = (f"INSERT INTO {quote(SignIn._meta.db_table)} ({columns}) "  # noqa: S608 (metadata)
           f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {pk}")
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        (signin.pk,) = cursor.fetchone()
    signin._state.adding = False
    signin._state.db = connection.alias


def _existing(activity: Activity, digest: str) -> SignIn | None:
    return SignIn.objects.filter(activity=activity, mobile_hash=digest).first()


def signin_create(*, activity: Activity, name: str, mobile: str, community_id: int | None = None,
                  affiliation: str = "", source: str = SignIn.Source.QR, actor: Any = None,
                  now: dt.datetime | None = None, ip: str = "") -> tuple[SignIn, bool]:
    """Record an attendee; (sign-in, created). A repeat with the same mobile returns the first
    sign-in and False, also when two requests race: the unique constraint decides, with no
    SELECT before the INSERT (the repeat is the rare case and pays for the look-up).
    Staff (``actor``) may record attendees outside the window; the public may not, but a repeat
    after the window still hears "already signed in"."""
    now = now or timezone.now()
    if actor is not None and not may_edit_activity(actor, activity):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    name = " ".join((name or "").split())
    if not name:
        errors["name"] = [_("Please enter your name.")]
    elif len(name) > SignIn.NAME_MAX_LENGTH:
        errors["name"] = [_("A name has at most %(n)d characters.") % {"n": SignIn.NAME_MAX_LENGTH}]
    number = normalise_mobile(mobile)
    try:
        validate_mobile(number)
    except ValidationError as exc:
        errors["mobile"] = exc.messages
    if errors:
        raise ValidationError(errors)
    mobile_columns = sealed_mobile(number)
    digest = mobile_columns["mobile_hash"]
    if actor is None:
        try:
            checkin_window_check(activity, now)
        except ValidationError:
            existing = _existing(activity, digest)
            if existing is not None:
                return existing, False
            raise
    signin = SignIn(activity=activity, name_enc=encrypt(name), name_masked=mask_name(name),
                    **mobile_columns, community_id=community_id,
                    affiliation=(affiliation or "").strip()[:80], source=source)
    # The activity was just loaded (no look-up needed); a given community is still checked.
    signin.full_clean(exclude=["activity"], validate_constraints=False)
    if _insert_once(signin, actor=actor, ip=ip):
        return signin, True
    existing = _existing(activity, digest)
    if existing is None:  # not the once-per-mobile constraint after all
        raise IntegrityError("sign-in refused by the database")
    return existing, False


def signins_export(*, actor: Any, activity: Activity, ip: str = "") -> list[list[Any]]:
    """The attendee list, masked, for a spreadsheet; the export itself is audited."""
    if not may_see_activity(actor, activity) or not (
            may_edit_activity(actor, activity) or actor.sees_all_communities):
        raise PermissionDenied
    rows = [[i, s.name_masked, s.mobile_masked, s.community.name if s.community else "",
             s.affiliation, s.get_source_display(),
             timezone.localtime(s.created_at).strftime("%Y-%m-%d %H:%M")]
            for i, s in enumerate(SignIn.objects.filter(activity=activity)
                                  .select_related("community").order_by("created_at", "pk"),
                                  start=1)]
    audit_record(actor=actor, action="export", obj=activity, detail=f"attendee list ({len(rows)})",
                 ip=ip)
    return rows
