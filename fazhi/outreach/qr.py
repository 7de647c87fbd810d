"""QR codes of sign-in addresses (segno): SVG for screens and print, PNG for messaging apps."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, *, scale: int = 8) -> str:
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="svg", scale=scale, border=4,
                                                 xmldecl=False, svgns=True)
    return out.getvalue().decode()


def qr_png(url: str, *, scale: int = 10) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()
