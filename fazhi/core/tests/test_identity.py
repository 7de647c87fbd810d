import pytest
from django.core.exceptions import ValidationError

from fazhi.core.identity import (
    clean_mobile,
    is_mobile,
    normalise_mobile,
    validate_id_number,
    validate_mobile,
)
from fazhi.core.masking import mask_id_number, mask_mobile, mask_name

VALID_ID = "11010519491231002X"


def test_a_valid_id_number_passes_in_lower_case_too():
    validate_id_number(VALID_ID)
    validate_id_number(VALID_ID.lower())


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("1101051949123100", "id_length"),
        ("11010519491231002XX", "id_length"),
        ("1101051949123100AX", "id_format"),
        ("110105194913310021", "id_birth_date"),
        ("110105299912310028", "id_birth_date"),
        ("110105194912310021", "id_checksum"),
    ],
)
def test_each_way_an_id_number_is_wrong_has_its_own_message(value, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_id_number(value)
    assert excinfo.value.code == code


@pytest.mark.parametrize(
    ("value", "code"),
    [("1380013800", "mobile_length"), ("1380013800a", "mobile_format"), ("12800138000", "mobile_prefix")],
)
def test_each_way_a_mobile_is_wrong_has_its_own_message(value, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_mobile(value)
    assert excinfo.value.code == code


def test_a_mobile_with_country_code_and_spaces_is_normalised():
    assert normalise_mobile("+86 138-0013-8000") == "13800138000"
    validate_mobile("+86 138 0013 8000")


def test_masks_keep_only_what_the_rules_allow():
    assert mask_id_number("420102199001011234") == "420102********1234"
    assert mask_mobile("13812345678") == "138****5678"
    assert mask_name("张三丰") == "张**"
    assert mask_id_number("") == mask_mobile("") == ""


def test_the_chinese_message_names_the_problem(settings):
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as excinfo:
        validate_id_number("110105194912310021")
    assert "校验" in excinfo.value.messages[0]


def test_clean_mobile_shapes_then_refuses_naming_the_field():
    assert clean_mobile("+86 139-1234 5678") == "13912345678"
    with pytest.raises(ValidationError) as caught:
        clean_mobile("1391234567", field="parties.0.mobile")
    assert list(caught.value.error_dict) == ["parties.0.mobile"]
    assert caught.value.error_dict["parties.0.mobile"][0].code == "mobile_length"
    assert is_mobile("139 1234 5678") and not is_mobile("12912345678")
    assert not is_mobile("张三")
