"""Activity photos: accept real images only, resize, and drop every metadata block (EXIF with
GPS location, XMP, comments) by re-encoding the pixels alone."""

from __future__ import annotations

import io
import warnings
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 50_000_000  # refuse decompression bombs well before Pillow's own limit
LONG_SIDE = 1600
ACCEPTED = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}


def clean_photo(upload: IO[bytes], size: int) -> tuple[bytes, int, int]:
    """JPEG bytes of at most LONG_SIDE pixels a side, without metadata; and width, height."""
    if size > MAX_BYTES:
        raise ValidationError(
            _("The photo is %(size).1f MB; the limit is 8 MB. Send a smaller photo.")
            % {"size": size / 1024 / 1024}, code="photo_too_large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ACCEPTED:
                raise ValidationError(_("Only JPEG, PNG, WebP or GIF photos are accepted."),
                                      code="photo_format")
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("The photo has too many pixels."), code="photo_pixels")
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise ValidationError(_("This file is not a photo (JPEG, PNG, WebP or GIF)."),
                              code="photo_not_image") from exc
    picture: Image.Image = ImageOps.exif_transpose(image)  # keep the orientation the camera meant
    if picture.mode in ("RGBA", "LA", "P"):
        picture = picture.convert("RGBA")
        background = Image.new("RGB", picture.size, "white")
        background.paste(picture, mask=picture.getchannel("A"))
        picture = background
    elif picture.mode != "RGB":
        picture = picture.convert("RGB")
    picture.thumbnail((LONG_SIDE, LONG_SIDE))
    clean = Image.new("RGB", picture.size)
    clean.paste(picture)  # a fresh image carries no info/exif from the upload
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue(), clean.width, clean.height
