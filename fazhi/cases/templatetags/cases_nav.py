"""The notifications link with its unread count, for the site navigation (one query)."""

from __future__ import annotations

from typing import Any

from django import template

from ..selectors.notifications import unread_count_for

register = template.Library()


@register.inclusion_tag("cases/_nav_notifications.html", takes_context=True)
def cases_notifications_link(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"unread": unread_count_for(user) if user is not None else 0}
