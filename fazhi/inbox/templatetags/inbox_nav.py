"""The notifications link with its unread count, for the site navigation (one query; none
where the view already counted it as ``inbox_unread``)."""

from __future__ import annotations

from typing import Any

from django import template

from ..selectors import unread_count_for

register = template.Library()


@register.inclusion_tag("inbox/_nav.html", takes_context=True)
def inbox_link(context: Any) -> dict[str, Any]:
    unread = context.get("inbox_unread")
    if unread is None:
        request = context.get("request")
        unread = unread_count_for(getattr(request, "user", None))
    return {"unread": unread}
