"""The questions of the paper page (exams/paper.html), one small form each.

Written here rather than as a template loop: the 50 questions are rendered on every start, and
the template loop (about 1,500 nodes) cost more than the rest of the start's page together
(docs/exams.md, "Figures"). Every text is escaped as a template escapes it (``html.escape``,
which Django's ``escape`` is); numbers are written plainly, never localised (they are
attributes and form values)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from ..models import Kind
from ..selectors import ShownItem

register = template.Library()


def _answer(item: ShownItem) -> str:
    if item.kind == Kind.FILL:
        return (f'<label class="option"><input type="text" name="answer" maxlength="200" '
                f'value="{escape(item.text)}" autocomplete="off"></label>')
    kind = item.input_type
    return "".join(f'<label class="option"><input type="{kind}" name="answer" value="{place}"'
                   f'{checked}> {escape(text)}</label>' for place, text, checked in item.choices)


@register.simple_tag(takes_context=True)
def question_forms(context: Any, items: Iterable[ShownItem], action: str, version: int,
                   save: str) -> SafeString:
    """Each question as a form that saves its answer (the page's script posts it as JSON; the
    button inside <noscript> posts it plainly)."""
    csrf, action, save = (escape(str(context.get("csrf_token", ""))), escape(action),
                          escape(str(save)))
    version = int(version)
    forms = []
    for item in items:
        position, kind = int(item.position), escape(item.kind)
        forms.append(
            f'<form class="card question" id="q{position}" method="post" action="{action}" '
            f'data-position="{position}" data-seq="{int(item.seq)}" data-kind="{kind}">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">\n<fieldset><legend>'
            f'<strong>{position}.</strong> <span class="badge">{escape(item.label)}</span> '
            f'{escape(item.stem)}</legend>\n<input type="hidden" name="position" '
            f'value="{position}"><input type="hidden" name="kind" value="{kind}">\n'
            f'<input type="hidden" name="seq" value="{int(item.next_seq)}">'
            f'<input type="hidden" name="paper_version" value="{version}">\n{_answer(item)}\n'
            f'<noscript><button type="submit" class="secondary">{save}</button></noscript>\n'
            f'<span class="item-state" aria-live="polite"></span>\n</fieldset></form>\n')
    return mark_safe("".join(forms))  # noqa: S308 - every text above is escaped
