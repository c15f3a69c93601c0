"""The boundary rules, one by one: every limit accepted exactly at it and refused one past it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from msc_desk.models import ConsentSigner, PatientIdentification, Role, Screening, Sex, Site, User
from msc_desk.security.policy import InputRefused
from msc_desk.services import input_rules as rules
from msc_desk.services.account_rules import site_code
from msc_desk.services.input_rules import InvalidField

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def refused(call: object, *args: object, **kwargs: object) -> InvalidField:
    assert callable(call)
    with pytest.raises(InvalidField) as caught:
        call(*args, **kwargs)
    assert isinstance(caught.value, InputRefused)
    return caught.value


def test_lengths_are_read_from_the_model_columns() -> None:
    assert rules.column_length(PatientIdentification, "full_name") == 200
    assert rules.column_length(PatientIdentification, "medical_record_number") == 50
    assert rules.column_length(User, "full_name") == 200
    assert rules.column_length(Site, "code") == 16
    assert rules.column_length(Screening, "notes") is None  # Text


@pytest.mark.parametrize("limit", [1, 50, 200])
def test_a_name_exactly_at_its_limit_is_accepted_and_one_more_refused(limit: int) -> None:
    assert rules.name("full_name", "я" * limit, limit) == "я" * limit
    error = refused(rules.name, "full_name", "я" * (limit + 1), limit)
    assert (error.field, error.code, error.limit) == ("full_name", "too_long", limit)


def test_surrounding_spaces_of_a_name_are_trimmed_and_do_not_count() -> None:
    assert rules.name("full_name", "  Иванов И. И.\u00a0 ", 20) == "Иванов И. И."
    assert rules.name("full_name", " " + "а" * 20 + " ", 20) == "а" * 20


def test_a_ten_million_character_name_is_refused_as_too_long() -> None:
    error = refused(rules.name, "full_name", "Я" * 10_000_000, 200)
    assert (error.code, error.limit) == ("too_long", 200)
    error = refused(rules.free_text, "reason", "\r\n" * 5_000_000, 2000)
    assert error.code == "too_long"


FORBIDDEN_EVERYWHERE = [
    "\x00",  # NUL
    "\x01",
    "\x0b",  # vertical tab
    "\x0c",
    "\x1b",  # escape
    "\x1f",
    "\x7f",  # DEL
    "\x80",  # C1
    "\x85",  # next line (C1)
    "\x9f",
    "\u200b",  # zero-width space
    "\u200c",
    "\u200d",
    "\u200e",  # left-to-right mark
    "\u200f",
    "\ufeff",  # byte-order mark
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",  # right-to-left override
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\ud800",  # lone surrogates
    "\udfff",
]


@pytest.mark.parametrize("character", FORBIDDEN_EVERYWHERE, ids=lambda c: f"U+{ord(c):04X}")
def test_each_forbidden_character_is_refused_in_names_and_free_text(character: str) -> None:
    for check in (rules.name, rules.free_text):
        error = refused(check, "field", f"Ива{character}нов", 200)
        assert (error.field, error.code) == ("field", "forbidden_character")


@pytest.mark.parametrize("character", ["\t", "\n", "\r", "\u2028", "\u2029"])
def test_tab_and_line_breaks_are_refused_in_a_name(character: str) -> None:
    assert refused(rules.name, "full_name", f"Иванов{character}Иван", 200).code == (
        "forbidden_character"
    )


def test_free_text_keeps_tab_and_lf_and_normalizes_crlf() -> None:
    assert rules.free_text("reason", "a\tb\r\nc\rd\ne", 100) == "a\tb\nc\nd\ne"
    # The limit is measured after normalization.
    assert rules.free_text("reason", "ab\r\n" * 25, 75) == "ab\n" * 25
    assert refused(rules.free_text, "reason", "ab\r\n" * 25, 74).code == "too_long"


def test_characters_near_the_forbidden_ranges_are_accepted() -> None:
    text = "\u00a0 é Ё \u2010 \u2030 \u2065 \u206a \ufefe 😀 \u202f"
    assert rules.free_text("reason", text, 100) == text
    assert rules.name("full_name", "Пётр\u2011Иван", 100) == "Пётр\u2011Иван"


def test_blank_and_absent_text() -> None:
    assert rules.name("full_name", None, 10, required=False) is None
    assert rules.name("full_name", "   ", 10, required=False) is None
    assert refused(rules.name, "full_name", " ", 10).code == "required"
    assert refused(rules.name, "full_name", None, 10).code == "required"
    assert refused(rules.name, "full_name", 42, 10).code == "not_allowed"


def test_a_password_keeps_its_spaces_but_not_a_lone_surrogate_or_nul() -> None:
    assert rules.encodable("password", " pass word ", 11) == " pass word "
    assert refused(rules.encodable, "password", "pass\ud800word", 100).code == (
        "forbidden_character"
    )
    assert refused(rules.encodable, "password", "pass\x00word", 100).code == ("forbidden_character")
    assert refused(rules.encodable, "password", "x" * 11, 10).code == "too_long"


def test_enum_members_only() -> None:
    assert rules.member("sex", Sex.MALE, Sex) is Sex.MALE
    assert rules.member("sex", "female", Sex) is Sex.FEMALE
    assert rules.member("sex", None, Sex) is None
    for bad in ("Male", "male ", "unknown", ConsentSigner.PATIENT, 1, True, b"male"):
        error = refused(rules.member, "sex", bad, Sex)
        assert (error.field, error.code) == ("sex", "not_allowed")
    assert refused(rules.member, "role", None, Role, required=True).code == "required"


def test_flags_are_true_false_or_none() -> None:
    for value in (True, False, None):
        assert rules.flag("pregnant", value) is value
    for bad in (0, 1, "yes", "False"):
        assert refused(rules.flag, "pregnant", bad).code == "not_a_flag"


@pytest.mark.parametrize(
    ("value", "code", "limit"),
    [
        (10**30, "out_of_range", 130),
        (-(10**30), "out_of_range", 0),
        (131, "out_of_range", 130),
        (-1, "out_of_range", 0),
        (True, "not_a_number", None),
        (45.0, "not_a_number", None),
        ("45", "not_a_number", None),
        (Decimal(45), "not_a_number", None),
    ],
)
def test_whole_numbers_refused(value: object, code: str, limit: object) -> None:
    error = refused(rules.whole, "age_years", value, 0, 130)
    assert (error.field, error.code, error.limit) == ("age_years", code, limit)


def test_whole_numbers_at_the_bounds_are_accepted() -> None:
    assert rules.whole("age_years", 0, 0, 130) == 0
    assert rules.whole("age_years", 130, 0, 130) == 130
    assert rules.whole("age_years", None, 0, 130) is None


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (Decimal("NaN"), "not_finite"),
        (Decimal("sNaN"), "not_finite"),
        (Decimal("Infinity"), "not_finite"),
        (Decimal("-Infinity"), "not_finite"),
        (float("nan"), "not_finite"),
        (float("inf"), "not_finite"),
        ("NaN", "not_finite"),
        ("1e999999999", "out_of_range"),
        (10**30, "out_of_range"),
        pytest.param(10**5000, "out_of_range", id="ten-to-5000"),
        (Decimal("500.0001"), "out_of_range"),
        (Decimal("-0.001"), "out_of_range"),
        ("1_000", "not_a_number"),
        ("один", "not_a_number"),
        ("٣", "not_a_number"),  # an Arabic-Indic digit
        ("1" * 101, "not_a_number"),
        (True, "not_a_number"),
        ([1], "not_a_number"),
        (Decimal("0." + "1" * 40), "too_precise"),
    ],
)
def test_decimals_refused(value: object, code: str) -> None:
    error = refused(rules.decimal, "anc_10e9_per_l", value, Decimal(0), Decimal(500))
    assert (error.field, error.code) == ("anc_10e9_per_l", code)


def test_decimals_accepted_and_parsed() -> None:
    def parse(value: object) -> Decimal | None:
        return rules.decimal("anc", value, Decimal(0), Decimal(500))

    assert parse(" 0.40 ") == Decimal("0.40")
    assert str(parse("0.40")) == "0.40"  # the digits typed are kept
    assert parse(0.28) == Decimal("0.28")
    assert parse(500) == Decimal(500)
    assert parse(Decimal(0)) == Decimal(0)
    assert parse(None) is None


def test_instants_from_1900_to_tomorrow_with_a_time_zone() -> None:
    earliest = datetime(1900, 1, 1, tzinfo=UTC)
    latest = NOW + timedelta(days=1)
    assert rules.instant("shock_onset", earliest, NOW) == earliest
    assert rules.instant("shock_onset", latest, NOW) == latest
    moscow_midnight = datetime(1900, 1, 1, 2, 59, tzinfo=timezone(timedelta(hours=3)))
    for late in (
        latest + timedelta(microseconds=1),
        datetime(9000, 1, 1, tzinfo=UTC),
        datetime.max.replace(tzinfo=UTC),
    ):
        assert refused(rules.instant, "consent_at", late, NOW).code == "implausible_time"
    for early in (earliest - timedelta(microseconds=1), moscow_midnight):
        assert refused(rules.instant, "consent_at", early, NOW).code == "implausible_time"
    extreme = datetime.min.replace(tzinfo=timezone(timedelta(hours=23)))
    assert refused(rules.instant, "consent_at", extreme, NOW).code == "implausible_time"
    naive = datetime(2026, 1, 1)
    assert refused(rules.instant, "consent_at", naive, NOW).code == "no_time_zone"
    assert refused(rules.instant, "consent_at", date(2026, 1, 1), NOW).code == "not_a_date"
    assert refused(rules.instant, "consent_at", "2026-01-01T00:00Z", NOW).code == "not_a_date"
    assert refused(rules.instant, "consent_at", None, NOW, required=True).code == "required"


def test_calendar_dates() -> None:
    today = NOW.date()
    assert rules.calendar_date("date_of_birth", date(1900, 1, 1), today) == date(1900, 1, 1)
    for bad in (date(1899, 12, 31), date(9000, 1, 1), today + timedelta(days=2)):
        assert refused(rules.calendar_date, "date_of_birth", bad, today).code == (
            "implausible_time"
        )
    assert refused(rules.calendar_date, "date_of_birth", NOW, today).code == "not_a_date"


ONSET = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


def consent(**given: object) -> None:
    options: dict[str, object] = {
        "signed": True,
        "signer": ConsentSigner.PATIENT,
        "signed_at": ONSET + timedelta(hours=1),
        "representative": None,
        "decision_at": NOW,
        "shock_onset": ONSET,
    } | given
    rules.consent(**options)  # type: ignore[arg-type]


def test_consent_that_makes_sense_is_accepted() -> None:
    consent()
    consent(signed_at=NOW)  # exactly at the decision
    consent(signed_at=ONSET - timedelta(days=30))  # exactly 30 days before onset
    consent(signer=ConsentSigner.REPRESENTATIVE, representative="Иванова А. А.")
    consent(shock_onset=None, signed_at=ONSET - timedelta(days=365))
    consent(signed=False, signer=None, signed_at=None)
    consent(signed=None, signer=None, signed_at=None)


@pytest.mark.parametrize(
    ("given", "field", "code"),
    [
        ({"signer": None, "signed_at": None}, "consent_signer", "consent_incomplete"),
        ({"signer": None}, "consent_signer", "consent_incomplete"),
        ({"signed_at": None}, "consent_at", "consent_incomplete"),
        ({"signed": False}, "consent_signer", "consent_not_signed"),
        ({"signed": False, "signer": None}, "consent_at", "consent_not_signed"),
        (
            {"signed": None, "signer": None, "signed_at": None, "representative": "Иванова"},
            "consent_representative_name",
            "consent_not_signed",
        ),
        ({"signed_at": NOW + timedelta(seconds=1)}, "consent_at", "consent_after_decision"),
        (
            {"signed_at": ONSET - timedelta(days=30, seconds=1)},
            "consent_at",
            "consent_before_onset",
        ),
    ],
)
def test_consent_that_does_not_make_sense_is_refused(
    given: dict[str, object], field: str, code: str
) -> None:
    error = refused(consent, **given)
    assert (error.field, error.code) == (field, code)


@pytest.mark.parametrize("code", ["01", "MSK01", "A", "abcdefghij"])
def test_site_codes_that_form_study_ids(code: str) -> None:
    assert site_code(f" {code} ") == code


@pytest.mark.parametrize(
    ("code", "refusal"),
    [
        ("A" * 11, "too_long"),
        ("A" * 30, "too_long"),
        ("МСК", "not_allowed"),
        ("MSK-01", "not_allowed"),
        ("MS K", "not_allowed"),
        ("MSK\u202e01", "forbidden_character"),
        ("MSK\x0001", "forbidden_character"),
    ],
)
def test_site_codes_refused(code: str, refusal: str) -> None:
    error = refused(site_code, code)
    assert (error.field, error.code) == ("site_code", refusal)
