"""A reaction recorded at the bedside opens its adverse event, pre-filled, to be completed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from infusion_trial import ONSET, InfusionTrial, make_infusion_trial, valid
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from msc_desk.services.adverse_events import list_adverse_events
from msc_desk.services.infusion import prescribe
from msc_desk.services.infusion_check import verify_with_credentials
from msc_desk.ui.follow_up.adverse_event_dialog import AdverseEventDialog
from msc_desk.ui.follow_up.adverse_event_model import AdverseEventModel, Column
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.follow_up.events_tab import AdverseEventsTab
from msc_desk.ui.infusion.record_dialog import AdministrationDialog
from msc_desk.ui.infusion.tab import InfusionTab

SHOTS = Path(os.environ.get("MSC_SHOTS", "")) if os.environ.get("MSC_SHOTS") else None


@pytest.fixture(scope="module")
def trial(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InfusionTrial]:
    built = make_infusion_trial(tmp_path_factory.mktemp("reaction-ui") / "data")
    built.clock.after_onset(hours=30)
    yield built
    built.doctor.close()


def _shot(widget: QWidget, name: str) -> None:
    if SHOTS is None:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    widget.grab().save(str(SHOTS / f"{name}.png"))


def _tab(qtbot: QtBot, trial: InfusionTrial, day: int) -> InfusionTab:
    infusion_id = prescribe(
        trial.factory, trial.actor, trial.msc_patient, valid(infusion_day=day), trial.clock
    )
    verify_with_credentials(
        trial.factory, trial.data_dir, infusion_id, "petrova", "petrova-password", trial.clock
    )
    tab = InfusionTab(trial.factory, trial.actor, trial.clock, trial.data_dir)
    qtbot.addWidget(tab)
    tab.show_patient(trial.msc_patient, "MSC-01", ONSET)
    tab.show()
    return tab


def _record_with(tab: InfusionTab, day: int, reaction: str) -> AdministrationDialog:
    dialog = tab.open_record()
    assert dialog is not None
    start = ONSET + timedelta(days=day - 1, hours=5)
    dialog.set_instant(dialog.start_edit, start)
    dialog.set_instant(dialog.end_edit, start + timedelta(minutes=30))
    dialog.volume_edit.setText("38")
    dialog.rate_edit.setText("76")
    dialog.reaction_boxes["none"].setChecked(False)
    dialog.reaction_boxes[reaction].setChecked(True)
    dialog.save_button.click()
    assert dialog.result() == AdministrationDialog.DialogCode.Accepted, dialog.message.text()
    return dialog


@pytest.mark.usefixtures("russian")
def test_the_reaction_opens_its_event_prefilled_and_completing_it_saves(
    qtbot: QtBot, trial: InfusionTrial
) -> None:
    tab = _tab(qtbot, trial, day=1)
    changed: list[bool] = []
    tab.adverse_events_changed.connect(lambda: changed.append(True))
    _record_with(tab, 1, "fever")
    dialog = tab.event_dialog
    assert isinstance(dialog, AdverseEventDialog) and dialog.isVisible() and changed
    assert dialog.completing and dialog.completion_note.isVisible()
    assert "Заполните" in dialog.windowTitle() or "заполн" in dialog.windowTitle().lower()
    assert not dialog.reason_edit.isVisible()
    values = dialog.values()
    assert values["ae_term"] == "Лихорадка"
    assert values["ae_relation_to_msc"] == "possible"
    assert values["ae_onset_at"] == ONSET + timedelta(hours=5)
    assert values["ae_serious"] is None and values["ae_grade"] is None
    dialog.adjustSize()
    _shot(dialog, "infreact_ae_prefilled")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and "Степень" in dialog.message.text()
    dialog.editors["ae_grade"].set_value(2)
    dialog.editors["ae_serious"].set_value(False)
    dialog.editors["ae_action"].set_value("infusion_interrupted")
    dialog.editors["ae_outcome"].set_value("recovered")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible(), dialog.message.text()
    rows = list_adverse_events(trial.factory, trial.actor, trial.msc_patient, trial.clock)
    assert [(row.term, row.grade, row.incomplete) for row in rows] == [("Лихорадка", 2, False)]
    assert "заполнены" in tab.message.text()


@pytest.mark.usefixtures("russian")
def test_an_event_left_unfinished_stays_marked_to_be_completed(
    qtbot: QtBot, trial: InfusionTrial, qtmodeltester: Any
) -> None:
    tab = _tab(qtbot, trial, day=2)
    _record_with(tab, 2, "chills")
    dialog = tab.event_dialog
    assert isinstance(dialog, AdverseEventDialog)
    dialog.reject()
    assert "ещё требующие заполнения: 1" in tab.message.text()
    context = FollowUpContext(trial.factory, trial.actor, trial.clock, trial.data_dir)
    events = AdverseEventsTab(context)
    qtbot.addWidget(events)
    events.show_patient(trial.msc_patient, "MSC-01")
    events.resize(1100, 500)
    events.show()
    assert events.incomplete_banner.isVisible()
    assert "требующие заполнения: 1" in events.incomplete_banner.text()
    model = events.model
    assert isinstance(model, AdverseEventModel)
    qtmodeltester.check(model)
    terms = [
        model.data(model.index(row, model.columns.index(Column.TERM)))
        for row in range(model.rowCount())
    ]
    assert "Озноб — требует заполнения" in terms
    row = terms.index("Озноб — требует заполнения")
    serious = model.data(model.index(row, model.columns.index(Column.SERIOUS)))
    assert serious == "—"
    assert model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole) is not None
    _shot(events, "infreact_ae_list")
    # Opened again from the list, it is still a completion, not a correction with a reason.
    events.table.selectRow(row)
    reopened = events.open_selected()
    assert isinstance(reopened, AdverseEventDialog) and reopened.completing
    reopened.reject()
