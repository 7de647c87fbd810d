"""Every write about activities: create, edit, photos, walk-in tallies, key dates, feeds."""

from __future__ import annotations

import secrets
import uuid
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record, changed_fields
from fazhi.core.conflicts import StaleVersion
from fazhi.org.models import Region

from .. import images
from ..access import (
    is_reviewer,
    list_scope,
    may_create_activity,
    may_edit_activity,
    require_reader,
)
from ..models import (
    Activity,
    ActivityPhoto,
    CommunityFeed,
    KeyDate,
    ListItem,
    ResponsibilityList,
    WalkIn,
)
from ..selectors.activities import forget_checkin_activity

FIELDS = ("kind", "place", "key_date", "title", "starts_at", "ends_at", "venue", "community",
          "unit", "speakers", "laws", "audience", "planned_attendance", "summary",
          "opens_before", "closes_after")


def new_code() -> str:
    """The secret part of the sign-in address: 72 random bits, URL-safe."""
    return secrets.token_urlsafe(9)


def _check_items(actor: Any, items: list[ListItem] | None) -> None:
    """Items of lists the actor may read; another's is answered as one that does not exist."""
    ids = {item.pk for item in items or []}
    visible = ListItem.objects.filter(pk__in=ids).filter(
        responsibility_list__in=ResponsibilityList.objects.filter(list_scope(actor)))
    if ids and visible.count() != len(ids):
        raise ValidationError({"items": [_("This item is not on the list.")]})


def _snapshot(activity: Activity) -> dict[str, Any]:
    return {name: str(getattr(activity, f"{name}_id" if name in ("key_date", "community", "unit")
                              else name)) for name in FIELDS}


@transaction.atomic
def activity_create(*, actor: Any, items: list[ListItem] | None = None, ip: str = "",
                    **data: Any) -> Activity:
    require_reader(actor)
    community, unit = data.get("community"), data.get("unit")
    if not may_create_activity(actor, kind=data.get("kind", ""),
                               community_id=community.pk if community else None,
                               unit_id=unit.pk if unit else None):
        raise PermissionDenied
    _check_items(actor, items)
    activity = Activity(created_by=actor, code=new_code(),
                        **{k: v for k, v in data.items() if k in FIELDS})
    activity.full_clean()
    activity.save()
    if items:
        activity.items.set(items)
    audit_record(actor=actor, action="create", obj=activity,
                 changes={"kind": activity.kind, "items": [i.pk for i in items or []]}, ip=ip)
    return activity


@transaction.atomic
def activity_update(*, actor: Any, activity: Activity, expected_version: int,
                    items: list[ListItem] | None = None, ip: str = "", **data: Any) -> Activity:
    if not may_edit_activity(actor, activity):
        raise PermissionDenied
    before = _snapshot(activity)
    for name, value in data.items():
        if name in FIELDS:
            setattr(activity, name, value)
    if not may_edit_activity(actor, activity):  # may not move it out of one's own scope
        raise PermissionDenied
    _check_items(actor, items)
    activity.full_clean()
    updated = Activity.objects.filter(pk=activity.pk, version=expected_version).update(
        version=F("version") + 1, **{name: getattr(activity, name) for name in FIELDS})
    if not updated:
        raise StaleVersion(_("Someone else changed this activity; reload the page and try again."))
    if items is not None:
        activity.items.set(items)
    activity.refresh_from_db()
    forget_checkin_activity(activity.code)
    audit_record(actor=actor, action="update", obj=activity,
                 changes=changed_fields(before, _snapshot(activity)), ip=ip)
    return activity


@transaction.atomic
def photo_add(*, actor: Any, activity: Activity, upload: IO[bytes], size: int,
              caption: str = "", ip: str = "") -> ActivityPhoto:
    if not may_edit_activity(actor, activity):
        raise PermissionDenied
    data, width, height = images.clean_photo(upload, size)
    photo = ActivityPhoto(activity=activity, width=width, height=height, caption=caption.strip(),
                          uploaded_by=actor)
    photo.image.save(f"{uuid.uuid4().hex}.jpg", ContentFile(data), save=False)
    try:
        photo.full_clean()
        photo.save()
    except Exception:
        photo.image.delete(save=False)
        raise
    audit_record(actor=actor, action="create", obj=photo, changes={"activity_id": activity.pk},
                 ip=ip)
    return photo


@transaction.atomic
def walkin_add(*, actor: Any, activity: Activity, count: int, note: str = "",
               ip: str = "") -> WalkIn:
    if not may_edit_activity(actor, activity):
        raise PermissionDenied
    walkin = WalkIn(activity=activity, count=count, note=note.strip(), created_by=actor)
    walkin.full_clean()
    walkin.save()
    audit_record(actor=actor, action="create", obj=walkin,
                 changes={"activity_id": activity.pk, "count": count}, ip=ip)
    return walkin


@transaction.atomic
def key_date_save(*, actor: Any, key_date: KeyDate | None = None, ip: str = "",
                  **data: Any) -> KeyDate:
    if not is_reviewer(actor):
        raise PermissionDenied
    key_date = key_date or KeyDate()
    creating = key_date.pk is None
    for name, value in data.items():
        setattr(key_date, name, value)
    key_date.full_clean()
    if not creating:
        key_date.version = F("version") + 1  # type: ignore[assignment]
    key_date.save()
    key_date.refresh_from_db()
    audit_record(actor=actor, action="create" if creating else "update", obj=key_date,
                 changes={k: str(v) for k, v in data.items()}, ip=ip)
    return key_date


def feed_for(*, community: Region) -> CommunityFeed:
    """The community's feed, created with a fresh secret token on first use."""
    if community.level != Region.Level.COMMUNITY:
        raise ValidationError(_("Only a community has a calendar feed."))
    feed, _created = CommunityFeed.objects.get_or_create(
        community=community, defaults={"token": secrets.token_urlsafe(32)})
    return feed


@transaction.atomic
def feed_rotate(*, actor: Any, community: Region, ip: str = "") -> CommunityFeed:
    """A new secret address; phones subscribed to the old one stop receiving updates."""
    if not getattr(actor, "can_write", False) or not (
            actor.sees_all_communities or actor.community_id == community.pk):
        raise PermissionDenied
    feed = feed_for(community=community)
    feed.token = secrets.token_urlsafe(32)
    feed.save(update_fields=["token"])
    audit_record(actor=actor, action="security", obj=feed, detail="calendar feed token rotated",
                 ip=ip)
    return feed
