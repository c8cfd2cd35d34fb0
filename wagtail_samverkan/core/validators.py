"""Field validators for Swedish identifiers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_DIGITS_ONLY = re.compile(r"^\d{10}$")
_WITH_DASH = re.compile(r"^\d{6}-\d{4}$")


def luhn_ok(digits: str) -> bool:
    """True when the last digit of ``digits`` is its Luhn check digit."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_organisation_number(value: str) -> str:
    """Return ``NNNNNN-NNNN`` for any accepted spelling; raise on invalid input.

    Accepts ten digits with or without the dash and surrounding white space.
    """
    raw = (value or "").strip()
    if _DIGITS_ONLY.match(raw):
        raw = f"{raw[:6]}-{raw[6:]}"
    if not _WITH_DASH.match(raw):
        if re.search(r"[^\d\s-]", raw):
            raise ValidationError(
                _(
                    "An organisation number has only digits and a dash, e.g. 802000-0009."
                ),
                code="invalid_characters",
            )
        raise ValidationError(
            _("An organisation number has ten digits, written NNNNNN-NNNN."),
            code="invalid_length",
        )
    if not luhn_ok(raw.replace("-", "")):
        raise ValidationError(
            _(
                "The check digit (the last digit) does not match; check the number for typos."
            ),
            code="invalid_check_digit",
        )
    return raw


def validate_organisation_number(value: str) -> None:
    """Django validator form of :func:`normalise_organisation_number`."""
    normalise_organisation_number(value)
