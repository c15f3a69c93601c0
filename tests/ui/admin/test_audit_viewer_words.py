"""The audit viewer speaks to a Russian monitor: labels, values and Moscow time; arms hidden
from a blinded reviewer; one entry in full; and a picture at 1366×768.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from admin_ward import Ward, ward_fixture  # noqa: F401  (the fixture "ward")
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from msc_desk.models import Observation, PatientIdentification, Role, Visit, VisitStatus
from msc_desk.services.actor import Actor
from msc_desk.services.session import unit_of_work
from msc_desk.ui.audit.audit_dialog import AuditDialog
from msc_desk.ui.audit.audit_model import AuditColumn
from msc_desk.ui.audit.audit_text import detail_text
from msc_desk.ui.audit.identification_dialog import IdentificationTrailDialog
from msc_desk.ui.main_window import MainWindow, WindowContext

MOSCOW_STAMP = re.compile(r"\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d МСК")
REASON = "визит выполнен, ошибочно отмечен запланированным"


def _dialog(qtbot: QtBot, ward: Ward, clock: Any, actor: Actor | None = None) -> AuditDialog:
    ws = ward.investigator
    dialog = AuditDialog(ws.factory, actor or ws.actor, clock)
    qtbot.addWidget(dialog)
    return dialog


def _column(dialog: AuditDialog, column: AuditColumn) -> list[str]:
    model = dialog.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def _correct_a_visit(ward: Ward, clock: Any) -> None:
    ws = ward.investigator
    with unit_of_work(ws.factory, ws.actor, reason=REASON, clock=clock) as session:
        visit = session.scalars(
            select(Visit).where(Visit.patient_id == ward.other, Visit.study_day == 2)
        ).one()
        visit.status = VisitStatus.DONE


def test_the_viewer_shows_russian_labels_values_and_moscow_time(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, russian: None
) -> None:
    _correct_a_visit(ward, fixed_clock)
    dialog = _dialog(qtbot, ward, fixed_clock)
    dialog.set_form("visit", "status")
    assert dialog.form_combo.currentText() == "Визит"
    assert dialog.field_combo.currentText() == "Статус визита"
    assert set(_column(dialog, AuditColumn.FORM)) == {"Визит"}
    assert set(_column(dialog, AuditColumn.FIELD)) == {"Статус визита"}
    changes = _column(dialog, AuditColumn.CHANGE)
    assert "запланирован → выполнен" in changes
    assert set(_column(dialog, AuditColumn.PATIENT)) == {"MSC-001", "MSC-002"}
    update = changes.index("запланирован → выполнен")
    # fixed_clock is 09:00 UTC: 12:00 on the Moscow wall clock.
    assert _column(dialog, AuditColumn.TIME)[update] == "20.11.2026 12:00:00 МСК"
    assert _column(dialog, AuditColumn.ACTION)[update] == "Изменение"
    assert _column(dialog, AuditColumn.REASON)[update] == REASON

    dialog.table.selectRow(update)
    detail = dialog.detail.toPlainText()
    for words in (REASON, "запланирован", "выполнен", "scheduled", "done", "status", "visit"):
        assert words in detail
    assert dialog.model.rows()[update].entry_hash in detail

    dialog.set_form("visit", "patient_id")
    assert set(_column(dialog, AuditColumn.CHANGE)) == {"MSC-001", "MSC-002"}
    dialog.set_form("patient", "is_demo")
    assert set(_column(dialog, AuditColumn.CHANGE)) == {"Нет"}
    dialog.set_form(None)
    assert not dialog.field_combo.isEnabled()
    dialog.set_user("ivanov")
    assert "Вход" in _column(dialog, AuditColumn.ACTION)
    assert "Исследователь" in _column(dialog, AuditColumn.ROLE)


def test_the_viewer_shows_the_chain_head_to_write_down(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, russian: None
) -> None:
    dialog = _dialog(qtbot, ward, fixed_clock)
    head = dialog.head
    assert head is not None and head.count >= dialog.model.rowCount() > 0
    text = dialog.head_label.text()
    assert str(head.count) in text and head.grouped() in text
    assert text.startswith("Контрольная точка журнала")


def test_a_blinded_reviewer_sees_no_arm_in_the_viewer(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, russian: None
) -> None:
    ws = ward.investigator
    reviewer = Actor(None, "statistician", Role.BLINDED_REVIEWER, ws.actor.device, False)
    unblinded = _dialog(qtbot, ward, fixed_clock)
    unblinded.set_form("allocation_slot", "arm")
    assert set(_column(unblinded, AuditColumn.CHANGE)) == {"МСК"}

    dialog = _dialog(qtbot, ward, fixed_clock, reviewer)
    dialog.set_form("allocation_slot", "arm")
    assert dialog.model.rowCount() == 2
    assert set(_column(dialog, AuditColumn.CHANGE)) == {"[скрыто]"}
    dialog.set_form(None)
    cells = _column(dialog, AuditColumn.CHANGE) + _column(dialog, AuditColumn.REASON)
    shown = [MOSCOW_STAMP.sub("", cell) for cell in cells]  # "МСК" is also the time zone
    assert not any(arm in cell for cell in shown for arm in ("МСК", "контроль", "msc", "control"))


def test_the_viewer_fits_a_ward_laptop_screen(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, russian: None, tmp_path: Path
) -> None:
    _correct_a_visit(ward, fixed_clock)
    dialog = _dialog(qtbot, ward, fixed_clock)
    dialog.show()
    dialog.table.selectRow(dialog.model.rowCount() - 1)
    QApplication.processEvents()
    assert dialog.width() <= 1366 and dialog.height() <= 700
    assert dialog.minimumSizeHint().width() <= 1366
    picture = dialog.grab()
    assert picture.save(str(tmp_path / "audit-1366x768.png"))


def _identify(ward: Ward, clock: Any) -> None:
    ws = ward.investigator
    with unit_of_work(ws.factory, ws.actor, clock=clock) as session:
        session.add(
            PatientIdentification(
                patient_id=ward.other, full_name="Сидоров Пётр", medical_record_number="И-77"
            )
        )


def test_identifiers_are_hidden_in_the_viewer_and_kept_in_their_own_trail(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, russian: None, qtmodeltester: Any
) -> None:
    _identify(ward, fixed_clock)
    dialog = _dialog(qtbot, ward, fixed_clock)
    dialog.set_form("patient_identification", "full_name")
    assert _column(dialog, AuditColumn.CHANGE) == ["[скрыто]"]
    assert dialog.identification_button.isVisibleTo(dialog)

    trail = dialog.open_identification_trail()
    qtbot.addWidget(trail)
    model = trail.model
    cells = {model.data(model.index(row, 7)) for row in range(model.rowCount())}
    assert {"Сидоров Пётр", "И-77"} <= cells
    assert model.data(model.index(0, 4)) == "MSC-002"
    qtmodeltester.check(model)


def test_the_identification_trail_is_refused_without_the_right(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, russian: None
) -> None:
    _identify(ward, fixed_clock)
    ws = ward.investigator
    monitor = Actor(None, "monitor", Role.MONITOR, ws.actor.device, False)
    dialog = _dialog(qtbot, ward, fixed_clock, monitor)
    assert not dialog.identification_button.isVisibleTo(dialog)
    trail = IdentificationTrailDialog(ws.factory, monitor, fixed_clock, {})
    qtbot.addWidget(trail)
    assert trail.model.rowCount() == 0
    assert trail.message.text() != ""
    assert "Сидоров" not in trail.message.text()


def test_a_visit_value_is_named_by_the_catalogue(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, russian: None
) -> None:
    ws = ward.investigator
    with unit_of_work(ws.factory, ws.actor, clock=fixed_clock) as session:
        visit = session.scalars(select(Visit).where(Visit.patient_id == ward.signable)).first()
        assert visit is not None
        session.add(Observation(visit_id=visit.id, code="creatinine", value=Decimal("132.6"),
                                unit="мкмоль/л"))  # fmt: skip
    dialog = _dialog(qtbot, ward, fixed_clock)
    dialog.set_form("observation", "code")
    assert _column(dialog, AuditColumn.CHANGE) == ["Креатинин"]
    dialog.set_form("observation", "value")
    assert _column(dialog, AuditColumn.CHANGE) == ["132,6"]


def test_event_details_read_in_words(russian: None) -> None:
    assert detail_text("randomize", "slot 3: msc") == "номер 3: МСК"
    assert detail_text("randomize", "slot 4: control") == "номер 4: контроль"
    assert detail_text("import_allocation", "list ab12: slots 1-40") == "список ab12: номера 1–40"
    assert detail_text("sign_failed", "wrong password") == "неверный пароль"
    assert detail_text("permission_denied", "view_identification") == (
        "просмотр идентификационных данных пациента"
    )
    assert detail_text("permission_denied", "no_such_right") == "no_such_right"
    assert detail_text("randomize", "[скрыто]") == "[скрыто]"
    assert detail_text("login", None) == ""


def _all_cells(model: Any) -> set[str]:
    return {
        str(model.data(model.index(row, column)))
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    }


def test_a_blinded_reviewer_sees_no_arm_in_the_patient_list_or_summary(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, settings: QSettings, russian: None
) -> None:
    ws = ward.investigator
    context = WindowContext(ws.db_path, ws.site_name, ws.device_name, ws.is_demo)
    seen = {}
    for actor in (ws.actor, Actor(None, "stat", Role.BLINDED_REVIEWER, ws.actor.device, False)):
        window = MainWindow(ws.factory, actor, context, fixed_clock, settings=settings)
        qtbot.addWidget(window)
        assert window.patient_list.wait_loaded()
        assert window.patient_list.select_patient(ward.signable)
        assert window.patient_view.wait_loaded()
        seen[actor.role] = (
            _all_cells(window.patient_list.model),
            window.patient_view.summary_tab.fields["arm"].text(),
        )
    assert "МСК" in seen[Role.INVESTIGATOR][0] and seen[Role.INVESTIGATOR][1] == "МСК"
    cells, arm = seen[Role.BLINDED_REVIEWER]
    assert "МСК" not in cells and "Контроль" not in cells and arm not in ("МСК", "Контроль")
