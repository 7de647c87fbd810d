"""Is an uploaded file what its name says? Each accepted type is read by a parser of its whole
structure, not judged by its first bytes: a file beginning ``%PDF`` and then HTML, or an
``.mp3`` that is a Windows program, is refused.

- PDF: pypdf reads the cross-reference table and the document catalogue and counts the pages;
- JPEG, PNG: Pillow checks the format, verifies and decodes the whole image (bounded in
  pixels; a JPEG at an eighth of its size, which still reads every block);
- DOCX: a ZIP archive (bounded in members and unpacked size) with a Word main document, which
  python-docx then opens; no macro part;
- MP3: an optional ID3v2 tag and then consecutive MPEG audio frames, each header valid and the
  next one where the previous one's length says;
- M4A: ISO media boxes that tile the whole file, starting with an ``ftyp`` box of an audio brand
  and holding a ``moov`` box.

Every check reads the upload from the start and leaves it rewound.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from typing import IO

MAX_IMAGE_PIXELS = 50_000_000  # a 50-megapixel photograph; a decompression bomb is far larger
MAX_ZIP_MEMBERS = 2_000
MAX_ZIP_UNPACKED = 200 * 1024 * 1024
MP3_FRAMES_CHECKED = 4


def content_matches(upload: IO[bytes], ext: str) -> bool:
    """True if the file's content parses as the type ``ext`` (".pdf", ".png" …) names."""
    check = _CHECKS.get(ext.lower())
    if check is None:
        return False
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        return check(data)
    except Exception:  # noqa: BLE001 - any parser failure means "not this type"
        return False


def _pdf(data: bytes) -> bool:
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    if not data.startswith(b"%PDF-") or data[5:8] not in (b"1.0", b"1.1", b"1.2", b"1.3",
                                                         b"1.4", b"1.5", b"1.6", b"1.7", b"2.0"):
        return False
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:  # structure parsed; the pages are not readable without a password
        return "/Root" in reader.trailer
    catalogue = reader.trailer["/Root"].get_object()
    return isinstance(catalogue, DictionaryObject) and "/Pages" in catalogue and len(reader.pages) > 0


def _image(expected: str) -> Callable[[bytes], bool]:
    def check(data: bytes) -> bool:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected:
                return False
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                return False
            if expected == "JPEG":  # every block is still decoded, at an eighth of the size
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()
        return True
    return check


def _docx(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        names = {m.filename for m in members}
        if (len(members) > MAX_ZIP_MEMBERS
                or sum(m.file_size for m in members) > MAX_ZIP_UNPACKED
                or not {"[Content_Types].xml", "word/document.xml"} <= names
                or any(n.lower().endswith("vbaproject.bin") for n in names)):
            return False
        types = archive.read("[Content_Types].xml")
        if b"wordprocessingml.document.main+xml" not in types:
            return False
    import docx

    docx.Document(io.BytesIO(data))
    return True


# MPEG audio: bitrates (kbit/s) by [version is MPEG-1][layer] and index; sample rates by version.
_BITRATES = {
    (True, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (True, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (True, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (False, 3): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (False, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (False, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
}
_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
_LAYERS = {1: 3, 2: 2, 3: 1}  # header bits -> layer number


def _mp3_frame_length(data: bytes, at: int) -> int:
    """Length of the MPEG audio frame at ``at``, or 0 if no valid frame header is there."""
    if at + 4 > len(data):
        return 0
    b1, b2 = data[at + 1], data[at + 2]
    if data[at] != 0xFF or b1 & 0xE0 != 0xE0:
        return 0
    version, layer_bits = (b1 >> 3) & 3, (b1 >> 1) & 3
    bitrate_index, rate_index = b2 >> 4, (b2 >> 2) & 3
    if version == 1 or layer_bits == 0 or bitrate_index in (0, 15) or rate_index == 3:
        return 0
    layer, mpeg1 = _LAYERS[layer_bits], version == 3
    bitrate = _BITRATES[(mpeg1, layer)][bitrate_index] * 1000
    rate = _SAMPLE_RATES[version][rate_index]
    padding = (b2 >> 1) & 1
    if layer == 1:
        return (12 * bitrate // rate + padding) * 4
    per_frame = 144 if layer == 2 or mpeg1 else 72
    return per_frame * bitrate // rate + padding


def _mp3(data: bytes) -> bool:
    at = 0
    if data[:3] == b"ID3":  # ID3v2: 10-byte header, size as four 7-bit bytes
        if len(data) < 10 or any(b & 0x80 for b in data[6:10]):
            return False
        size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]
        at = 10 + size + (10 if data[5] & 0x10 else 0)
        while at < len(data) and data[at] == 0:  # padding some taggers leave after the tag
            at += 1
    for _frame in range(MP3_FRAMES_CHECKED):
        length = _mp3_frame_length(data, at)
        if length == 0:
            return False
        at += length
        if at >= len(data):  # a very short recording: every frame it has was valid
            return at == len(data) or _frame > 0
    return True


_M4A_BRANDS = {b"M4A ", b"M4B ", b"mp42", b"mp41", b"isom", b"iso2", b"dash", b"3gp4", b"3gp5",
               b"3gp6"}


def _m4a(data: bytes) -> bool:
    at, kinds = 0, []
    while at < len(data):
        if at + 8 > len(data):
            return False
        size, kind = struct.unpack(">I4s", data[at:at + 8])
        if size == 1:  # a 64-bit size follows the type
            if at + 16 > len(data):
                return False
            (size,) = struct.unpack(">Q", data[at + 8:at + 16])
        elif size == 0:  # the box runs to the end of the file
            size = len(data) - at
        if size < 8 or at + size > len(data) or not kind.isascii():
            return False
        kinds.append(kind)
        if kind == b"ftyp" and data[at + 8:at + 12] not in _M4A_BRANDS:
            return False
        at += size
    return bool(kinds) and kinds[0] == b"ftyp" and b"moov" in kinds


_CHECKS: dict[str, Callable[[bytes], bool]] = {
    ".pdf": _pdf,
    ".jpg": _image("JPEG"), ".jpeg": _image("JPEG"),
    ".png": _image("PNG"),
    ".docx": _docx,
    ".mp3": _mp3,
    ".m4a": _m4a,
}
