"""Figures carry thousands separators (Django's Chinese formats group nothing)."""

from decimal import Decimal

import pytest
from django.template import Context, Template


@pytest.mark.parametrize(("value", "shown"), [
    (12345, "12,345"), (999, "999"), (Decimal("1234567.50"), "1,234,567.50"),
    (Decimal("2000.00"), "2,000"), (-4321, "-4,321"), (None, "None"), ("—", "—"),
    (float("nan"), "nan"), (True, "True"), (10 ** 30, "1" + ",000" * 10),
])
def test_numbers_are_grouped_by_thousands(value, shown):
    assert Template("{% load numbers %}{{ v|grouped }}").render(Context({"v": value})) == shown
