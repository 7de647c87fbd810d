"""Extension requests the actor may see (the approvers' list, the case page's pending one)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ..access import case_scope
from ..models import Case, ExtensionRequest


def extension_requests_pending_for(*, actor: Any) -> QuerySet[ExtensionRequest]:
    """Pending requests on cases the actor may read, oldest first (the order of decision)."""
    return (ExtensionRequest.objects
            .filter(status=ExtensionRequest.Status.PENDING,
                    case__in=Case.objects.filter(case_scope(actor)))
            .select_related("case", "requested_by", "deadline__rule")
            .order_by("requested_at", "id"))
