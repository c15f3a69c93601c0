"""What the services accept from outside: text, codes, enum values, numbers, instants, consent."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from msc_desk.models.enums import ConsentSigner
from msc_desk.security.policy import InputRefused

E = TypeVar("E", bound=StrEnum)

EARLIEST_INSTANT = datetime(1900, 1, 1, tzinfo=UTC)
FUTURE_TOLERANCE = timedelta(days=1)
CONSENT_BEFORE_ONSET = timedelta(days=30)
DEFAULT_TEXT_LIMIT = 10_000
"""For a free-text column that declares no length (Text)."""

# C0 but TAB and LF, DEL, C1, zero-width (U+200B-U+200F, U+FEFF), bidi controls
# (U+202A-U+202E, U+2066-U+2069) and lone surrogates (they cannot be encoded in UTF-8).
_FORBIDDEN_IN_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
# A name or code is one line: TAB, LF and the Unicode line separators are refused as well.
_FORBIDDEN_IN_NAME = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_NUMBER_TEXT = 100


class InvalidField(InputRefused, ValueError):
    """A value refused at the service boundary, naming its field.

    Attributes:
        field: the field (the keyword or column name), e.g. "full_name".
        code: "required", "too_long", "forbidden_character", "not_allowed", "not_a_flag",
            "not_a_number", "not_finite", "out_of_range", "too_precise", "not_a_date",
            "no_time_zone", "implausible_time", "consent_incomplete", "consent_not_signed",
            "consent_after_decision" or "consent_before_onset".
        limit: the bound broken, when there is one (a length, a minimum or a maximum).
    """

    def __init__(self, field: str, code: str, limit: object = None) -> None:
        detail = f"{field}: {code.replace('_', ' ')}"
        super().__init__(code, detail if limit is None else f"{detail} ({limit})")
        self.field = field
        self.limit = limit


def column_length(model: Any, column: str) -> int | None:
    """The length a model's String(n) column declares (None for Text)."""
    length = model.__table__.c[column].type.length
    return int(length) if length is not None else None


# --- text ---------------------------------------------------------------------------------------


def name(field: str, value: object, limit: int | None, *, required: bool = True) -> str | None:
    """A one-line name, trimmed; None (or "") for an absent optional one.

    Raises:
        InvalidField: "required", "too_long", "forbidden_character" (controls, TAB, line
            breaks, zero-width and bidi characters, lone surrogates).
    """
    if value is None:
        _refuse_if_required(field, required)
        return None
    if not isinstance(value, str):
        raise InvalidField(field, "not_allowed")
    cap = limit or DEFAULT_TEXT_LIMIT
    # Surrounding spaces are forgiven, but never more than the column could hold twice.
    if len(value) > 2 * cap:
        raise InvalidField(field, "too_long", cap)
    if _FORBIDDEN_IN_NAME.search(value):
        raise InvalidField(field, "forbidden_character")
    trimmed = value.strip()
    if len(trimmed) > cap:
        raise InvalidField(field, "too_long", cap)
    if not trimmed:
        _refuse_if_required(field, required)
        return None
    return trimmed


def free_text(
    field: str, value: object, limit: int | None, *, required: bool = False
) -> str | None:
    """Free text: CRLF (and a lone CR) become LF; TAB and LF are kept; no other control.

    Raises:
        InvalidField: "required", "too_long", "forbidden_character".
    """
    if value is None:
        _refuse_if_required(field, required)
        return None
    if not isinstance(value, str):
        raise InvalidField(field, "not_allowed")
    cap = limit or DEFAULT_TEXT_LIMIT
    if len(value) > 2 * cap:  # CRLF pairs shrink by half at most
        raise InvalidField(field, "too_long", cap)
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > cap:
        raise InvalidField(field, "too_long", cap)
    if _FORBIDDEN_IN_TEXT.search(text):
        raise InvalidField(field, "forbidden_character")
    if not text.strip():
        _refuse_if_required(field, required)
        return None
    return text


def encodable(field: str, value: object, limit: int) -> str:
    """A secret kept verbatim (a password): only its length and UTF-8 encodability are checked.

    Raises:
        InvalidField: "too_long" or "forbidden_character" (a lone surrogate).
    """
    if not isinstance(value, str):
        raise InvalidField(field, "not_allowed")
    if len(value) > limit:
        raise InvalidField(field, "too_long", limit)
    if _SURROGATE.search(value) or "\x00" in value:
        raise InvalidField(field, "forbidden_character")
    return value


def _refuse_if_required(field: str, required: bool) -> None:
    if required:
        raise InvalidField(field, "required")


# --- closed vocabularies and flags --------------------------------------------------------------


def member(field: str, value: object, enum: type[E], *, required: bool = False) -> E | None:
    """A member of `enum` (or exactly one of its values as plain text).

    Raises:
        InvalidField: "required" or "not_allowed".
    """
    if value is None:
        _refuse_if_required(field, required)
        return None
    if isinstance(value, enum):
        return value
    if type(value) is str and len(value) <= 64:
        for candidate in enum:
            if candidate.value == value:
                return candidate
    raise InvalidField(field, "not_allowed")


