"""The infusion screens driven as a nurse and a doctor would: calculator, check, record, tab."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from infusion_trial import ONSET, InfusionTrial, make_infusion_trial
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from msc_desk.models import AdverseEvent, Infusion
from msc_desk.services.infusion_sheet import first_infusion_started, patient_infusions
from msc_desk.services.patients import patient_summary
from msc_desk.services.session import read_session
from msc_desk.ui.infusion.calculator_dialog import DoseCalculatorDialog
from msc_desk.ui.infusion.check_dialog import SecondCheckDialog
from msc_desk.ui.infusion.record_dialog import AdministrationDialog
from msc_desk.ui.infusion.tab import InfusionTab
from msc_desk.ui.patient_view import PatientView

SHOTS = Path(os.environ.get("MSC_SHOTS", "")) if os.environ.get("MSC_SHOTS") else None


@pytest.fixture(scope="module")
def trial(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InfusionTrial]:
    built = make_infusion_trial(tmp_path_factory.mktemp("infusion-ui") / "data")
    yield built
    built.doctor.close()


def _shot(widget: QWidget, name: str) -> None:
    """With MSC_SHOTS set, save the widget at its size inside a 1366×768 screen."""
    if SHOTS is None:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    widget.grab().save(str(SHOTS / f"{name}.png"))


def _calculator(qtbot: QtBot, trial: InfusionTrial, day: int = 1) -> DoseCalculatorDialog:
    dialog = DoseCalculatorDialog(
        trial.factory, trial.actor, trial.clock, trial.msc_patient, "MSC-01", day
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill(dialog: DoseCalculatorDialog, **values: str) -> None:
    typed = {
        "weight": "70",
        "lot": "MSC-2026-017",
        "concentration": "2000000",
        "viability": "92",
        "container": "20",
    } | values
    dialog.weight_edit.setText(typed["weight"])
    dialog.lot_edit.setText(typed["lot"])
    dialog.concentration_edit.setText(typed["concentration"])
    dialog.viability_edit.setText(typed["viability"])
    dialog.container_edit.setText(typed["container"])


@pytest.mark.usefixtures("russian")
@pytest.mark.parametrize(
    ("values", "dose", "named"),
    [
        ({"weight": "abc"}, 1.0, "Масса тела"),
        ({"weight": "15"}, 1.0, "Масса тела"),
        ({"weight": "400"}, 1.0, "Масса тела"),
        ({}, 2.1, "Доза"),
        ({}, 0.9, "Доза"),
        ({"concentration": "0"}, 1.0, "Концентрация клеток"),
        ({"concentration": "много"}, 1.0, "Концентрация клеток"),
        ({"viability": "0"}, 1.0, "Жизнеспособность клеток"),
        ({"viability": "101"}, 1.0, "Жизнеспособность клеток"),
        ({"lot": ""}, 1.0, "Серия препарата"),
        ({"container": "0"}, 1.0, "Объём одного контейнера"),
    ],
)
def test_each_invalid_value_is_refused_naming_it(
    qtbot: QtBot, trial: InfusionTrial, values: dict[str, str], dose: float, named: str
) -> None:
    dialog = _calculator(qtbot, trial)
    _fill(dialog, **values)
    dialog.dose_spin.setValue(dose)
    dialog.save_button.click()
    assert dialog.infusion_id is None and dialog.isVisible()
    assert named in dialog.message.text()


@pytest.mark.usefixtures("russian")
@pytest.mark.parametrize(
    ("values", "box", "reason", "day"),
    [
        ({"weight": "25"}, "weight_confirm", "weight_reason", 5),
        ({"weight": "210"}, "weight_confirm", "weight_reason", 6),
        ({"viability": "65"}, "viability_confirm", "viability_reason", 7),
    ],
)
def test_each_confirmation_needs_the_tick_and_a_reason(
    qtbot: QtBot, trial: InfusionTrial, values: dict[str, str], box: str, reason: str, day: int
) -> None:
    dialog = _calculator(qtbot, trial, day=day)
    _fill(dialog, **values)
    assert getattr(dialog, box).isVisible()
    dialog.save_button.click()
    assert "Отметьте подтверждение" in dialog.message.text()
    getattr(dialog, box).setChecked(True)
    dialog.save_button.click()
    assert "Обоснование" in dialog.message.text() or "обоснование" in dialog.message.text()
    assert dialog.infusion_id is None
    getattr(dialog, reason).setText("Подтверждено лабораторией и лечащим врачом")
    dialog.save_button.click()
    assert dialog.infusion_id is not None, dialog.message.text()
    with read_session(trial.factory) as session:
        saved = session.get(Infusion, dialog.infusion_id)
        assert saved is not None
        assert getattr(saved, reason) == "Подтверждено лабораторией и лечащим врачом"


@pytest.mark.usefixtures("russian")
def test_the_calculator_computes_and_saves(qtbot: QtBot, trial: InfusionTrial) -> None:
    dialog = _calculator(qtbot, trial)
    dialog.resize(1366, 700)
    _fill(dialog)
    assert dialog.volume_label.text() == "38,0 мл"
    assert dialog.viable_label.text() == "70,00 × 10⁶"
    assert dialog.containers_label.text() == "2"
    assert not dialog.weight_confirm.isVisible()
    _shot(dialog, "calculator")
    dialog.save_button.click()
    assert dialog.infusion_id is not None, dialog.message.text()
    with read_session(trial.factory) as session:
        saved = session.get(Infusion, dialog.infusion_id)
        assert saved is not None and str(saved.volume_ml) == "38.0"


@pytest.mark.usefixtures("russian")
def test_the_second_check_refuses_the_same_person_and_one_without_the_right(
    qtbot: QtBot, trial: InfusionTrial
) -> None:
    line = patient_infusions(trial.factory, trial.actor, trial.msc_patient, trial.clock)[0]
    dialog = SecondCheckDialog(trial.factory, trial.data_dir, trial.clock, "MSC-01", line)
    qtbot.addWidget(dialog)
    dialog.show()
    for username, password, words in (
        ("ivanova", "ivanova-password", "другой сотрудник"),
        ("smirnov", "smirnov-password", "не может подтверждать"),
        ("petrova", "wrong-password-2", "Неверный логин или пароль"),
    ):
        dialog.username_edit.setText(username)
        dialog.password_edit.setText(password)
        dialog.confirm_button.click()
        assert words in dialog.message.text()
        assert dialog.checker is None
    dialog.username_edit.setText("petrova")
    dialog.password_edit.setText("petrova-password")
    _shot(dialog, "second_check")
    dialog.confirm_button.click()
    assert dialog.checker == "petrova"


@pytest.mark.usefixtures("russian")
def test_the_record_asks_for_the_late_reason_and_a_reaction_opens_an_event(
    qtbot: QtBot, trial: InfusionTrial
) -> None:
    line = patient_infusions(trial.factory, trial.actor, trial.msc_patient, trial.clock)[0]
    trial.clock.after_onset(hours=12)
    dialog = AdministrationDialog(trial.factory, trial.actor, trial.clock, line.infusion_id, "X")
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.show()
    dialog.set_instant(dialog.start_edit, ONSET + timedelta(hours=11))
    dialog.set_instant(dialog.end_edit, ONSET + timedelta(hours=11, minutes=30))
    dialog.volume_edit.setText("38")
    dialog.rate_edit.setText("76")
    for moment, values in (
        ("before", ("36,8", "96", "72", "97")),
        ("after", ("38,4", "112", "64", "95")),
    ):
        for code, value in zip(("temperature", "heart_rate", "map", "spo2"), values, strict=True):
            dialog.vitals[moment][code].setText(value)
    dialog.reaction_boxes["none"].setChecked(False)
    dialog.reaction_boxes["fever"].setChecked(True)
    dialog.save_button.click()
    assert "позже 10 ч" in dialog.message.text()
    dialog.late_reason.setText("Задержка доставки препарата из лаборатории")
    _shot(dialog, "record")
    dialog.save_button.click()
    assert dialog.message.text() == "" or dialog.adverse_event_ids, dialog.message.text()
    assert len(dialog.adverse_event_ids) == 1
    with read_session(trial.factory) as session:
        event = session.scalar(
            select(AdverseEvent).where(AdverseEvent.id == dialog.adverse_event_ids[0])
        )
        assert event is not None and event.term == "Лихорадка"
        assert event.grade is None and event.infusion_id == line.infusion_id
        infusion = session.get(Infusion, line.infusion_id)
        assert infusion is not None
        assert infusion.late_deviation_reason == "Задержка доставки препарата из лаборатории"
        assert infusion.started_at_offset_min == 180


@pytest.mark.usefixtures("russian")
def test_only_an_msc_patient_has_the_tab(qtbot: QtBot, trial: InfusionTrial) -> None:
    view = PatientView()
    qtbot.addWidget(view)
    view.enable_infusion(InfusionTab(trial.factory, trial.actor, trial.clock, trial.data_dir))
    titles = lambda: [view.tabs.tabText(i) for i in range(view.tabs.count())]  # noqa: E731
    control = patient_summary(trial.factory, trial.actor, trial.control_patient, trial.clock())
    view.show_summary(control)
    assert "Инфузия" not in titles()
    msc = patient_summary(trial.factory, trial.actor, trial.msc_patient, trial.clock())
    view.show_summary(msc)
    assert "Инфузия" in titles()
    assert view.infusion_tab is not None
    # The countdown stands until the patient's first infusion has started.
    started = first_infusion_started(trial.factory, trial.msc_patient)
    assert view.infusion_tab.deadline.isHidden() is started
    view.show_summary(control)
    assert "Инфузия" not in titles()
    reviewer = trial.sign_in("orlov")
    try:
        blinded = PatientView()
        qtbot.addWidget(blinded)
        blinded.enable_infusion(
            InfusionTab(reviewer.factory, reviewer.actor, trial.clock, trial.data_dir)
        )
        blinded.show_summary(msc)  # even handed the unblinded summary, the service refuses
        shown = [blinded.tabs.tabText(i) for i in range(blinded.tabs.count())]
        assert "Инфузия" not in shown
    finally:
        reviewer.close()


@pytest.mark.usefixtures("russian")
def test_the_deadline_turns_amber_then_red_until_the_infusion_starts(
    qtbot: QtBot, trial: InfusionTrial
) -> None:
    tab = InfusionTab(trial.factory, trial.actor, trial.clock, trial.data_dir)
    qtbot.addWidget(tab)
    # A patient with no started infusion: the control patient's onset, shown as the tab would.
    tab._onset = ONSET  # noqa: SLF001
    # The site's default preparation time (2 h) reaches past the amber window: red at once.
    for hours, state in ((1, "normal"), (8.5, "red"), (10.5, "expired")):
        trial.clock.after_onset(hours=hours)
        tab.tick()
        assert tab.deadline.property("clock_state") == state
    tab._preparation_hours = Decimal(1)  # noqa: SLF001 (a site that prepares cells in 1 h)
    for hours, state in ((8.5, "amber"), (9.5, "red")):
        trial.clock.after_onset(hours=hours)
        tab.tick()
        assert tab.deadline.property("clock_state") == state
    assert "Осталось меньше 2 часов" not in tab.deadline.label.text()
