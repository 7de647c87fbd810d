"""The work queue's filter form, shaped for a lean template.

Django renders a select through one widget template per option: the queue's filters (70-odd
options) are slow that way (docs/measurements.md). Here each field becomes a plain dict (id, name,
label, value or the options already written out with the chosen ones selected, errors) and
``cases/_filter_fields.html`` writes the same accessible markup in one pass: a label for every
field, errors beside it (referenced by ``aria-describedby``, marked ``aria-invalid``), the
submitted values kept.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

SELECTED = mark_safe(" selected")  # noqa: S308 (a constant)


def _options(field: forms.Field) -> list[tuple[str, str]]:
    if isinstance(field, forms.ModelChoiceField):
        # One narrow query instead of a model instance per option (the label is the name).
        return [("", "—"), *((str(pk), name) for pk, name
                             in field.queryset.values_list("pk", "name"))]  # type: ignore[union-attr]
    return [(str(value), str(label)) for value, label in field.choices]  # type: ignore[attr-defined]


def filter_fields(form: forms.Form) -> list[dict[str, Any]]:
    fields = []
    for bf in form.visible_fields():
        widget = bf.field.widget
        value = widget.format_value(bf.value())
        item: dict[str, Any] = {"id": bf.auto_id, "name": bf.html_name, "label": bf.label,
                                "errors": bf.errors, "options": None}
        if isinstance(widget, forms.Select):
            chosen = set(value) if isinstance(value, list) else {value}
            # Written here, not by a template loop over 70-odd options (docs/measurements.md).
            item["options"] = format_html_join(
                "\n", '<option value="{}"{}>{}</option>',
                ((v, SELECTED if v in chosen else "", label) for v, label in _options(bf.field)))
        else:
            item.update(type=widget.input_type, value=value,  # type: ignore[attr-defined]
                        maxlength=widget.attrs.get("maxlength"))
        fields.append(item)
    return fields
