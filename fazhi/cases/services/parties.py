"""A party's personal facts as the model agreement (人民调解协议书) states them: gender, ethnic
group, date of birth, occupation. Validated once here for the page and the API; a birth date
and a gender left empty are read from a valid ID number, and may not contradict it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.personal import sealed_birth_date
from fazhi.core.textlimits import text_limit

from ..models import Party

# Not core.dateranges' plausible range (from 2000): people were born long before the records.
BORN_EARLIEST = dt.date(1900, 1, 1)


def _from_id(id_number: str) -> tuple[dt.date | None, str]:
    """The birth date and gender a valid 18-character ID number carries (GB 11643)."""
    if len(id_number) != 18:
        return None, ""
    try:
        born = dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None, ""
    gender = Party.Gender.MALE if int(id_number[16]) % 2 else Party.Gender.FEMALE
    return born, gender


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValidationError(_("Enter a date as YYYY-MM-DD.")) from None


def party_facts(data: dict[str, Any], index: int, id_number: str) -> dict[str, Any]:
    """The columns for ``Party(**...)``; raises one ValidationError naming each bad field
    ``parties.<index>.<field>``."""
    errors: dict[str, ValidationError] = {}
    key = f"parties.{index}."
    from_id_born, from_id_gender = _from_id(id_number)
    gender = (data.get("gender") or "").strip() or from_id_gender
    if gender not in ("", *Party.Gender.values):
        errors[key + "gender"] = ValidationError(_("Choose the gender from the list."))
    elif gender and from_id_gender and gender != from_id_gender:
        errors[key + "gender"] = ValidationError(_("The gender does not match the ID number."))
    born = None
    try:
        born = _date(data.get("birth_date")) or from_id_born
    except ValidationError as exc:
        errors[key + "birth_date"] = exc
    if born is not None:
        if not BORN_EARLIEST <= born <= timezone.localdate():
            errors[key + "birth_date"] = ValidationError(
                _("A date of birth is a past date (after 1900)."))
        elif from_id_born and born != from_id_born:
            errors[key + "birth_date"] = ValidationError(
                _("The date of birth does not match the ID number."))
    texts = {}
    for name in ("ethnicity", "occupation"):
        texts[name] = (data.get(name) or "").strip()
        if len(texts[name]) > text_limit(Party, name):
            errors[key + name] = ValidationError(
                _("At most %(n)d characters.") % {"n": text_limit(Party, name)})
    if errors:
        raise ValidationError(errors)
    return {"gender": gender, **texts, **sealed_birth_date(born)}
