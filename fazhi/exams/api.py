"""/api/v1/exams/."""

from ninja import Router

router = Router(tags=["exams"])
