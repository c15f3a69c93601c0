"""The adverse-event and outcome tabs, queries and visit signatures, driven as a user would."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from follow_up_trial import RANDOMIZED_AT, FollowUpTrial, follow_up_trial
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from msc_desk.models import Observation
from msc_desk.services.patients import list_patients
from msc_desk.services.queries import list_queries, raise_query
from msc_desk.services.session import read_session
from msc_desk.services.workspace import OpenWorkspace
from msc_desk.ui.follow_up.adverse_event_dialog import AdverseEventDialog
from msc_desk.ui.follow_up.adverse_event_model import SERIOUS_BACKGROUND, Column
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.follow_up.events_tab import AdverseEventsTab
from msc_desk.ui.follow_up.outcome_tab import OutcomeTab
from msc_desk.ui.follow_up.queries_dialog import QueriesDialog
from msc_desk.ui.follow_up.query_dialogs import AnswerQueryDialog, RaiseQueryDialog
from msc_desk.ui.follow_up.visit_signature_dialogs import VisitSignDialog, VisitUnlockDialog
from msc_desk.ui.patient_list_model import Column as ListColumn
from msc_desk.ui.patient_list_model import PatientListModel

STUDY_ID = "MSC-001"


@pytest.fixture
def trial(tmp_path: Path, fixed_clock: Any) -> Iterator[FollowUpTrial]:
    fixed_clock.now = RANDOMIZED_AT + timedelta(days=3)
    with follow_up_trial(tmp_path / "ws", fixed_clock) as built:
        yield built


def _context(ws: OpenWorkspace, trial: FollowUpTrial, clock: Any) -> FollowUpContext:
    return FollowUpContext(ws.factory, ws.actor, clock, trial.data_dir)


def _choose(combo: Any, data: object) -> None:
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(data))


def _type(widget: Any, text: str) -> None:
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text)
    else:
        assert isinstance(widget, QLineEdit)
        widget.setText(text)


def _fill_serious_event(dialog: AdverseEventDialog) -> None:
    editors = dialog.editors
    _type(editors["ae_term"].widget, "Анафилактический шок")
    onset = editors["ae_onset_at"].widget
    onset.set_value(RANDOMIZED_AT + timedelta(hours=1))  # type: ignore[union-attr]
    _type(editors["ae_grade"].widget, "4")
    _choose(editors["ae_serious"].widget, True)
    _choose(editors["ae_serious_reason"].widget, "life_threatening")
    _choose(editors["ae_relation_to_msc"].widget, "probable")
    _choose(editors["ae_action"].widget, "infusion_stopped")
    _choose(editors["ae_outcome"].widget, "recovered")


@pytest.mark.usefixtures("russian")
def test_a_serious_event_is_entered_and_stands_out_for_expedited_reporting(
    qtbot: QtBot, qtmodeltester: ModelTester, trial: FollowUpTrial, fixed_clock: Any
) -> None:
    tab = AdverseEventsTab(_context(trial.nurse, trial, fixed_clock))
    qtbot.addWidget(tab)
    tab.show_patient(trial.patient_id, STUDY_ID)
    assert tab.model.rowCount() == 0 and tab.banner.isHidden()
    dialog = tab.new_event()
    assert isinstance(dialog, AdverseEventDialog)
    assert dialog.serious_banner.isHidden()
    assert not dialog.editors["ae_serious_reason"].widget.isEnabled()
    _fill_serious_event(dialog)
    assert not dialog.serious_banner.isHidden()
    assert "24 часов" in dialog.serious_banner.text()
    _choose(dialog.editors["ae_serious_reason"].widget, None)
    assert not dialog.save()
    assert "критерий серьёзности" in dialog.message.text()
    _choose(dialog.editors["ae_serious_reason"].widget, "life_threatening")
    assert dialog.save()
    qtmodeltester.check(tab.model)
    assert tab.model.rowCount() == 1
    serious = tab.model.index(0, tab.model.columns.index(Column.SERIOUS))
    assert serious.data() == "СНЯ: угроза жизни"
    assert serious.data(Qt.ItemDataRole.BackgroundRole).color() == SERIOUS_BACKGROUND
    assert "24 часов" in serious.data(Qt.ItemDataRole.ToolTipRole)
    assert not tab.banner.isHidden() and "Серьёзных нежелательных явлений: 1" in tab.banner.text()
    onset = tab.model.index(0, tab.model.columns.index(Column.ONSET)).data()
    assert onset == "01.11.2026 10:00"  # as typed, on the Moscow clock (07:00 UTC)


@pytest.mark.usefixtures("russian")
def test_a_blinded_reviewer_has_no_relation_column_and_cannot_add(
    qtbot: QtBot, qtmodeltester: ModelTester, trial: FollowUpTrial, fixed_clock: Any
) -> None:
    nurse_tab = AdverseEventsTab(_context(trial.nurse, trial, fixed_clock))
    qtbot.addWidget(nurse_tab)
    nurse_tab.show_patient(trial.patient_id, STUDY_ID)
    dialog = nurse_tab.new_event()
    assert isinstance(dialog, AdverseEventDialog)
    _fill_serious_event(dialog)
    assert dialog.save()
    tab = AdverseEventsTab(_context(trial.reviewer, trial, fixed_clock))
    qtbot.addWidget(tab)
    tab.show_patient(trial.patient_id, STUDY_ID)
    qtmodeltester.check(tab.model)
    headers = [
        tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.model.columnCount())
    ]
    assert "Связь с МСК" not in headers and "Меры" in headers
    texts = [tab.model.index(0, c).data() for c in range(tab.model.columnCount())]
    assert "вероятна" not in texts and "инфузия прекращена" not in texts and "скрыто" in texts
    assert tab.add_button.isHidden()
    opened = tab.table.model().index(0, 0)
    tab.table.selectRow(opened.row())
    view = tab.open_selected()
    assert isinstance(view, AdverseEventDialog) and "ae_relation_to_msc" not in view.editors


@pytest.mark.usefixtures("russian")
def test_the_outcome_tab_shows_the_day28_status_from_scoring_and_the_flags(
    qtbot: QtBot, trial: FollowUpTrial, fixed_clock: Any
) -> None:
    fixed_clock.now = RANDOMIZED_AT + timedelta(days=40)
    tab = OutcomeTab(_context(trial.investigator, trial, fixed_clock))
    qtbot.addWidget(tab)
    tab.show_patient(trial.patient_id, STUDY_ID)
    assert "Не установлен" in tab.day28_label.text()
    assert "28-е сутки не установлен" in tab.flags_label.text()
    editors = tab.editors
    assert not editors["died_at"].widget.isEnabled()
    _choose(editors["died"].widget, True)
    assert editors["died_at"].widget.isEnabled()
    editors["died_at"].widget.set_value(RANDOMIZED_AT - timedelta(hours=2))  # type: ignore[union-attr]
    _type(editors["cause_of_death"].widget, "Рефрактерный септический шок")
    assert not tab.save()
    assert "раньше рандомизации" in tab.message.text()
    editors["died_at"].widget.set_value(RANDOMIZED_AT + timedelta(days=5))  # type: ignore[union-attr]
    assert tab.save()
    assert tab.day28_label.text() == "Умер до 28-х суток (на 5,0 сут. после рандомизации)."
    assert tab.status_label.text() == "Статус пациента: Умер"
    # The day-2 visit, done before the death on day 5, is not flagged.
    assert tab.flags_label.isHidden()
    assert not tab.reason_edit.isHidden()
    editors["died_at"].widget.set_value(RANDOMIZED_AT + timedelta(days=1))  # type: ignore[union-attr]
    assert not tab.save()
    assert "Причина изменения" in tab.message.text()
    _type(tab.reason_edit, "время смерти уточнено по истории болезни")
    assert tab.save()
    assert "Визит зарегистрирован после даты смерти." in tab.flags_label.text()


@pytest.mark.usefixtures("russian")
def test_sign_a_visit_then_a_correction_is_refused_until_unlocked_with_a_reason(
    qtbot: QtBot, trial: FollowUpTrial, fixed_clock: Any
) -> None:
    monitor, ws = trial.monitor, trial.investigator
    query_id = raise_query(monitor.factory, monitor.actor, trial.patient_id, "visit",
                           "Лактат не совпадает с бланком", visit_id=trial.day0, field="lactate",
                           clock=fixed_clock)  # fmt: skip
    context = _context(ws, trial, fixed_clock)
    sign = VisitSignDialog(context, trial.day0, STUDY_ID, 0)
    qtbot.addWidget(sign)
    sign.password_edit.setText("wrong-password")
    assert not sign.sign()
    assert sign.password_edit.text() == ""
    sign.password_edit.setText(trial.password(ws))
    assert sign.sign() and sign.signature_id is not None

    [query] = list_queries(ws.factory, ws.actor, trial.patient_id)
    answer = AnswerQueryDialog(context, query)
    qtbot.addWidget(answer)
    _type(answer.answer_edit, "Ошибка переноса")
    answer.correct_box.setChecked(True)
    assert answer.value_editor is not None
    _type(answer.value_editor.widget, "2,4")
    answer.reason_edit.setText("ошибка переноса")
    assert not answer.submit()
    assert "подписана и заблокирована" in answer.message.text()

    unlock = VisitUnlockDialog(context, trial.day0, STUDY_ID, 0)
    qtbot.addWidget(unlock)
    assert not unlock.unlock()
    assert unlock.message.text() == "Укажите причину."
    unlock.reason_edit.setText("ответ на запрос монитора")
    assert unlock.unlock()
    assert answer.submit()
    with read_session(ws.factory) as session:
        assert session.get_one(Observation, trial.lactate).value == Decimal("2.4")
    assert query_id == query.query_id


@pytest.mark.usefixtures("russian")
def test_a_query_is_raised_answered_and_closed_with_its_markers(
    qtbot: QtBot, trial: FollowUpTrial, fixed_clock: Any
) -> None:
    monitor_context = _context(trial.monitor, trial, fixed_clock)
    outcome_view = OutcomeTab(_context(trial.nurse, trial, fixed_clock))
    qtbot.addWidget(outcome_view)
    queries = QueriesDialog(monitor_context, trial.patient_id, STUDY_ID, form="outcome")
    qtbot.addWidget(queries)
    assert queries.answer_button.isHidden() and not queries.raise_button.isHidden()
    raised = queries.raise_new()
    assert isinstance(raised, RaiseQueryDialog)
    assert raised.form_combo.currentData() == ("outcome", None, None)
    _choose(raised.field_combo, "last_known_alive_at")
    _type(raised.text_edit, "Нет даты последнего контакта")
    assert raised.submit()
    assert queries.table.rowCount() == 1 and queries.table.item(0, 0).text() == "открыт"

    outcome_view.show_patient(trial.patient_id, STUDY_ID)
    marked = outcome_view.editors["last_known_alive_at"].widget.date_edit  # type: ignore[union-attr]
    assert "d97706" in marked.styleSheet() and "1" in marked.toolTip()
    list_model = PatientListModel()
    list_model.set_rows(list_patients(trial.nurse.factory, trial.nurse.actor, fixed_clock()))
    assert list_model.index(0, ListColumn.QUERIES).data() == "1 откр."

    site = QueriesDialog(_context(trial.nurse, trial, fixed_clock), trial.patient_id, STUDY_ID)
    qtbot.addWidget(site)
    assert site.raise_button.isHidden() and site.close_button.isHidden()
    site.table.selectRow(0)
    answering = site.answer_selected()
    assert isinstance(answering, AnswerQueryDialog)
    _type(answering.answer_edit, "Пациент осмотрен в клинике")
    assert answering.submit()
    assert site.table.item(0, 0).text() == "есть ответ, ждёт монитора"

    queries.reload()
    queries.table.selectRow(0)
    assert queries.close_selected()
    assert queries.table.item(0, 0).text() == "закрыт"
    outcome_view.reload()
    assert outcome_view.editors["last_known_alive_at"].widget.date_edit.styleSheet() == ""  # type: ignore[union-attr]
    list_model.set_rows(list_patients(trial.nurse.factory, trial.nurse.actor, fixed_clock()))
    assert list_model.index(0, ListColumn.QUERIES).data() == ""
