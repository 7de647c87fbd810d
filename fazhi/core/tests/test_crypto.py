import pytest

from fazhi.core import crypto


def test_encryption_round_trips_and_hides_the_value():
    token = crypto.encrypt("420102199001011234")
    assert "420102" not in token
    assert crypto.decrypt(token) == "420102199001011234"


def test_the_same_value_encrypts_differently_but_hashes_the_same():
    assert crypto.encrypt("13800138000") != crypto.encrypt("13800138000")
    assert crypto.lookup_hash("13800138000") == crypto.lookup_hash(" 13800138000 ")
    assert crypto.lookup_hash("") == ""


def test_a_value_from_another_key_is_refused_not_garbled(settings):
    token = crypto.encrypt("secret")
    settings.FIELD_KEY = "another-key"
    with pytest.raises(ValueError, match="configured key"):
        crypto.decrypt(token)


def test_the_lookup_hash_depends_on_the_key(settings):
    first = crypto.lookup_hash("13800138000")
    settings.FIELD_KEY = "another-key"
    assert crypto.lookup_hash("13800138000") != first
