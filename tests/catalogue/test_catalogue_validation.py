"""Checking values against the catalogue and converting alternative units exactly."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

import msc_desk.catalogue as cat
from msc_desk.catalogue import Verdict, check_value, convert


@pytest.mark.parametrize(
    ("name", "raw", "verdict", "code"),
    [
        ("creatinine", "120", Verdict.OK, "ok"),
        ("creatinine", "120,5", Verdict.OK, "ok"),
        ("creatinine", "900", Verdict.SOFT_WARNING, "above_plausible"),
        ("creatinine", "10", Verdict.SOFT_WARNING, "below_plausible"),
        ("creatinine", "3001", Verdict.HARD_STOP, "above_possible"),
        ("creatinine", "4", Verdict.HARD_STOP, "below_possible"),
        ("creatinine", "3000", Verdict.SOFT_WARNING, "above_plausible"),
        ("creatinine", "abc", Verdict.HARD_STOP, "not_a_number"),
        ("creatinine", "NaN", Verdict.HARD_STOP, "not_a_number"),
        ("creatinine", "Infinity", Verdict.HARD_STOP, "not_a_number"),
        ("creatinine", True, Verdict.HARD_STOP, "not_a_number"),
        ("creatinine", "", Verdict.EMPTY, "empty"),
        ("creatinine", None, Verdict.EMPTY, "empty"),
        ("gcs", "14.5", Verdict.HARD_STOP, "not_a_whole_number"),
        ("gcs", "2", Verdict.HARD_STOP, "below_possible"),
        ("gcs", "15", Verdict.OK, "ok"),
        ("fio2", "0.2", Verdict.HARD_STOP, "below_possible"),
        ("weight", "25", Verdict.SOFT_WARNING, "below_plausible"),
        ("weight", "19", Verdict.HARD_STOP, "below_possible"),
        ("rrt", "hemodialysis", Verdict.OK, "ok"),
        ("rrt", "dialysis", Verdict.HARD_STOP, "unknown_choice"),
        ("sedated", "да", Verdict.OK, "ok"),
        ("sedated", "maybe", Verdict.HARD_STOP, "not_yes_no"),
        ("pf_ratio", "300", Verdict.HARD_STOP, "computed"),
        ("ecg_other", "x" * 201, Verdict.HARD_STOP, "too_long"),
        ("antibiotics_at", datetime(2026, 1, 1, tzinfo=UTC), Verdict.OK, "ok"),
        ("antibiotics_at", datetime(2026, 1, 1), Verdict.HARD_STOP, "not_an_instant"),
        ("antibiotics_at", "вчера", Verdict.HARD_STOP, "not_an_instant"),
    ],
)
def test_check_value_names_the_field_and_says_why(
    name: str, raw: object, verdict: Verdict, code: str
) -> None:
    result = check_value(cat.field(name), raw)
    assert (result.field, result.verdict, result.code) == (name, verdict, code)
    assert result.saveable == (verdict is not Verdict.HARD_STOP)


def test_parsed_values_keep_their_type_and_bound() -> None:
    assert check_value(cat.field("gcs"), "12").value == 12
    assert check_value(cat.field("creatinine"), "120,5").value == Decimal("120.5")
    assert check_value(cat.field("sedated"), "нет").value is False
    warning = check_value(cat.field("creatinine"), "900")
    assert warning.bound == cat.field("creatinine").plausible
    assert check_value(cat.column("patient_identification", "date_of_birth") or cat.field("x"),
                       date(1970, 1, 1)).verdict is Verdict.OK  # fmt: skip


@pytest.mark.parametrize(
    ("name", "unit", "entered", "expected"),
    [
        ("bilirubin_total", "mg_dl", "1.2", "20.52"),
        ("creatinine", "mg_dl", "1,5", "132.6"),
        ("pao2", "kpa", "10", "75.0062"),
        ("fio2", "percent", "40", "0.4"),
        ("lactate", "mg_dl", "18.02", "2"),
        ("urea", "bun_mg_dl", "28", "9.996"),
        ("pct", "ug_l", "2.5", "2.5"),
        ("crp", "mg_dl", "4.7", "47"),
        ("fibrinogen", "mg_dl", "350", "3.5"),
        ("wbc", "per_ul", "450", "0.45"),
        ("neutrophils", "per_ul", "120", "0.12"),
        ("lymphocytes", "per_ul", "1", "0.001"),
        ("hemoglobin", "g_dl", "8.4", "84"),
        ("platelets", "thousands_per_ul", "35", "35"),
    ],
)
def test_conversions_are_exact_and_keep_what_was_entered(
    name: str, unit: str, entered: str, expected: str
) -> None:
    item = cat.field(name)
    result = convert(item, unit, entered)
    assert result.value == Decimal(expected)
    assert result.unit == item.unit
    assert result.entered_value == Decimal(entered.replace(",", "."))
    assert result.entered_unit == item.alternative(unit).unit  # type: ignore[union-attr]


def test_every_alternative_unit_converts() -> None:
    inputs = {"weight_kg": "80", "drug_mg": "4", "syringe_ml": "50"}
    for item in cat.FIELDS.values():
        for alternative in item.alternatives:
            extra = {name: inputs[name] for name in alternative.inputs}
            value = "40" if alternative.code == "percent" else "2"
            assert convert(item, alternative.code, value, **extra).value > 0


def test_vasoactive_doses_convert_through_the_scoring_rules() -> None:
    noradrenaline = cat.field("norepinephrine")
    from_rate = convert(noradrenaline, "mcg_min", "8", weight_kg="80")
    assert from_rate.value == Decimal("0.1")
    assert from_rate.entered_with == {"weight_kg": Decimal(80)}
    pump = convert(noradrenaline, "pump", "6", drug_mg="4", syringe_ml="50", weight_kg="80")
    assert pump.value == Decimal("0.1")
    with pytest.raises(cat.ConversionRefused) as refused:
        convert(noradrenaline, "pump", "6", drug_mg="4", weight_kg="80")
    assert (refused.value.field, refused.value.argument) == ("norepinephrine", "syringe_ml")


def test_a_conversion_the_rules_refuse_names_the_field() -> None:
    with pytest.raises(cat.ConversionRefused) as refused:
        convert(cat.field("fio2"), "percent", "15")
    assert refused.value.field == "fio2"
    with pytest.raises(cat.ConversionRefused):
        convert(cat.field("creatinine"), "kpa", "1")
    with pytest.raises(cat.ConversionRefused):
        convert(cat.field("creatinine"), "mg_dl", "много")


def test_stored_values_read_in_words() -> None:
    status = cat.column("patient", "status")
    assert status is not None
    assert cat.value_label(status, "randomized", "ru") == "рандомизирован"
    assert cat.value_label(status, "randomized", "en") == "randomized"
    locked = cat.column("visit", "locked")
    assert locked is not None
    assert cat.value_label(locked, "false", "ru") == "Нет"
    assert cat.value_label(locked, "true", "en") == "Yes"
    assert cat.value_label(status, "unknown_code", "ru") == "unknown_code"
    assert cat.value_label(status, None, "ru") is None
    assert cat.column("patient", "no_such") is None and cat.column("no_such", "id") is None
