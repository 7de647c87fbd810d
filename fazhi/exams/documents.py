"""The passing certificate as PDF (WeasyPrint), and whether a Chinese font is installed."""

from __future__ import annotations

import shutil
import subprocess
from functools import cache

from django.template.loader import render_to_string
from django.utils import timezone

from .models import Certificate


@cache
def cjk_font_available() -> bool:
    """True when fontconfig knows a font with Chinese glyphs (else a PDF prints empty boxes)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return False
    try:
        out = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True,  # noqa: S603 (fixed arguments)
                             timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(out.strip())


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
