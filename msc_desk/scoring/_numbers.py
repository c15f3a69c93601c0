"""Reading and validating the inputs of the clinical rules: numbers, flags and instants."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Context, Decimal, InvalidOperation
from fractions import Fraction
from typing import TypeAlias
from zoneinfo import ZoneInfo

NumberLike: TypeAlias = int | float | Decimal | str
"""What a numeric keyword accepts; anything else raises `InvalidInput`."""

MOSCOW = ZoneInfo("Europe/Moscow")

# The default decimal context, pinned: a caller changing the thread's context changes nothing.
_RESULT_CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN)
# Far beyond any float or clinical value; bounds the work an exact conversion can cause.
_MAX_EXPONENT = 400
_MICROSECONDS_PER_HOUR = 3_600_000_000
_MICROSECONDS_PER_DAY = 24 * _MICROSECONDS_PER_HOUR


class InvalidInput(ValueError):
    """An impossible or contradictory input; `field` names the keyword or the analyte."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(field, message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class MissingRequired(InvalidInput, TypeError):
    """A required keyword is absent or None; also a `TypeError`, as Python raises for one."""


def number(field: str, value: object) -> Fraction | None:
    """Read one number exactly; `None` stays `None` (not measured).

    Raises:
        InvalidInput: for a bool, NaN, an infinity, text that is not a number, or another type.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise InvalidInput(field, "must be a number, not a boolean")
    if isinstance(value, int):
        if abs(value) >= 10**_MAX_EXPONENT:
            raise InvalidInput(field, "is out of range")
        return Fraction(value)
    if isinstance(value, float):
        # The shortest repr is what the user typed: 0.28 is 28/100, not the nearest binary double.
        parsed = _decimal(field, str(value))
    elif isinstance(value, Decimal):
        parsed = value
    elif isinstance(value, str):
        parsed = _decimal(field, value.strip())
    else:
        raise InvalidInput(field, f"must be a number, not {type(value).__name__}")
    if not parsed.is_finite():
        raise InvalidInput(field, "must be a finite number")
    if not parsed.is_zero() and abs(parsed.adjusted()) >= _MAX_EXPONENT:
        raise InvalidInput(field, "is out of range")
    return Fraction(parsed)


def _decimal(field: str, text: str) -> Decimal:
    if "_" in text:
        raise InvalidInput(field, f"{text!r} is not a number")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise InvalidInput(field, f"{text!r} is not a number") from None


def non_negative(field: str, value: object) -> Fraction | None:
    """A number ≥ 0 (counts, rates, doses, MAP, urine output), or `None`."""
    parsed = number(field, value)
    if parsed is not None and parsed < 0:
        raise InvalidInput(field, "must not be negative")
    return parsed


def positive(field: str, value: object) -> Fraction | None:
    """A number > 0 (concentrations, weights, PaO2), or `None`."""
    parsed = number(field, value)
    if parsed is not None and parsed <= 0:
        raise InvalidInput(field, "must be greater than 0")
    return parsed


def required_positive(field: str, value: object) -> Fraction:
    """A number > 0 that must be given."""
    parsed = positive(field, value)
    if parsed is None:
        raise InvalidInput(field, "is required")
    return parsed


def in_range(field: str, value: object, low: Fraction, high: Fraction) -> Fraction | None:
    """A number in the closed interval [low, high], or `None`."""
    parsed = number(field, value)
    if parsed is not None and not low <= parsed <= high:
        raise InvalidInput(field, f"must be between {_show(low)} and {_show(high)}")
    return parsed


def whole(field: str, value: object, low: int, high: int | None = None) -> int | None:
    """A whole number (12.0 is 12, 12.5 is invalid) in [low, high], or `None`."""
    parsed = number(field, value)
    if parsed is None:
        return None
    if parsed.denominator != 1:
        raise InvalidInput(field, "must be a whole number")
    result = parsed.numerator
    if result < low or (high is not None and result > high):
        limits = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise InvalidInput(field, f"must be {limits}")
    return result


def flag(field: str, value: object) -> bool | None:
    """A boolean keyword: `True`, `False` or `None` (not recorded)."""
    if value is None or isinstance(value, bool):
        return value
    raise InvalidInput(field, "must be True, False or None")


def instant(field: str, value: object) -> datetime | None:
    """A timezone-aware datetime, returned in UTC so that subtraction is absolute, or `None`."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise InvalidInput(field, "must be a datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput(field, "must be timezone-aware")
    return value.astimezone(UTC)


def required_instant(field: str, value: object) -> datetime:
    """A timezone-aware datetime that must be given, in UTC."""
    parsed = instant(field, value)
    if parsed is None:
        raise MissingRequired(field, "is required")
    return parsed


def calendar_date(field: str, value: object) -> date | None:
    """A calendar date (not a datetime), or `None`."""
    if value is None:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidInput(field, "must be a date")
    return value


def moscow_date(moment: datetime) -> date:
    """The Moscow calendar date of an aware instant."""
    return moment.astimezone(MOSCOW).date()


def to_decimal(value: Fraction) -> Decimal:
    """An exact value as `Decimal`: exact when it terminates, else one 28-digit division."""
    return _RESULT_CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))


def hours(elapsed: timedelta) -> Fraction:
    """A duration in exact hours."""
    return Fraction(_microseconds(elapsed), _MICROSECONDS_PER_HOUR)


def days(elapsed: timedelta) -> Fraction:
    """A duration in exact days of 24 hours."""
    return Fraction(_microseconds(elapsed), _MICROSECONDS_PER_DAY)


def _microseconds(elapsed: timedelta) -> int:
    return (elapsed.days * 86_400 + elapsed.seconds) * 1_000_000 + elapsed.microseconds


def _show(value: Fraction) -> str:
    return str(to_decimal(value))
