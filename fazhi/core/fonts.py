"""Whether a PDF can be printed here: WeasyPrint draws Chinese only with a font that has its
glyphs, and without one prints empty boxes, so the pages that offer a PDF ask first."""

from __future__ import annotations

import shutil
import subprocess
from functools import cache


@cache
def cjk_font_available() -> bool:
    """True when fontconfig knows a font with Chinese glyphs."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return False
    try:
        out = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True,  # noqa: S603 (fixed arguments)
                             timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(out.strip())
