from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

Y_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_is_valid(value: str) -> bool:
    """A Finnish business ID (Y-tunnus) is NNNNNNN-C; C is a mod-11 check digit."""
    if len(value) != 9 or value[7] != "-" or not (value[:7] + value[8]).isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(value[:7], Y_WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return False
    check = 0 if remainder == 0 else 11 - remainder
    return int(value[8]) == check


def validate_business_id(value: str) -> None:
    if not business_id_is_valid(value.strip()):
        raise ValidationError(
            _("Enter a valid business ID in the form 1234567-8 (the last digit is a check digit)."),
            code="invalid_business_id",
        )
