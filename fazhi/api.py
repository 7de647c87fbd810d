"""The one JSON API: /api/v1/, a router per area (wagtail api/v3 style)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from fazhi.accounts.api import SessionAuth, TokenAuth
from fazhi.accounts.api import router as accounts_router
from fazhi.audit.api import router as audit_router
from fazhi.core import apierrors
from fazhi.org.api import router as org_router

api = apierrors.DescribedAPI(
    title="Fazhi API",
    version="1.0.0",
    urls_namespace="api",
    description=str(_("JSON API of the Fazhi rule-of-law platform. Authenticate with "
                      "'Authorization: Bearer <token>' or a logged-in session.")),
    auth=[TokenAuth(), SessionAuth()],
)
api.add_router("/accounts/", accounts_router)
api.add_router("/audit/", audit_router)
api.add_router("/org/", org_router)
api.add_router("/cases/", "fazhi.cases.api.router")
api.add_router("/inbox/", "fazhi.inbox.api.router")
api.add_router("/cases/calendar/", "fazhi.workdays.api.router")  # its address before the move
api.add_router("/outreach/", "fazhi.outreach.api.router")
api.add_router("/voting/", "fazhi.voting.api.router")
api.add_router("/dutyreviews/", "fazhi.dutyreviews.api.router")
api.add_router("/reports/", "fazhi.reports.api.router")
api.add_router("/exams/", "fazhi.exams.api.router")
api.add_router("/assessments/", "fazhi.assessments.api.router")
api.add_router("/contests/", "fazhi.contests.api.router")
api.add_router("/study/", "fazhi.study.api.router")
apierrors.install(api)  # after the routers: it declares errors on their operations
