import pytest
from django.core.exceptions import ValidationError

from wagtail_samverkan.core.validators import (
    luhn_ok,
    normalise_organisation_number,
    validate_organisation_number,
)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("556000-0001", "556000-0001"),
        ("5560000001", "556000-0001"),
        ("  802400-1003 ", "802400-1003"),
        ("8024001003", "802400-1003"),
    ],
)
def test_valid_numbers_are_normalised(value, expected):
    assert normalise_organisation_number(value) == expected


@pytest.mark.parametrize(
    "value, code",
    [
        ("556000-0000", "invalid_check_digit"),
        ("5560000000", "invalid_check_digit"),
        ("55600-00000", "invalid_length"),
        ("556000-000", "invalid_length"),
        ("55600000000", "invalid_length"),
        ("", "invalid_length"),
        ("55600A-0000", "invalid_characters"),
        ("abcdef-ghij", "invalid_characters"),
    ],
)
def test_invalid_numbers_are_refused_with_a_reason(value, code):
    with pytest.raises(ValidationError) as raised:
        validate_organisation_number(value)
    assert raised.value.code == code


def test_luhn_known_values():
    assert luhn_ok("5560000001")
    assert not luhn_ok("5560000000")
    assert luhn_ok("2120000142")  # a Swedish public-sector number
    assert not luhn_ok("2120000143")
