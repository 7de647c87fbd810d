"""The inbox over the API: one's own notifications, the unread count, marking read."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from fazhi.core.apitypes import Id, Pagination
from fazhi.core.choicefields import api_choice

from . import selectors, services
from .models import Notification

router = Router(tags=["inbox"])


class NotificationOut(Schema):
    id: int
    topic: str = api_choice(Notification.Topic)
    subject_id: int
    text: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class UnreadOut(Schema):
    unread: int


class MarkedOut(Schema):
    marked: int


@router.get("/notifications", response=list[NotificationOut],
            summary="My notifications, newest first")
@paginate(Pagination)
def notification_list(request: HttpRequest, unread_only: bool = False):
    return selectors.notifications_for(actor=request.user, unread_only=unread_only)


@router.get("/unread", response=UnreadOut, summary="How many of my notifications are unread")
def unread(request: HttpRequest):
    selectors.notifications_for(actor=request.user)  # refuses the administration roles
    return {"unread": selectors.unread_count_for(request.user)}


@router.post("/notifications/{id}/read", response=NotificationOut,
             summary="Mark one of my notifications read")
def notification_read(request: HttpRequest, id: Id):
    return services.notification_mark_read(actor=request.user, pk=id)


@router.post("/notifications/read", response=MarkedOut,
             summary="Mark all my notifications read")
def notifications_read_all(request: HttpRequest):
    return {"marked": services.notifications_mark_all_read(actor=request.user)}
