"""Every non-trivial read of casework, scoped to the actor."""

from .cases import (
    QUEUES,
    SOON,
    case_by_number_for,
    case_get_for,
    case_list_for,
    case_matches_capped,
    case_page_for,
    case_track,
    duplicates_for,
    earlier_cases_for,
    public_events,
    queue_counts,
)
from .countdown import Countdown, countdown_for
from .expectations import Expectation, expectation_for, expectation_of
from .extensions import extension_requests_pending_for
from .home import work_for
from .search import search_filter, similar_case_ids

__all__ = [
    "Countdown", "Expectation", "QUEUES", "SOON", "countdown_for", "expectation_for", "expectation_of", "case_by_number_for", "case_get_for", "case_list_for", "case_matches_capped", "case_page_for", "case_track",
    "duplicates_for", "earlier_cases_for", "extension_requests_pending_for", "public_events", "queue_counts", "search_filter",
    "similar_case_ids", "work_for",
]
