"""Every write of the assessment: keyword-only, one transaction each, the row locked and its
version checked, scope checked on every id, an audit entry in the same transaction. By topic:
``cycles`` (the cycle and its indicator tree), ``selfassessment`` (the community's part),
``evidence`` (uploads and links of an item), ``review`` (the sub-district's part); ``rows``
holds what they share."""

from .cycles import cycle_create, cycle_update, indicator_delete, indicator_save
from .evidence import evidence_add, evidence_download, evidence_remove
from .review import assessment_conclude, assessment_send_back, decision_for, score_review
from .rows import EVIDENCE_TYPES, MAX_EVIDENCE_BYTES
from .selfassessment import assessment_measure, assessment_start, assessment_submit, score_self

__all__ = [
    "EVIDENCE_TYPES",
    "MAX_EVIDENCE_BYTES",
    "assessment_conclude",
    "assessment_measure",
    "assessment_send_back",
    "assessment_start",
    "assessment_submit",
    "cycle_create",
    "cycle_update",
    "decision_for",
    "evidence_add",
    "evidence_download",
    "evidence_remove",
    "indicator_delete",
    "indicator_save",
    "score_review",
    "score_self",
]
