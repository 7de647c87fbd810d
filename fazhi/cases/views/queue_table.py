"""The work queue's table rows, written in Python the way Django admin writes its changelist.

The queue is the page staff open most, and template logic made each row slow
(docs/measurements.md): three ``get_FOO_display`` calls (Django rebuilds and hashes the whole choice list on each,
translating every label), the deadline badge's comparisons, the date filter and nine
``data-label`` attributes (the phone layout prints them beside each value). Here the labels
are translated once per page and each row is one ``format_html`` call (every value escaped),
as admin's ``items_for_result`` does; the table's markup around them and its empty state stay
in ``cases/list.html``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..models import OPEN_STATES, Case, Kind, Risk, State

RISK_BADGE = {Risk.HIGH.value: " bad", Risk.MAJOR.value: " bad", Risk.MEDIUM.value: " warn"}

ROW = ('<tr><td data-label="{l_number}"><a href="{url}{pk}/">{number}</a></td>'
       '<td data-label="{l_subject}">{title}</td>'
       '<td data-label="{l_kind}">{kind}{backlog}</td>'
       '<td data-label="{l_category}">{category}</td>'
       '<td data-label="{l_community}">{community}</td>'
       '<td data-label="{l_state}">{state}</td>'
       '<td data-label="{l_risk}"><span class="badge{risk_badge}">{risk}</span></td>'
       '<td data-label="{l_handler}">{handler}</td>'
       '<td data-label="{l_due}">{due}{due_badge}</td></tr>\n')


def column_labels() -> dict[str, str]:
    """The table's column titles, in order: its head (``cases/list.html``) and each cell's
    ``data-label``."""
    return {"l_number": _("Number"), "l_subject": _("Subject"), "l_kind": _("Kind"),
            "l_category": _("Category"), "l_community": _("Community"), "l_state": _("State"),
            "l_risk": _("Risk"), "l_handler": _("Handler"), "l_due": _("Due")}


def queue_rows_html(cases: Iterable[Case], *, now: dt.datetime, soon: dt.datetime,
                    labels: dict[str, str]) -> SafeString:
    """The rows of the table for ``cases`` (the case's category, community and handler
    fetched with it) under ``labels`` (``column_labels()``); empty when there is none."""
    kinds = {value: str(label) for value, label in Kind.choices}
    states = {value: str(label) for value, label in State.choices}
    risks = {value: str(label) for value, label in Risk.choices}
    backlog = format_html(' <span class="badge bad">{}</span>', _("backlog"))
    overdue = format_html(' <span class="badge bad">{}</span>', _("overdue"))
    due_soon = format_html(' <span class="badge warn">{}</span>', _("due soon"))
    none = mark_safe("")
    url = reverse("cases:list")
    out = []
    for case in cases:
        due, badge = "—", none
        if case.due_at and case.state in OPEN_STATES:
            due = timezone.localtime(case.due_at).strftime("%Y-%m-%d %H:%M")
            badge = overdue if case.due_at < now else due_soon if case.due_at <= soon else none
        out.append(format_html(
            ROW, url=url, pk=case.pk, number=case.number, title=case.title,
            kind=kinds.get(case.kind, case.kind), backlog=backlog if case.backlog else none,
            category=case.category.name if case.category_id else "—",  # type: ignore[union-attr]
            community=case.community.name if case.community_id else "—",  # type: ignore[union-attr]
            state=states.get(case.state, case.state), risk=risks.get(case.risk, case.risk),
            risk_badge=RISK_BADGE.get(case.risk, ""),
            handler=str(case.handler) if case.handler_id else "—",
            due=due, due_badge=badge, **labels))
    return mark_safe("".join(out))  # noqa: S308 (each row built by format_html)