def flag(field: str, value: object) -> bool | None:
    """True, False or None (unknown); nothing else.

    Raises:
        InvalidField: "not_a_flag".
    """
    if value is None or isinstance(value, bool):
        return value
    raise InvalidField(field, "not_a_flag")


# --- numbers ------------------------------------------------------------------------------------


def whole(field: str, value: object, low: int, high: int) -> int | None:
    """An int within [low, high] (None stays None); no bool, no float.

    Raises:
        InvalidField: "not_a_number" or "out_of_range" (limit: the bound broken).
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidField(field, "not_a_number")
    if value < low:
        raise InvalidField(field, "out_of_range", low)
    if value > high:
        raise InvalidField(field, "out_of_range", high)
    return int(value)


def decimal(
    field: str, value: object, low: Decimal, high: Decimal, *, max_chars: int = 40
) -> Decimal | None:
    """A finite Decimal within [low, high], from a Decimal, an int, a float or text.

    Raises:
        InvalidField: "not_a_number", "not_finite", "out_of_range" or "too_precise" (more
            characters than the column keeps).
    """
    if value is None:
        return None
    parsed = _parse_decimal(field, value)
    if not parsed.is_finite():
        raise InvalidField(field, "not_finite")
    if parsed < low:
        raise InvalidField(field, "out_of_range", low)
    if parsed > high:
        raise InvalidField(field, "out_of_range", high)
    if len(str(parsed)) > max_chars:
        raise InvalidField(field, "too_precise", max_chars)
    return parsed


def _parse_decimal(field: str, value: object) -> Decimal:
    if isinstance(value, bool):
        raise InvalidField(field, "not_a_number")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        # Bounded before conversion: str() of a huge int is refused by Python itself.
        if abs(value) >= 10**_MAX_NUMBER_TEXT:
            raise InvalidField(field, "out_of_range")
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidField(field, "not_finite")
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip()
        if len(text) > _MAX_NUMBER_TEXT or "_" in text or not text.isascii():
            raise InvalidField(field, "not_a_number")
        try:
            return Decimal(text)
        except InvalidOperation:
            raise InvalidField(field, "not_a_number") from None
    raise InvalidField(field, "not_a_number")


# --- time ---------------------------------------------------------------------------------------


def instant(field: str, value: object, now: datetime, *, required: bool = False) -> datetime | None:
    """A timezone-aware instant from 1900-01-01 to `now` + 1 day.

    Raises:
        InvalidField: "required", "not_a_date", "no_time_zone" or "implausible_time".
    """
    if value is None:
        _refuse_if_required(field, required)
        return None
    if not isinstance(value, datetime):
        raise InvalidField(field, "not_a_date")
    try:
        offset = value.utcoffset()
    except (ValueError, TypeError):  # a tzinfo that cannot give an offset
        offset = None
    if offset is None:
        raise InvalidField(field, "no_time_zone")
    try:
        plausible = EARLIEST_INSTANT <= value <= now + FUTURE_TOLERANCE
    except OverflowError:
        plausible = False
    if not plausible:
        raise InvalidField(field, "implausible_time")
    return value


def calendar_date(field: str, value: object, today: date) -> date | None:
    """A calendar date (not a datetime) from 1900-01-01 to `today` + 1 day.

    Raises:
        InvalidField: "not_a_date" or "implausible_time".
    """
    if value is None:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidField(field, "not_a_date")
    if not EARLIEST_INSTANT.date() <= value <= today + FUTURE_TOLERANCE:
        raise InvalidField(field, "implausible_time")
    return value


# --- consent ------------------------------------------------------------------------------------


def consent(
    *,
    signed: bool | None,
    signer: ConsentSigner | None,
    signed_at: datetime | None,
    representative: str | None,
    decision_at: datetime,
    shock_onset: datetime | None,
) -> None:
    """Consent that makes sense; the values are already checked one by one.

    Signed means a signer and a time; the time is not after the decision (screening or
    randomization) and not more than 30 days before shock onset. Not signed (or unknown) means
    no signer, no time and no representative.

    Raises:
        InvalidField: "consent_incomplete" (field consent_signer or consent_at),
            "consent_not_signed", "consent_after_decision", "consent_before_onset" or
            "not_representative".
    """
    if signed is not True:
        for field, given in (
            ("consent_signer", signer),
            ("consent_at", signed_at),
            ("consent_representative_name", representative),
        ):
            if given is not None:
                raise InvalidField(field, "consent_not_signed")
        return
    if signer is None:
        raise InvalidField("consent_signer", "consent_incomplete")
    if signed_at is None:
        raise InvalidField("consent_at", "consent_incomplete")
    if signed_at > decision_at:
        raise InvalidField("consent_at", "consent_after_decision")
    if shock_onset is not None and signed_at < shock_onset - CONSENT_BEFORE_ONSET:
        raise InvalidField("consent_at", "consent_before_onset", CONSENT_BEFORE_ONSET.days)
