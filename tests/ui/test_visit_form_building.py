"""How a visit form is built: progressively between events, detail controls only when needed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select
from visit_trial import RANDOMIZED_AT, VisitTrial, build_trial, typical_entries

from msc_desk.models import VisitDraft
from msc_desk.models.database import DATABASE_FILENAME, create_database_engine
from msc_desk.models.migrate import prepare_database
from msc_desk.services.session import read_session
from msc_desk.services.visit_drafts import save_draft
from msc_desk.services.visit_entries import Entry
from msc_desk.ui.visits.field_row import code_of
from msc_desk.ui.visits.visit_dialog import VisitFormDialog

NOW = RANDOMIZED_AT.replace(day=8, hour=10)  # study day 7


@pytest.fixture
def trial(tmp_path: Path) -> Iterator[VisitTrial]:
    engine: Engine = create_database_engine(tmp_path / DATABASE_FILENAME, None)
    prepare_database(engine, tmp_path / DATABASE_FILENAME)
    yield build_trial(engine, NOW)
    engine.dispose()


def _dialog(
    qtbot: QtBot, trial: VisitTrial, *, progressive: bool, user: str = "petrova"
) -> VisitFormDialog:
    dialog = VisitFormDialog(
        trial.factory, trial.actors[user], lambda: NOW, trial.patient_id, "MSC-001", 7,
        progressive=progressive,
    )  # fmt: skip
    qtbot.addWidget(dialog)
    return dialog


def _described(widgets: list[QWidget]) -> list[str]:
    return [f"{type(widget).__name__}:{widget.objectName()}" for widget in widgets]


def test_a_progressive_form_shows_at_once_and_saves_only_once_complete(
    qtbot: QtBot, trial: VisitTrial
) -> None:
    entries = typical_entries(7, NOW)
    save_draft(trial.factory, trial.actors["petrova"], trial.patient_id, 7, entries, lambda: NOW)
    whole = _dialog(qtbot, trial, progressive=False)
    dialog = _dialog(qtbot, trial, progressive=True)
    dialog.show()
    assert not dialog.is_built
    assert 0 < len(dialog.rows) < len(whole.rows)
    assert not dialog.save_button.isEnabled() and not dialog.complete_button.isEnabled()
    assert not dialog.page.isEnabled()  # no typing into fields not yet filled
    assert dialog.sofa_panel.title.text() == whole.sofa_panel.title.text()  # SOFA as opened
    with qtbot.waitSignal(dialog.built, timeout=10000):
        pass
    assert dialog.is_built
    assert list(dialog.rows) == list(whole.rows)
    assert dialog.entries() == whole.entries()
    assert dialog.save_button.isEnabled() and dialog.complete_button.isEnabled()
    assert _described(dialog.focus_order) == _described(whole.focus_order)
    assert dialog.reading == whole.reading


def test_a_form_closed_while_it_builds_keeps_no_partial_draft(
    qtbot: QtBot, trial: VisitTrial
) -> None:
    dialog = _dialog(qtbot, trial, progressive=True)
    dialog.show()
    assert not dialog.is_built
    dialog._dirty = True  # even so, a half-built form is never kept as the draft
    dialog.reject()
    qtbot.wait(50)  # the building timer, if left running, would fire here
    assert not dialog.is_built
    with read_session(trial.factory) as session:
        assert session.scalar(select(func.count()).select_from(VisitDraft)) == 0


def test_a_fresh_form_builds_no_detail_controls_until_a_field_needs_them(
    qtbot: QtBot, trial: VisitTrial
) -> None:
    dialog = _dialog(qtbot, trial, progressive=False)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    assert dialog.findChildren(QCheckBox) == []  # no confirmation, no tartrate box yet
    row = dialog.rows["creatinine"]
    assert isinstance(row.unit, QComboBox)
    row.unit.setFocus()
    qtbot.keyClick(row.unit, Qt.Key.Key_Down)  # mg/dL: no extra input, still nothing built
    assert code_of(row.unit) == "mg_dl"
    norepinephrine = dialog.rows["norepinephrine"]
    assert isinstance(norepinephrine.unit, QComboBox)
    norepinephrine.unit.setFocus()
    while code_of(norepinephrine.unit) != "pump":
        qtbot.keyClick(norepinephrine.unit, Qt.Key.Key_Down)
    # The pump's inputs were built now, and Tab reaches them right after the unit.
    qtbot.keyClick(norepinephrine.unit, Qt.Key.Key_Tab)
    assert dialog.focused() is norepinephrine.inputs["drug_mg"]
    qtbot.keyClick(norepinephrine.inputs["drug_mg"], Qt.Key.Key_Tab)
    assert dialog.focused() is norepinephrine.inputs["syringe_ml"]
    assert norepinephrine.inputs["weight_kg"].isVisibleTo(dialog)
    assert norepinephrine.tartrate.isVisibleTo(dialog)
    assert not norepinephrine.confirm.isVisibleTo(dialog)


def test_controls_built_on_a_read_only_form_are_read_only(qtbot: QtBot, trial: VisitTrial) -> None:
    dialog = _dialog(qtbot, trial, progressive=False, user="sidorov")  # a monitor: reads only
    assert not dialog.editable
    row = dialog.rows["il6"]
    row.want_reason(True)  # builds the reason chooser now
    assert row.reason.isVisibleTo(dialog)
    assert not row.reason.isEnabled()
    assert not row.confirm.isEnabled()
    assert all(not edit.isEnabled() for edit in row.inputs.values())


def test_an_entry_with_a_reason_or_confirmation_builds_and_fills_its_controls(
    qtbot: QtBot, trial: VisitTrial
) -> None:
    dialog = _dialog(qtbot, trial, progressive=False)
    row = dialog.rows["il6"]
    row.set_entry(Entry(missing_reason="other", missing_text="анализатор на ремонте"))
    assert code_of(row.reason) == "other"
    assert isinstance(row.reason_text, QLineEdit)
    assert row.reason_text.text() == "анализатор на ремонте"
    assert row.entry() == Entry(missing_reason="other", missing_text="анализатор на ремонте")
    row.set_entry(Entry("12"))
    assert row.entry() == Entry("12")
