"""The visit form dialog: keyboard-only entry, checks, reasons, live SOFA, drafts, the catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select
from visit_trial import RANDOMIZED_AT, VisitTrial, build_trial, typical_raw

from msc_desk import catalogue
from msc_desk.catalogue import Field, FieldType, Form
from msc_desk.models import Observation, Visit, VisitStatus
from msc_desk.models.database import DATABASE_FILENAME, create_database_engine, make_session_factory
from msc_desk.models.migrate import prepare_database
from msc_desk.services import visit_entries
from msc_desk.services.patients import patient_summary
from msc_desk.services.session import install_audit_hooks, read_session
from msc_desk.services.visit_entries import fields_for_day
from msc_desk.ui.patient_view import PatientView
from msc_desk.ui.visits.field_row import FieldRow, code_of
from msc_desk.ui.visits.visit_dialog import VisitFormDialog

NOW = RANDOMIZED_AT.replace(day=8, hour=10)  # study day 7


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_database_engine(tmp_path / DATABASE_FILENAME, None)
    prepare_database(engine, tmp_path / DATABASE_FILENAME)
    yield engine
    engine.dispose()


@pytest.fixture
def trial(engine: Engine) -> VisitTrial:
    return build_trial(engine, NOW)


def _dialog(
    qtbot: QtBot, trial: VisitTrial, day: int = 7, user: str = "petrova"
) -> VisitFormDialog:
    dialog = VisitFormDialog(
        trial.factory, trial.actors[user], lambda: NOW, trial.patient_id, "MSC-001", day
    )
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    _DIALOGS[:] = [dialog]
    return dialog


_DIALOGS: list[VisitFormDialog] = []


def _focused() -> QWidget | None:
    # Never QApplication.focusWidget(): see VisitFormDialog.focused.
    return _DIALOGS[-1].focused()


def _tab_to(qtbot: QtBot, target: QWidget) -> None:
    """Press Tab until `target` has the focus (at most a few presses: units, buttons)."""
    for _ in range(12):
        if _focused() is target:
            return
        focused = _focused()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert _focused() is target


def _type(qtbot: QtBot, row: FieldRow, raw: object) -> None:
    widget = row.value_widget
    if isinstance(widget, QComboBox):
        code = "true" if raw is True else "false" if raw is False else raw
        for _ in range(widget.findData(code)):
            qtbot.keyClick(widget, Qt.Key.Key_Down)
        assert code_of(widget) == code
    else:
        assert isinstance(widget, QLineEdit)
        qtbot.keyClicks(widget, str(raw))
    focused = _focused()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Return)  # Enter confirms and moves on


def test_a_complete_visit_is_filled_by_keyboard_only(qtbot: QtBot, trial: VisitTrial) -> None:
    dialog = _dialog(qtbot, trial)
    assert _focused() is dialog.performed.date_edit
    for item in fields_for_day(7):
        if item.computed or item.required_if is not None:
            continue
        row = dialog.rows[item.name]
        _tab_to(qtbot, row.value_widget)
        _type(qtbot, row, typical_raw(item, NOW))
    _tab_to(qtbot, dialog.complete_button)
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.complete_button, Qt.Key.Key_Return)
    with read_session(trial.factory) as session:
        visit = session.scalars(select(Visit)).one()
        assert visit.status == VisitStatus.DONE
        assert visit.sofa_total == 14
        assert session.scalar(select(Observation.value).where(Observation.code == "pf_ratio"))


def _numeric_fields() -> list[Field]:
    return [
        item
        for item in fields_for_day(7)
        if item.type in (FieldType.DECIMAL, FieldType.INTEGER) and not item.computed
    ]


@pytest.mark.parametrize("item", _numeric_fields(), ids=lambda item: item.name)
def test_every_hard_stop_and_soft_warning_shows_on_its_field(
    qtbot: QtBot, trial: VisitTrial, item: Field
) -> None:
    assert item.possible is not None and item.plausible is not None
    dialog = _dialog(qtbot, trial)
    row = dialog.rows[item.name]
    edit = row.value_widget
    assert isinstance(edit, QLineEdit)
    edit.setFocus()
    qtbot.keyClicks(edit, str(item.possible.high + 1))
    assert row.message.text().startswith("Impossible value")
    assert not row.confirm.isVisibleTo(dialog)
    edit.clear()
    if item.plausible.high < item.possible.high:
        qtbot.keyClicks(
            edit, str(item.plausible.high + (item.possible.high - item.plausible.high) / 2)
        )
        assert row.message.text().startswith("Unusual value")
        assert row.confirm.isVisibleTo(dialog)
        _tab_to(qtbot, row.confirm)
        qtbot.keyClick(row.confirm, Qt.Key.Key_Space)
        assert row.confirm.isChecked()
        assert row.message.text() == ""
        assert item.name not in {p.field for p in dialog.reading.warnings}


def _fill_all(dialog: VisitFormDialog, day: int = 7) -> None:
    for item in fields_for_day(day):
        if not item.computed and item.required_if is None:
            dialog.rows[item.name].set_entry(visit_entries.Entry(typical_raw(item, NOW)))
    dialog.update_form()


def test_completion_asks_a_reason_for_each_empty_field(qtbot: QtBot, trial: VisitTrial) -> None:
    dialog = _dialog(qtbot, trial)
    _fill_all(dialog)
    dialog.rows["il6"].set_entry(visit_entries.Entry())
    row = dialog.rows["il6"]
    assert not row.reason.isVisibleTo(dialog)
    dialog.complete_button.setFocus()
    qtbot.keyClick(dialog.complete_button, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "ИЛ-6" in dialog.status.text() or "IL-6" in dialog.status.text()
    assert row.reason.isVisibleTo(dialog)
    assert _focused() is row.reason
    qtbot.keyClick(row.reason, Qt.Key.Key_Down)  # not done
    dialog.complete_button.setFocus()
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.complete_button, Qt.Key.Key_Return)
    with read_session(trial.factory) as session:
        reason = session.scalar(select(Observation.missing_reason).where(Observation.code == "il6"))
    assert reason == "not_done"


def _points(dialog: VisitFormDialog, organ: str) -> str:
    return dialog.sofa_panel.points[organ].text()


def _choose_unit(qtbot: QtBot, row: FieldRow, code: str) -> None:
    assert isinstance(row.unit, QComboBox)
    row.unit.setFocus()
    for _ in range(row.unit.findData(code)):
        qtbot.keyClick(row.unit, Qt.Key.Key_Down)
    assert code_of(row.unit) == code


def _retype(qtbot: QtBot, row: FieldRow, text: str) -> None:
    edit = row.value_widget
    assert isinstance(edit, QLineEdit)
    edit.clear()
    edit.setFocus()
    qtbot.keyClicks(edit, text)


def test_sofa_follows_every_value_and_unit(qtbot: QtBot, trial: VisitTrial) -> None:
    dialog = _dialog(qtbot, trial)
    assert "SOFA" in dialog.sofa_panel.title.text()
    _retype(qtbot, dialog.rows["platelets"], "30")
    assert _points(dialog, "coagulation").endswith("3")
    assert "missing" in dialog.sofa_panel.sources["liver"].text()
    _choose_unit(qtbot, dialog.rows["bilirubin_total"], "mg_dl")
    _retype(qtbot, dialog.rows["bilirubin_total"], "7")  # 119.7 µmol/L
    assert _points(dialog, "liver").endswith("3")
    _choose_unit(qtbot, dialog.rows["creatinine"], "mg_dl")
    _retype(qtbot, dialog.rows["creatinine"], "2,5")  # 221 µmol/L
    assert _points(dialog, "renal").endswith("2")
    dialog.rows["respiratory_support"].value_widget.setFocus()
    _type(qtbot, dialog.rows["respiratory_support"], "invasive")
    _choose_unit(qtbot, dialog.rows["pao2"], "kpa")
    _retype(qtbot, dialog.rows["pao2"], "8")  # 60 mmHg
    _choose_unit(qtbot, dialog.rows["fio2"], "percent")
    _retype(qtbot, dialog.rows["fio2"], "50")
    assert _points(dialog, "respiration").endswith("3")
    assert dialog.rows["pf_ratio"].value_widget.text() == "120,0"  # type: ignore[attr-defined]
    _retype(qtbot, dialog.rows["map"], "75")
    norepinephrine = dialog.rows["norepinephrine"]
    _choose_unit(qtbot, norepinephrine, "pump")
    assert norepinephrine.inputs["syringe_ml"].isVisibleTo(dialog)
    assert norepinephrine.tartrate.isVisibleTo(dialog)
    _retype(qtbot, norepinephrine, "10")
    for name, text in (("drug_mg", "4"), ("syringe_ml", "50"), ("weight_kg", "80")):
        norepinephrine.inputs[name].setFocus()
        qtbot.keyClicks(norepinephrine.inputs[name], text)
    assert _points(dialog, "cardiovascular").endswith("4")  # 0.167 µg/kg/min of base
    norepinephrine.tartrate.setFocus()
    qtbot.keyClick(norepinephrine.tartrate, Qt.Key.Key_Space)  # tartrate: 0.083
    assert _points(dialog, "cardiovascular").endswith("3")
    epinephrine = dialog.rows["epinephrine"]
    _choose_unit(qtbot, epinephrine, "mcg_min")
    assert not epinephrine.tartrate.isVisibleTo(dialog)
    _retype(qtbot, epinephrine, "16")
    epinephrine.inputs["weight_kg"].clear()
    epinephrine.inputs["weight_kg"].setFocus()
    qtbot.keyClicks(epinephrine.inputs["weight_kg"], "80")  # 0.2 µg/kg/min
    assert _points(dialog, "cardiovascular").endswith("4")


def test_a_draft_survives_a_crash(qtbot: QtBot, trial: VisitTrial, engine: Engine) -> None:
    dialog = _dialog(qtbot, trial)
    _choose_unit(qtbot, dialog.rows["creatinine"], "mg_dl")
    _retype(qtbot, dialog.rows["creatinine"], "1,5")
    qtbot.waitUntil(lambda: not dialog._dirty)  # the draft timer wrote it
    dialog.hide()  # the application dies: no save, no close
    engine.dispose()
    factory = install_audit_hooks(make_session_factory(engine))
    reopened = VisitFormDialog(
        factory, trial.actors["petrova"], lambda: NOW, trial.patient_id, "MSC-001", 7
    )
    qtbot.addWidget(reopened)
    row = reopened.rows["creatinine"]
    assert row.unit_code() == "mg_dl"
    assert row.value_widget.text() == "1,5"  # type: ignore[attr-defined]
    other = VisitFormDialog(
        factory, trial.actors["ivanov"], lambda: NOW, trial.patient_id, "MSC-001", 7
    )
    qtbot.addWidget(other)
    assert other.rows["creatinine"].value_widget.text() == ""  # type: ignore[attr-defined]


def test_cross_form_findings_show_on_the_form(qtbot: QtBot, trial: VisitTrial) -> None:
    dialog = _dialog(qtbot, trial, day=0)
    _fill_all(dialog, 0)
    dialog.rows["vasopressors"].set_entry(visit_entries.Entry(True))
    for drug in ("norepinephrine", "epinephrine", "dopamine"):
        dialog.rows[drug].set_entry(visit_entries.Entry("0"))
    dialog.performed.set_value(RANDOMIZED_AT.replace(day=4))
    dialog.update_form()
    text = dialog.findings.text()
    assert "outside its window" in text
    assert "no vasopressor dose" in text


def test_a_reader_sees_the_form_but_cannot_edit(qtbot: QtBot, trial: VisitTrial) -> None:
    dialog = _dialog(qtbot, trial, user="sidorov")
    assert not dialog.rows["creatinine"].value_widget.isEnabled()
    assert not dialog.complete_button.isEnabled()


def test_the_form_comes_from_the_catalogue_only(
    qtbot: QtBot, trial: VisitTrial, monkeypatch: pytest.MonkeyPatch
) -> None:
    ferritin = Field(
        "ferritin", "Ферритин", "Ferritin", FieldType.DECIMAL,
        unit=catalogue.Unit("мкг/л", "µg/L"),
        plausible=catalogue.Range(*map(catalogue.parse_decimal, ("10", "5000"))),  # type: ignore[arg-type]
        possible=catalogue.Range(*map(catalogue.parse_decimal, ("0", "100000"))),  # type: ignore[arg-type]
        visits=catalogue.ALL_VISITS,
    )  # fmt: skip
    form = visit_entries.VISIT_FORM
    first = form.sections[0]
    extended = Form(
        form.code,
        form.title_ru,
        form.title_en,
        (replace(first, fields=(*first.fields, ferritin)), *form.sections[1:]),
    )
    monkeypatch.setattr(visit_entries, "VISIT_FORM", extended)
    monkeypatch.setattr(visit_entries, "BASELINE_FORM", extended)
    dialog = _dialog(qtbot, trial)
    row = dialog.rows["ferritin"]
    assert row.label.text() == "Ферритин" or row.label.text() == "Ferritin"
    assert isinstance(row.unit, QWidget)
    assert list(dialog.rows).index("ferritin") == len(first.fields)
    _retype(qtbot, row, "200000")
    assert row.message.text().startswith("Impossible value")


def test_the_visits_tab_lists_states_and_opens_a_visit_with_enter(
    qtbot: QtBot, trial: VisitTrial, qtmodeltester: object
) -> None:
    view = PatientView()
    qtbot.addWidget(view)
    summary = patient_summary(trial.factory, trial.actors["ivanov"], trial.patient_id, NOW)
    view.show_summary(summary)
    tab = view.visits_tab
    assert view.tabs.tabText(1) in ("Visits", "Визиты")
    assert tab.model.rowCount() == 7
    qtmodeltester.check(tab.model)  # type: ignore[attr-defined]
    tab.table.setCurrentIndex(tab.model.index(3, 0))
    with qtbot.waitSignal(tab.visit_requested) as opened:
        qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert opened.args == [trial.patient_id, "MSC-001", 7]
