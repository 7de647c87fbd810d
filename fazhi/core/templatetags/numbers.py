"""``{{ value|grouped }}``: a number with thousands separators (12,345; 1,234.5). Django's
Chinese formats group nothing (THOUSAND_SEPARATOR is empty), and figures of five and more
digits are read wrongly without the commas people expect on official figures."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

register = template.Library()


@register.filter
def grouped(value: Any) -> Any:
    if isinstance(value, bool) or value in (None, ""):
        return value
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return value
    if not number.is_finite():
        return value
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,}"
