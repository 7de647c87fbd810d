"""Writes of the reports app: asking for a report (queued as a task on commit) and writing
it (the task), each step recorded so the page can show progress."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.assessments.selectors import assessment_get_for
from fazhi.audit.services import audit_record
from fazhi.core.roles import require_reader
from fazhi.dutyreviews.selectors import review_of_year_for, score_get_for

from .models import Report
from .selectors import community_for, report_file_for


@transaction.atomic
def report_request(*, actor: Any, since: dt.date, until: dt.date, community: int | None = None,
                   ip: str = "") -> Report:
    """Record the work report of a period (and community) asked for by ``actor`` (the figures
    are the ones the actor may see); the caller enqueues ``tasks.write_report`` once this has
    committed."""
    require_reader(actor)
    region = community_for(actor=actor, pk=community)
    report = Report(since=since, until=until, community=region, requested_by=actor)
    report.full_clean()
    report.save()
    audit_record(actor=actor, action="create", obj=report, ip=ip,
                 detail=f"{since.isoformat()}..{until.isoformat()} community={community or ''}")
    return report


@transaction.atomic
def assessment_report_request(*, actor: Any, assessment: int, ip: str = "") -> Report:
    """Record the model-assessment report of one assessment the actor may read (404 outside
    their scope); the caller enqueues ``tasks.write_report`` once this has committed."""
    found = assessment_get_for(actor=actor, pk=assessment)
    cycle = found.cycle
    report = Report(kind=Report.Kind.ASSESSMENT, assessment=found,
                    since=dt.date(cycle.first_year, 1, 1), until=dt.date(cycle.last_year, 12, 31),
                    community=found.community, requested_by=actor)
    report.full_clean()
    report.save()
    audit_record(actor=actor, action="create", obj=report, ip=ip,
                 detail=f"assessment={found.pk}")
    return report


@transaction.atomic
def duty_report_request(*, actor: Any, year: int, unit_pk: int, ip: str = "") -> Report:
    """Record a unit's duty-review report asked for by ``actor``, who must read that unit's
    score (else 404); the caller enqueues ``tasks.write_report`` once this has committed."""
    review = review_of_year_for(actor=actor, year=year)
    score = score_get_for(actor=actor, review=review, unit_pk=unit_pk)
    report = Report(kind=Report.Kind.DUTY_REVIEW, unit=score.unit, requested_by=actor,
                    since=dt.date(review.year, 1, 1), until=dt.date(review.year, 12, 31))
    report.full_clean()
    report.save()
    audit_record(actor=actor, action="create", obj=report, ip=ip,
                 detail=f"duty review {review.year} unit={unit_pk}")
    return report


def report_progress(*, report: Report, progress: int, step: str) -> None:
    Report.objects.filter(pk=report.pk).update(status=Report.Status.RUNNING, progress=progress,
                                               step=step[:80])


@transaction.atomic
def report_finish(*, report: Report, figures: dict[str, Any], files: dict[str, bytes | None],
                  error: str = "") -> Report:
    locked = Report.objects.select_for_update().get(pk=report.pk)
    locked.figures = figures
    locked.docx, locked.pdf, locked.xlsx = files.get("docx"), files.get("pdf"), files.get("xlsx")
    locked.error = error[:300]
    locked.status = Report.Status.DONE
    locked.progress = 100
    locked.step = ""
    locked.finished_at = timezone.now()
    locked.save()
    return locked


def report_fail(*, report: Report, error: str) -> None:
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FAILED, error=error[:300],
                                               finished_at=timezone.now())


@transaction.atomic
def report_download(*, actor: Any, pk: int, fmt: str, ip: str | None = None
                    ) -> tuple[Report, bytes | None]:
    """A report's file in one format, its reading recorded in the audit log (an export)."""
    report, data = report_file_for(actor=actor, pk=pk, fmt=fmt)
    if data is not None:
        audit_record(actor=actor, action="export", obj=report, detail=fmt, ip=ip)
    return report, data
