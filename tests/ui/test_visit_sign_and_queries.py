"""The visit form signed and locked, unlocked with a reason, and queried field by field."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from follow_up_trial import RANDOMIZED_AT, FollowUpTrial, follow_up_trial
from PySide6.QtWidgets import QLineEdit, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from msc_desk.models import AuditEntry, Observation, Signature, Visit
from msc_desk.security.form_locks import FormLocked
from msc_desk.services.patients import patient_summary
from msc_desk.services.queries import answer_query, raise_query
from msc_desk.services.session import read_session
from msc_desk.services.visit_drafts import save_draft
from msc_desk.services.visit_entries import Entry
from msc_desk.services.workspace import OpenWorkspace
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.follow_up.events_tab import AdverseEventsTab
from msc_desk.ui.follow_up.queries_dialog import QueriesDialog
from msc_desk.ui.follow_up.query_dialogs import AnswerQueryDialog, RaiseQueryDialog
from msc_desk.ui.follow_up.visit_signature_dialogs import VisitSignDialog, VisitUnlockDialog
from msc_desk.ui.signature_dialog import SignatureDialog
from msc_desk.ui.visit_schedule_model import VisitColumn, VisitScheduleModel
from msc_desk.ui.visits.form_queries import MARKED_LABEL
from msc_desk.ui.visits.visit_dialog import VisitFormDialog

STUDY_ID = "MSC-001"


@pytest.fixture
def trial(tmp_path: Path, fixed_clock: Any) -> Iterator[FollowUpTrial]:
    fixed_clock.now = RANDOMIZED_AT + timedelta(days=3)
    with follow_up_trial(tmp_path / "ws", fixed_clock) as built:
        yield built


def _form(
    qtbot: QtBot, ws: OpenWorkspace, trial: FollowUpTrial, clock: Any, day: int = 0
) -> VisitFormDialog:
    dialog = VisitFormDialog(
        ws.factory, ws.actor, clock, trial.patient_id, STUDY_ID, day, data_dir=trial.data_dir
    )
    qtbot.addWidget(dialog)
    return dialog


def _correct_lactate(ws: OpenWorkspace, trial: FollowUpTrial, clock: Any, value: str) -> None:
    """A correction through the query service, as a site answering a monitor does."""
    monitor = trial.monitor
    query = raise_query(monitor.factory, monitor.actor, trial.patient_id, "visit", "Лактат?",
                        visit_id=trial.day0, field="lactate", clock=clock)  # fmt: skip
    answer_query(ws.factory, ws.actor, query, "исправлено", correction=value,
                 reason="ошибка переноса", clock=clock)  # fmt: skip


def _visits(ws: OpenWorkspace, trial: FollowUpTrial, clock: Any) -> Any:
    return patient_summary(ws.factory, ws.actor, trial.patient_id, clock()).visits


def _action(menu: QMenu, starts: str) -> Any:
    found = [action for action in menu.actions() if action.text().startswith(starts)]
    assert found, [action.text() for action in menu.actions()]
    return found[0]


def _has(menu: QMenu, starts: str) -> bool:
    return any(action.text().startswith(starts) for action in menu.actions())


def _field_open(form: VisitFormDialog, name: str) -> bool:
    row = form.rows[name]
    return all(widget.isEnabled() for widget in row.focus_widgets()[:1])


@pytest.mark.usefixtures("russian")
def test_a_signed_form_is_read_only_until_unlocked_with_a_reason(
    qtbot: QtBot, trial: FollowUpTrial, fixed_clock: Any
) -> None:
    ws = trial.investigator
    form = _form(qtbot, ws, trial, fixed_clock)
    sign_button, unlock_button = form.signature.sign_button, form.signature.unlock_button
    assert not sign_button.isHidden() and sign_button.isEnabled()
    assert not unlock_button.isEnabled() and form.signature.banner.isHidden()
    assert form.save_button.isEnabled() and _field_open(form, "lactate")

    signing = form.signature.open_sign()
    assert isinstance(signing, VisitSignDialog)
    signing.password_edit.setText(trial.password(ws))
    assert signing.sign()
    banner = form.signature.banner.text()
    assert not form.signature.banner.isHidden()
    assert "Подписано: Ivanov" in banner and "Форма заблокирована" in banner
    assert not form.save_button.isEnabled() and not form.complete_button.isEnabled()
    assert not _field_open(form, "lactate") and not sign_button.isEnabled()
    assert unlock_button.isEnabled()
    schedule = VisitScheduleModel()
    schedule.set_lines(
        patient_summary(ws.factory, ws.actor, trial.patient_id, fixed_clock()).visits
    )
    assert schedule.index(0, VisitColumn.STATE).data().endswith(", подписан")
    assert not schedule.index(1, VisitColumn.STATE).data().endswith(", подписан")

    # The services refuse the edit too, not only the widget.
    with pytest.raises(FormLocked):
        _correct_lactate(ws, trial, fixed_clock, "2.9")
    # A draft left from before the signature never shows over the signed values.
    save_draft(ws.factory, ws.actor, trial.patient_id, 0, {"lactate": Entry("9,9")}, fixed_clock)
    reopened = _form(qtbot, ws, trial, fixed_clock)
    shown = reopened.rows["lactate"].value_widget
    assert isinstance(shown, QLineEdit) and shown.text() == "3,4"
    assert not reopened.save_button.isEnabled() and not _field_open(reopened, "lactate")
    assert not [name for name, row in reopened.rows.items() if _field_open(reopened, name)]
    assert "Ivanov" in reopened.signature.banner.text()

    unlocking = form.signature.open_unlock()
    assert isinstance(unlocking, VisitUnlockDialog)
    assert not unlocking.unlock()
    assert unlocking.message.text() == "Укажите причину."
    unlocking.reason_edit.setText("ошибка переноса лактата из бланка")
    assert unlocking.unlock()
    assert form.signature.banner.isHidden() and form.save_button.isEnabled()
    assert _field_open(form, "lactate") and sign_button.isEnabled()
    schedule.set_lines(
        patient_summary(ws.factory, ws.actor, trial.patient_id, fixed_clock()).visits
    )
    assert not schedule.index(0, VisitColumn.STATE).data().endswith(", подписан")
    with read_session(ws.factory) as session:
        [signature] = session.scalars(select(Signature)).all()
        assert signature.voided_at is not None
        assert signature.void_reason == "ошибка переноса лактата из бланка"
        unlock = session.scalars(select(AuditEntry).where(AuditEntry.action == "unlock")).one()
        assert unlock.reason == "ошибка переноса лактата из бланка"
        assert unlock.record_id == str(trial.day0)

    _correct_lactate(ws, trial, fixed_clock, "2.9")
    with read_session(ws.factory) as session:
        assert session.get_one(Observation, trial.lactate).value == Decimal("2.9")


@pytest.mark.usefixtures("russian")
def test_signing_is_offered_only_for_a_recorded_form_and_to_an_investigator(
    qtbot: QtBot, trial: FollowUpTrial, fixed_clock: Any
) -> None:
    unsaved = _form(qtbot, trial.investigator, trial, fixed_clock, day=3)
    assert not unsaved.signature.sign_button.isEnabled()
    assert "Сначала сохраните" in unsaved.signature.sign_button.toolTip()
    typed = _form(qtbot, trial.investigator, trial, fixed_clock)
    lactate = typed.rows["lactate"].value_widget
    assert isinstance(lactate, QLineEdit)
    lactate.setText("2,9")
    assert typed.signature.open_sign() is None
    assert "несохранённые изменения" in typed.signature.banner.text()
    nurse = _form(qtbot, trial.nurse, trial, fixed_clock)
    assert nurse.signature.sign_button.isHidden() and nurse.signature.unlock_button.isHidden()
    monitor = _form(qtbot, trial.monitor, trial, fixed_clock)
    assert monitor.signature.sign_button.isHidden()
    assert not monitor.save_button.isEnabled()


@pytest.mark.usefixtures("russian")
def test_a_query_on_a_field_is_raised_answered_and_closed_from_the_form(
    qtbot: QtBot, trial: FollowUpTrial, fixed_clock: Any
) -> None:
    monitor = _form(qtbot, trial.monitor, trial, fixed_clock)
    label = monitor.rows["lactate"].label
    plain = label.text()
    assert label.styleSheet() == "" and monitor.queries.list_button.text() == "Запросы…"
    menu = monitor.queries.field_menu("lactate")
    _action(menu, "Задать запрос по полю").trigger()
    raising = monitor.queries.child
    assert isinstance(raising, RaiseQueryDialog)
    assert raising.field_combo.currentData() == "lactate"
    raising.text_edit.setPlainText("Лактат 3,4 не совпадает с бланком газов крови")
    assert raising.submit()
    assert label.styleSheet() == MARKED_LABEL and label.text() != plain
    assert "не совпадает с бланком" in label.toolTip()
    assert "1" in monitor.queries.list_button.text()
    assert not _has(monitor.queries.field_menu("lactate"), "Закрыть запрос")

    nurse = _form(qtbot, trial.nurse, trial, fixed_clock)
    nurse_label = nurse.rows["lactate"].label
    assert nurse_label.styleSheet() == MARKED_LABEL
    assert not _has(nurse.queries.field_menu("lactate"), "Задать запрос")
    _action(nurse.queries.field_menu("lactate"), "Ответить на запрос").trigger()
    answering = nurse.queries.child
    assert isinstance(answering, AnswerQueryDialog)
    answering.answer_edit.setPlainText("Ошибка переноса, по бланку 2,4")
    answering.correct_box.setChecked(True)
    assert answering.value_editor is not None
    answering.value_editor.widget.setText("2,4")  # type: ignore[union-attr]
    answering.reason_edit.setText("ошибка переноса из бланка")
    assert answering.submit(), answering.message.text()
    value = nurse.rows["lactate"].value_widget
    assert isinstance(value, QLineEdit) and value.text() == "2,4"
    assert nurse_label.styleSheet() == MARKED_LABEL  # answered, not closed yet
    assert "ждёт монитора" in nurse_label.toolTip()

    monitor.queries.reload()
    _action(monitor.queries.field_menu("lactate"), "Закрыть запрос").trigger()
    assert label.styleSheet() == "" and label.text() == plain and label.toolTip() == ""
    nurse.queries.reload()
    assert nurse_label.styleSheet() == ""


@pytest.mark.usefixtures("russian")
def test_a_query_on_the_whole_form_shows_above_the_fields(
    qtbot: QtBot, trial: FollowUpTrial, fixed_clock: Any
) -> None:
    monitor = _form(qtbot, trial.monitor, trial, fixed_clock, day=2)
    assert not monitor.queries.raise_button.isHidden()
    monitor.queries.raise_button.click()
    raising = monitor.queries.child
    assert isinstance(raising, RaiseQueryDialog)
    assert raising.field_combo.currentData() is None
    assert raising.form_combo.currentData() == ("visit", trial.day2, None)
    raising.text_edit.setPlainText("Визит проведён вне окна: подтвердите дату")
    assert raising.submit()
    assert not monitor.queries.form_note.isHidden()
    assert "подтвердите дату" in monitor.queries.form_note.text()
    listing = monitor.queries.open_list()
    assert isinstance(listing, QueriesDialog) and listing.table.rowCount() == 1
    investigator = _form(qtbot, trial.investigator, trial, fixed_clock, day=2)
    assert investigator.queries.raise_button.isHidden()
    assert "подтвердите дату" in investigator.queries.form_note.text()


@pytest.mark.usefixtures("russian")
def test_the_casebook_signature_locks_every_visit_form(
    qtbot: QtBot, trial: FollowUpTrial, fixed_clock: Any
) -> None:
    ws = trial.investigator
    casebook = SignatureDialog(ws.factory, ws.actor, trial.data_dir, fixed_clock,
                               trial.patient_id, STUDY_ID)  # fmt: skip
    qtbot.addWidget(casebook)
    casebook.password_edit.setText(trial.password(ws))
    assert casebook.sign(), casebook.message.text()
    events = AdverseEventsTab(FollowUpContext(ws.factory, ws.actor, fixed_clock, trial.data_dir))
    qtbot.addWidget(events)
    events.show_patient(trial.patient_id, STUDY_ID)
    assert not events.add_button.isEnabled() and "ИРК подписана" in events.lock_label.text()
    form = _form(qtbot, ws, trial, fixed_clock, day=2)
    assert "в составе ИРК" in form.signature.banner.text()
    assert not form.save_button.isEnabled() and form.signature.unlock_button.isEnabled()

    unlocking = form.signature.open_unlock()
    assert isinstance(unlocking, VisitUnlockDialog)
    unlocking.reason_edit.setText("поздняя запись о переводе")
    assert unlocking.unlock()
    assert form.save_button.isEnabled()
    with read_session(ws.factory) as session:
        [signature] = session.scalars(select(Signature)).all()
        assert signature.visit_id is None and signature.voided_at is not None
        assert not any(session.scalars(select(Visit.locked)))
    events.reload()
    assert events.add_button.isEnabled() and events.lock_label.isHidden()
