"""Validators for Chinese resident ID numbers (GB 11643-1999) and mobile numbers.

Each way a value can be wrong has its own message, so a person at the counter knows what to fix.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric

_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def normalise_id_number(value: str) -> str:
    return (value or "").strip().replace(" ", "").upper()


def validate_id_number(value: str) -> None:
    number = normalise_id_number(value)
    if len(number) != 18:
        raise ValidationError(
            _("An ID number has 18 characters; this one has %(count)d."),
            code="id_length",
            params={"count": len(number)},
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(
            _("An ID number is 17 digits followed by a digit or X."), code="id_format"
        )
    try:
        birth = ric.get_birth_date(number)
    except Exception:
        birth = None
    if birth is None or birth > dt.date.today() or birth.year < 1900:
        raise ValidationError(
            _("The birth date in this ID number (characters 7 to 14) is not a real date."),
            code="id_birth_date",
        )
    if ric.calc_check_digit(number) != number[17]:
        raise ValidationError(
            _("The last character (check digit) does not match; please check each digit."),
            code="id_checksum",
        )


def normalise_mobile(value: str) -> str:
    cleaned = re.sub(r"[\s-]", "", value or "")
    if cleaned.startswith("+86"):
        cleaned = cleaned[3:]
    return cleaned


def validate_mobile(value: str) -> None:
    number = normalise_mobile(value)
    if not number.isdigit():
        raise ValidationError(_("A mobile number contains digits only."), code="mobile_format")
    if len(number) != 11:
        raise ValidationError(
            _("A mobile number has 11 digits; this one has %(count)d."),
            code="mobile_length",
            params={"count": len(number)},
        )
    if not _MOBILE.match(number):
        raise ValidationError(
            _("A mobile number starts with 13 to 19."), code="mobile_prefix"
        )


def clean_mobile(value: str, *, field: str = "mobile") -> str:
    """The one way a service takes a mobile number in: normalised, then validated; a refusal
    is a ValidationError naming ``field``. Forms only shape (``normalise_mobile``)."""
    number = normalise_mobile(value)
    try:
        validate_mobile(number)
    except ValidationError as exc:
        raise ValidationError({field: exc.error_list}) from None
    return number


def is_mobile(value: str) -> bool:
    """Whether ``value`` (as typed, e.g. in a search box) is a mobile number."""
    return bool(_MOBILE.match(normalise_mobile(value)))

