from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from infusion_trial import ONSET, InfusionTrial, make_infusion_trial, valid
from pdf_tools import pdf_text
from sqlalchemy import select

from msc_desk.models import AdverseEvent, Infusion
from msc_desk.services.infusion import (
    PURPOSE_CHECKED,
    PURPOSE_PREPARED,
    InfusionRefused,
    calculate,
    check_payload,
    is_msc_patient,
    prescribe,
)
from msc_desk.services.infusion_check import confirm_check, verify_with_credentials
from msc_desk.services.infusion_record import Administration, Vitals, record_administration
from msc_desk.services.infusion_sheet import patient_infusions, print_infusion_sheet
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.registry import verify_for_entry
from msc_desk.services.session import read_session


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InfusionTrial]:
    trial = make_infusion_trial(tmp_path_factory.mktemp("infusion") / "data")
    yield trial
    trial.doctor.close()


@pytest.fixture
def trial(base: InfusionTrial) -> InfusionTrial:
    return base


def _record(**changes: object) -> Administration:
    values: dict[str, object] = {
        "started_at": ONSET + timedelta(hours=5),
        "ended_at": ONSET + timedelta(hours=5, minutes=30),
        "volume_infused_ml": "38",
        "rate_ml_per_hour": "76",
        "premedication": "Парацетамол 1 г в/в",
        "before": Vitals("36.8", 96, 72, "97"),
        "after": Vitals("37.0", 98, 70, "96"),
    } | changes
    return Administration(**values)  # type: ignore[arg-type]


def test_calculation_follows_compute_dose() -> None:
    result = calculate(valid(), Decimal(70))
    # 70 kg × 1.0 ×10⁶ / (2×10⁶ × 0.92) = 38.04… → 38.0 mL in two 20 mL syringes.
    assert result.result.volume_ml == Decimal("38.0")
    assert result.result.total_viable_cells == Decimal(70_000_000)
    assert result.container_count == 2
    assert not result.needs_weight_reason and not result.needs_viability_reason
    assert calculate(valid(weight_kg="25"), Decimal(70)).needs_weight_reason
    assert calculate(valid(viability_percent="65"), Decimal(70)).needs_viability_reason


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"target_dose": "2.1"}, "target_dose"),
        ({"target_dose": "0.9"}, "target_dose"),
        ({"weight_kg": "15"}, "weight_kg"),
        ({"weight_kg": "abc"}, "weight_kg"),
        ({"concentration_cells_per_ml": "0"}, "concentration_cells_per_ml"),
        ({"viability_percent": "101"}, "viability_percent"),
        ({"product_lot": ""}, "product_lot"),
        ({"weight_source": "guess"}, "weight_source"),
        ({"container_volume_ml": "0"}, "container_volume_ml"),
        ({"weight_kg": "25"}, "weight_reason"),
        ({"viability_percent": "65"}, "viability_reason"),
    ],
)
def test_an_invalid_prescription_is_refused_naming_its_field(
    trial: InfusionTrial, changes: dict[str, object], field: str
) -> None:
    with pytest.raises((InvalidField, InfusionRefused)) as refused:
        prescribe(trial.factory, trial.actor, trial.msc_patient, valid(**changes), trial.clock)
    assert refused.value.field == field


def test_the_control_arm_is_refused_and_hidden(trial: InfusionTrial) -> None:
    with pytest.raises(InfusionRefused) as refused:
        prescribe(trial.factory, trial.actor, trial.control_patient, valid(), trial.clock)
    assert refused.value.code == "not_msc_arm"
    assert not is_msc_patient(trial.factory, trial.actor, trial.control_patient)
    assert is_msc_patient(trial.factory, trial.actor, trial.msc_patient)
    reviewer = trial.sign_in("orlov")
    try:
        assert not is_msc_patient(reviewer.factory, reviewer.actor, trial.msc_patient)
    finally:
        reviewer.close()


