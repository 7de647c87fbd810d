import io

import pytest

from fazhi.core.uploads import content_matches

from .samples import DOCX, GENUINE, JPEG, M4A, MP3, PDF, PNG, zip_with

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200


@pytest.mark.parametrize("ext", sorted(GENUINE))
def test_a_genuine_file_of_each_accepted_type_passes(ext):
    upload = io.BytesIO(GENUINE[ext])
    assert content_matches(upload, ext) is True
    assert upload.tell() == 0


@pytest.mark.parametrize(("ext", "content"), [
    (".pdf", b"%PDF<html><script>alert(1)</script></html>"),
    (".pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n"),
    (".pdf", PDF[:len(PDF) // 2]),
    (".pdf", PNG),
    (".png", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script>"),
    (".png", PNG[:40]),
    (".png", JPEG),
    (".jpg", b"\xff\xd8\xff\xe0<html><script>alert(1)</script>"),
    (".jpg", PNG),
    (".jpeg", JPEG[:30]),
    (".docx", b"PK\x03\x04<html>"),
    (".docx", zip_with({"index.html": b"<script>alert(1)</script>"})),
    (".docx", zip_with({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})),
    (".docx", zip_with({**dict.fromkeys(("[Content_Types].xml", "word/document.xml"), b""),
                        "word/vbaProject.bin": b"macro"})),
    (".docx", DOCX[:len(DOCX) // 2]),
    (".mp3", EXE),
    (".mp3", b"\xff\xfb\x90\x00" + EXE),
    (".mp3", b"ID3\x04\x00\x00\x00\x00\x00\x0a" + b"\x00" * 10 + EXE),
    (".mp3", MP3[:20] + b"\xff\xfb\x90\x00" + b"\x00" * 413 + b"<html><script>" * 40),
    (".m4a", EXE),
    (".m4a", b"\x00\x00\x00\x18ftypM4A " + EXE),
    (".m4a", M4A[:-10]),
    (".m4a", M4A.replace(b"moov", b"free")),
    (".m4a", M4A.replace(b"M4A mp42isom", b"qt  qt  qt  ").replace(b"ftypM4A ", b"ftypqt  ")),
    (".exe", EXE),
    (".pdf", b""),
])
def test_forged_content_is_refused_whatever_its_first_bytes(ext, content):
    assert content_matches(io.BytesIO(content), ext) is False


def test_an_image_too_large_to_decode_safely_is_refused(settings):
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, format="PNG")  # 100 megapixels, a few kB
    assert content_matches(io.BytesIO(out.getvalue()), ".png") is False


def test_a_password_protected_pdf_is_accepted_on_its_structure():
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(100, 100)
    writer.encrypt("secret", algorithm="AES-256")
    writer.write(out)
    assert content_matches(io.BytesIO(out.getvalue()), ".pdf") is True
