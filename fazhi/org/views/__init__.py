"""Thin views of the organisation: regions, units, people, agreements."""

from .agreements import agreement_detail, agreement_document, agreement_edit, agreement_list
from .people import (
    duty_slot_add,
    duty_slot_delete,
    person_detail,
    person_edit,
    person_export,
    person_list,
    person_unmask,
)
from .units import region_detail, region_edit, region_list, unit_detail, unit_edit, unit_list

__all__ = [
    "agreement_detail", "agreement_document", "agreement_edit", "agreement_list",
    "duty_slot_add", "duty_slot_delete", "person_detail", "person_edit", "person_export",
    "person_list", "person_unmask", "region_detail", "region_edit", "region_list",
    "unit_detail", "unit_edit", "unit_list",
]