def test_two_people_each_sign_and_a_reaction_opens_an_adverse_event(
    trial: InfusionTrial,
) -> None:
    confirmed = valid(weight_kg="25", weight_reason="Масса по данным карты: кахексия",
                      infusion_day=2)  # fmt: skip
    infusion_id = prescribe(trial.factory, trial.actor, trial.msc_patient, confirmed, trial.clock)
    with pytest.raises(InfusionRefused) as refused:
        record_administration(trial.factory, trial.actor, infusion_id, _record(), trial.clock)
    assert refused.value.code == "not_checked"
    # The same person, a wrong password and a monitor (no right) are all refused.
    for username, password, code in (
        ("ivanova", "ivanova-password", "same_person"),
        ("petrova", "wrong-password-1", "wrong_password"),
        ("smirnov", "smirnov-password", "not_allowed"),
    ):
        with pytest.raises(InfusionRefused) as refused:
            verify_with_credentials(
                trial.factory, trial.data_dir, infusion_id, username, password, trial.clock
            )
        assert refused.value.code == code
    checker = verify_with_credentials(
        trial.factory, trial.data_dir, infusion_id, "petrova", "petrova-password", trial.clock
    )
    with pytest.raises(InfusionRefused) as refused:
        confirm_check(trial.factory, checker, infusion_id, trial.clock)
    assert refused.value.code == "already_checked"
    result = record_administration(
        trial.factory,
        trial.actor,
        infusion_id,
        _record(volume_infused_ml="14", reactions=("fever", "chills")),
        trial.clock,
    )
    assert not result.late and not result.dose_deviation
    with read_session(trial.factory) as session:
        infusion = session.get(Infusion, infusion_id)
        assert infusion is not None
        assert infusion.prepared_by_id != infusion.checked_by_id
        for entry, signature, purpose in (
            (infusion.prepared_key_entry_id, infusion.prepared_signature, PURPOSE_PREPARED),
            (infusion.checked_key_entry_id, infusion.checked_signature, PURPOSE_CHECKED),
        ):
            assert entry is not None and signature is not None
            assert verify_for_entry(
                session, entry, purpose, check_payload(infusion), base64.b64decode(signature)
            )
        events = session.scalars(
            select(AdverseEvent).where(AdverseEvent.id.in_(result.adverse_event_ids))
        ).all()
        assert sorted(event.term for event in events) == ["Лихорадка", "Озноб"]
        assert {event.infusion_id for event in events} == {infusion_id}
        assert all(event.related_to_msc == "possible" for event in events)


def test_a_late_first_infusion_and_an_off_dose_are_deviations(trial: InfusionTrial) -> None:
    infusion_id = prescribe(trial.factory, trial.actor, trial.msc_patient, valid(), trial.clock)
    verify_with_credentials(
        trial.factory, trial.data_dir, infusion_id, "petrova", "petrova-password", trial.clock
    )
    trial.clock.after_onset(hours=12)
    late = _record(started_at=ONSET + timedelta(hours=11), ended_at=None, volume_infused_ml="80")
    with pytest.raises(InfusionRefused) as refused:
        record_administration(trial.factory, trial.actor, infusion_id, late, trial.clock)
    assert refused.value.code == "late_reason"
    late = _record(
        started_at=ONSET + timedelta(hours=11),
        ended_at=None,
        volume_infused_ml="80",
        late_reason="Задержка доставки препарата",
    )
    with pytest.raises(InfusionRefused) as refused:
        record_administration(trial.factory, trial.actor, infusion_id, late, trial.clock)
    assert refused.value.code == "dose_reason"
    result = record_administration(
        trial.factory,
        trial.actor,
        infusion_id,
        replace(late, dose_reason="Введён весь объём шприца"),
        trial.clock,
    )
    assert result.late and result.dose_deviation
    assert result.achieved_dose == Decimal("2.10")  # 80 × 2×10⁶ × 0.92 / 70
    with read_session(trial.factory) as session:
        infusion = session.get(Infusion, infusion_id)
        assert infusion is not None
        assert infusion.late_deviation_reason == "Задержка доставки препарата"
        assert infusion.dose_deviation_reason == "Введён весь объём шприца"


def test_a_day_already_at_its_total_refuses_another_record(trial: InfusionTrial) -> None:
    # Day 1 was given at 2.10 million/kg: any further record of day 1 would exceed 2.0.
    with pytest.raises(InfusionRefused) as refused:
        prescribe(trial.factory, trial.actor, trial.msc_patient, valid(), trial.clock)
    assert (refused.value.code, refused.value.field) == ("daily_total", "target_dose")


def test_the_bedside_sheet_holds_the_russian_words_and_numbers(
    trial: InfusionTrial, tmp_path: Path
) -> None:
    lines = patient_infusions(trial.factory, trial.actor, trial.msc_patient, trial.clock)
    infusion_id = next(line.infusion_id for line in lines if line.infusion_day == 1)
    pdf = print_infusion_sheet(trial.factory, trial.actor, infusion_id, trial.clock)
    words = " ".join(pdf_text(pdf, tmp_path).split())
    (tmp_path / "sheet.pdf").write_bytes(pdf)
    for expected in (
        "Лист инфузии МСК",
        "MSC-2026-017",
        "38,0 мл",
        "1,0 млн жизнеспособных клеток/кг",
        "70 кг (измерена)",
        "Двойная проверка",
        "Иванова А. П.",
        "Петрова Е. С.",
        "Подпись",
    ):
        assert expected in words
    with pytest.raises(InfusionRefused):
        patient_infusions(trial.factory, trial.actor, trial.control_patient, trial.clock)
