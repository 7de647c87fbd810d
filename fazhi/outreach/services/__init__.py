"""Every write of law popularisation, one module per area (lists, activities, check-in, study,
reminders). Each service takes keyword-only arguments, runs in a transaction and audits."""

from fazhi.core.conflicts import Conflict


class ConflictError(Conflict):
    """The record changed since it was read, or is in a state that forbids the change.
    HTML shows the message with a reload hint; the API answers 409."""
