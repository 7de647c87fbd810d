"""Twenty nines in a number or a choice of rows: the form comes back with a message, never a
server error (an OverflowError from dt.date or from SQLite)."""

import pytest
from django import forms

from fazhi.core.choicefields import RowsChoiceField
from fazhi.org.models import Unit

HUGE = "99999999999999999999"


def test_a_choice_of_rows_refuses_an_id_no_row_can_have_as_not_offered(db):
    field = RowsChoiceField(queryset=Unit.objects.all())
    with pytest.raises(forms.ValidationError) as refused:
        field.clean([HUGE])
    assert refused.value.code == "invalid_choice"


def test_twenty_nines_for_an_agreements_parties_is_a_message_beside_the_field(street_admin,
                                                                              as_user):
    response = as_user(street_admin).post("/org/agreements/new/", {"parties": [HUGE]})
    assert response.status_code == 200
    assert response.context["form"].errors["parties"][0].startswith("选择一个有效的选项")


@pytest.mark.parametrize("field", ["month", "day"])
def test_twenty_nines_for_a_key_dates_month_or_day_is_a_message_beside_the_field(
        street_admin, as_user, field):
    data = {"month": "4", "day": "15", "name": "宪法宣传日", "active": "on", field: HUGE}
    response = as_user(street_admin).post("/outreach/key-dates/", data)
    assert response.status_code == 400  # this page's answer to an invalid form
    assert field in response.context["form"].errors
