"""Writing a work report in the background (Django Tasks, database backend, run by the
worker that ``fazhi serve`` starts). Takes the report's id; writing it again gives the same
files for the same records."""

from __future__ import annotations

import logging

from django.tasks import task
from django.utils import translation

from .content import assessment_content_for, content_for, duty_content_for
from .documents import NO_FONT, report_docx, report_pdf, report_xlsx
from .models import Report
from .services import report_fail, report_finish, report_progress

logger = logging.getLogger("fazhi.reports")


@task()
def write_report(report_id: int) -> bool:
    report = (Report.objects.select_related("requested_by", "community", "unit")
              .defer("docx", "pdf", "xlsx")
              .filter(pk=report_id).first())
    if report is None or report.status == Report.Status.DONE:
        return False
    try:
        with translation.override("zh-hans"):
            report_progress(report=report, progress=10, step=translation.gettext("Counting"))
            if report.kind == Report.Kind.ASSESSMENT and report.assessment_id:
                content = assessment_content_for(actor=report.requested_by,
                                                 assessment=report.assessment_id)
            elif report.kind == Report.Kind.DUTY_REVIEW and report.unit_id is not None:
                content = duty_content_for(actor=report.requested_by, year=report.since.year,
                                           unit_pk=report.unit_id)
            else:
                content = content_for(actor=report.requested_by, since=report.since,
                                      until=report.until,
                                      community=report.community_id,
                                      place=report.community.name if report.community else "")
            report_progress(report=report, progress=40, step="DOCX")
            docx = report_docx(content)
            report_progress(report=report, progress=65, step="PDF")
            pdf = report_pdf(content)
            report_progress(report=report, progress=85, step="XLSX")
            xlsx = report_xlsx(content)
            report_finish(report=report, files={"docx": docx, "pdf": pdf, "xlsx": xlsx},
                          figures={"period": content.period, "place": content.place,
                                   "values": content.values, "notes": content.notes},
                          error="" if pdf is not None else translation.gettext(NO_FONT))
    except Exception as exc:
        logger.exception("report %s failed", report_id)
        report_fail(report=report, error=f"{type(exc).__name__}: {exc}")
        return False
    return True
