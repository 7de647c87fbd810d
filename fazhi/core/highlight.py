"""Search results' excerpts: the words of a query marked in a text, safe to put in a page.

The text (a page body, typed by anyone) and the terms (typed by anyone) are both escaped;
only the ``<mark>`` tags this module writes are markup. Terms are matched without regard to
case, the longest first, so 普法宣传 is marked as one word and not as 普法 + 宣传.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_CHARS = 120
LEAD_CHARS = 30  # shown before the first match, so the reader sees what it is about


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> SafeString:
    """``text`` escaped, every occurrence of a term wrapped in ``<mark>``."""
    pattern = _pattern(terms)
    if pattern is None:
        return mark_safe(escape(text))  # noqa: S308 (escaped)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(escape(text[last:match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


def snippet(text: str, terms: list[str], *, length: int = SNIPPET_CHARS) -> SafeString:
    """About ``length`` characters of ``text`` around its first matching term, marked; the
    text's start when no term occurs in it (a match in the title only)."""
    text = " ".join(text.split())
    pattern = _pattern(terms)
    found = pattern.search(text) if pattern else None
    start = max(0, found.start() - LEAD_CHARS) if found else 0
    piece = text[start:start + length]
    lead = "…" if start > 0 else ""
    tail = "…" if start + length < len(text) else ""
    return mark_safe(escape(lead) + highlight(piece, terms) + escape(tail))  # noqa: S308
