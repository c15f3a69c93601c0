"""The infusion rules that follow the site's settings, on the patient view and in the services."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from infusion_trial import ONSET, InfusionTrial, make_infusion_trial, valid
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from msc_desk.services.infusion import InfusionRefused, calculate, prescribe
from msc_desk.services.infusion_check import verify_with_credentials
from msc_desk.services.infusion_record import Administration, record_administration
from msc_desk.services.patients import patient_summary
from msc_desk.services.settings import (
    CELL_PREPARATION_HOURS,
    VIABILITY_RELEASE_PERCENT,
    update_site_settings,
)
from msc_desk.services.workspace import sign_in
from msc_desk.ui.infusion.calculator_dialog import DoseCalculatorDialog
from msc_desk.ui.infusion.tab import InfusionTab
from msc_desk.ui.patient_view import PatientView

SHOTS = Path(os.environ.get("MSC_SHOTS", "")) if os.environ.get("MSC_SHOTS") else None


@pytest.fixture(scope="module")
def trial(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InfusionTrial]:
    built = make_infusion_trial(tmp_path_factory.mktemp("infusion-site") / "data")
    yield built
    built.doctor.close()


def _site(trial: InfusionTrial, **changes: str) -> None:
    admin = sign_in(trial.data_dir, "admin", "admin-password", clock=trial.clock)
    try:
        update_site_settings(admin.factory, admin.actor, dict(changes), trial.clock)
    finally:
        admin.close()


@pytest.mark.parametrize(
    ("weight", "asks"),
    [("29.9", True), ("30", False), ("200", False), ("200.1", True), ("20", True)],
)
def test_the_weight_outside_30_to_200_kg_asks_for_a_confirmation(weight: str, asks: bool) -> None:
    assert calculate(valid(weight_kg=weight), Decimal(70)).needs_weight_reason is asks


@pytest.mark.usefixtures("russian")
def test_the_viability_threshold_is_the_sites(qtbot: QtBot, trial: InfusionTrial) -> None:
    assert not calculate(valid(viability_percent="75"), Decimal(70)).needs_viability_reason
    _site(trial, **{VIABILITY_RELEASE_PERCENT: "80"})
    try:
        with pytest.raises(InfusionRefused) as refused:
            prescribe(
                trial.factory, trial.actor, trial.msc_patient,
                valid(viability_percent="75", infusion_day=6), trial.clock,
            )  # fmt: skip
        assert (refused.value.code, refused.value.field) == (
            "viability_confirmation",
            "viability_reason",
        )
        dialog = DoseCalculatorDialog(
            trial.factory, trial.actor, trial.clock, trial.msc_patient, "MSC-01", 6
        )
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.weight_edit.setText("70")
        dialog.lot_edit.setText("MSC-2026-017")
        dialog.concentration_edit.setText("2000000")
        dialog.viability_edit.setText("79")
        assert dialog.viability_confirm.isVisible()
        assert "80" in dialog.viability_confirm.text()
        dialog.viability_edit.setText("80")
        assert not dialog.viability_confirm.isVisible()
    finally:
        _site(trial, **{VIABILITY_RELEASE_PERCENT: "70"})


@pytest.mark.usefixtures("russian")
def test_the_calculator_of_a_control_patient_is_refused_by_the_service(
    qtbot: QtBot, trial: InfusionTrial
) -> None:
    dialog = DoseCalculatorDialog(
        trial.factory, trial.actor, trial.clock, trial.control_patient, "MSC-02", 1
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.weight_edit.setText("70")
    dialog.lot_edit.setText("MSC-2026-017")
    dialog.concentration_edit.setText("2000000")
    dialog.viability_edit.setText("92")
    dialog.save_button.click()
    assert dialog.infusion_id is None
    assert "Пациент не в группе МСК" in dialog.message.text()


@pytest.mark.usefixtures("russian")
def test_the_patient_view_deadline_follows_the_sites_preparation_time(
    qtbot: QtBot, trial: InfusionTrial
) -> None:
    """Amber in the last 2 h; red once less is left than the cells take to prepare."""
    for preparation, readings in (
        ("3", ((6.5, "normal"), (7.5, "red"), (9.9, "red"), (10.5, "expired"))),
        ("1", ((7.5, "normal"), (8.5, "amber"), (9.5, "red"))),
    ):
        _site(trial, **{CELL_PREPARATION_HOURS: preparation})
        view = PatientView()
        qtbot.addWidget(view)
        view.enable_infusion(InfusionTab(trial.factory, trial.actor, trial.clock, trial.data_dir))
        view.resize(1366, 768)
        view.show()
        for hours, state in readings:
            trial.clock.after_onset(hours=hours)
            summary = patient_summary(trial.factory, trial.actor, trial.msc_patient, trial.clock())
            view.show_summary(summary)
            tab = view.infusion_tab
            assert tab is not None and tab.deadline.isVisible()
            assert tab.deadline.property("clock_state") == state, (preparation, hours)
            if state == "red" and hours < 10:
                assert f"({preparation} ч)" in tab.deadline.label.text()
            if state == "amber":
                assert "меньше 2 часов" in tab.deadline.label.text().lower()
                if SHOTS is not None:
                    SHOTS.mkdir(parents=True, exist_ok=True)
                    QApplication.processEvents()
                    view.grab().save(str(SHOTS / "infreact_patient_view_amber.png"))
    _site(trial, **{CELL_PREPARATION_HOURS: "2"})


def test_a_first_infusion_at_exactly_10_hours_is_on_time(trial: InfusionTrial) -> None:
    trial.clock.after_onset(hours=11)
    infusion_id = prescribe(trial.factory, trial.actor, trial.msc_patient, valid(), trial.clock)
    verify_with_credentials(
        trial.factory, trial.data_dir, infusion_id, "petrova", "petrova-password", trial.clock
    )
    record = Administration(
        started_at=ONSET + timedelta(hours=10),
        ended_at=None,
        volume_infused_ml="38",
        rate_ml_per_hour="76",
    )
    result = record_administration(trial.factory, trial.actor, infusion_id, record, trial.clock)
    assert not result.late and not result.dose_deviation
