"""Small genuine files of every type an upload accepts, built here (no fixtures on disk)."""

from __future__ import annotations

import io
import struct
import zipfile


def _pdf() -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _image(kind: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 8), "red").save(out, format=kind)
    return out.getvalue()


def _docx() -> bytes:
    import docx

    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("调解协议")
    document.save(out)
    return out.getvalue()


def _mp3() -> bytes:
    # MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417-byte frames, after a small ID3v2 tag.
    frame = b"\xff\xfb\x90\x00" + b"\x00" * 413
    tag = b"ID3\x04\x00\x00\x00\x00\x00\x0a" + b"\x00" * 10
    return tag + frame * 6


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _m4a() -> bytes:
    return (_box(b"ftyp", b"M4A \x00\x00\x00\x00M4A mp42isom")
            + _box(b"moov", _box(b"mvhd", b"\x00" * 100)) + _box(b"mdat", b"\x00" * 64))


PDF = _pdf()
PNG = _image("PNG")
JPEG = _image("JPEG")
DOCX = _docx()
MP3 = _mp3()
M4A = _m4a()
GENUINE = {".pdf": PDF, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG, ".docx": DOCX, ".mp3": MP3,
           ".m4a": M4A}


def zip_with(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()
