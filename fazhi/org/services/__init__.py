"""Every write about the organisation. Each checks the actor, validates, saves and writes its
audit entry in one transaction; updates take ``expected_version`` and refuse stale edits
(``Conflict``); a second person with a known ID number raises ``DuplicatePerson``."""

from .agreements import (
    MAX_DOCUMENT_BYTES,
    agreement_create,
    agreement_document_open,
    agreement_update,
)
from .people import (
    UNMASKABLE,
    duty_slot_create,
    duty_slot_delete,
    people_export,
    person_create,
    person_secret_columns,
    person_unmask,
    person_update,
    person_viewed,
)
from .records import DuplicatePerson
from .regions_units import region_create, region_update, unit_create, unit_update

__all__ = [
    "MAX_DOCUMENT_BYTES", "UNMASKABLE", "DuplicatePerson", "agreement_create",
    "agreement_document_open", "agreement_update", "duty_slot_create", "duty_slot_delete",
    "people_export", "person_create", "person_secret_columns", "person_unmask",
    "person_update", "person_viewed", "region_create", "region_update", "unit_create", "unit_update",
]
