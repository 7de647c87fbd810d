"""The passing certificate as PDF (WeasyPrint), when a Chinese font is installed."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from fazhi.core.fonts import cjk_font_available

from .models import Certificate


def certificate_pdf(certificate: Certificate, *, verify_url: str, full_name: str) -> bytes | None:
    """The certificate as PDF, or None when no Chinese font is installed. The holder's own
    copy carries their full name; the public page shows only the masked one."""
    if not cjk_font_available():
        return None
    from weasyprint import HTML

    html = render_to_string("exams/certificate_print.html", {
        "c": certificate, "name": full_name, "verify_url": verify_url,
        "issued": timezone.localtime(certificate.issued_at)})
    return HTML(string=html).write_pdf()
