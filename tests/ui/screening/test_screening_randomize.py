"""Saving and randomizing through the wizard: the log, the arm revealed, refusals and retries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from screening_form import fill, go_to
from screening_trial import ScreeningTrial
from sqlalchemy import select

from msc_desk.models import AllocationSlot, Arm, PatientIdentification, PatientStatus
from msc_desk.scoring import eligibility as crit
from msc_desk.services.screening import screening_log
from msc_desk.services.session import read_session
from msc_desk.ui.screening.wizard import PageId, ScreeningWizard

MakeWizard = Callable[..., ScreeningWizard]


def revealed(screening_db: ScreeningTrial) -> list[AllocationSlot]:
    with read_session(screening_db.factory) as session:
        slots = session.scalars(
            select(AllocationSlot)
            .where(AllocationSlot.revealed_at.is_not(None))
            .order_by(AllocationSlot.slot_number)
        ).all()
        session.expunge_all()
    return list(slots)


def test_a_screened_out_patient_is_in_the_screening_log(
    qtbot: QtBot, make_wizard: MakeWizard, screening_db: ScreeningTrial
) -> None:
    wizard = make_wizard()
    fill(wizard, screening_db.clock.now - timedelta(hours=2), anc="1,1", age="76")
    go_to(wizard, PageId.DECISION)
    with qtbot.waitSignal(wizard.patient_saved) as saved_signal:
        wizard.decision_page.save_button.click()
    saved = wizard.screening_actions.saved
    assert saved is not None and saved_signal.args == [saved.patient_id]
    rows = screening_log(screening_db.factory, screening_db.investigator)
    assert [(r.study_id, r.eligible, r.status) for r in rows] == [
        (saved.study_id, False, PatientStatus.SCREEN_FAILED)
    ]
    assert set(rows[0].failed_criteria) == {crit.ANC_GT_1_0, crit.AGE_GT_75}
    assert wizard.patient_page.study_id_label.text() == saved.study_id
    with read_session(screening_db.factory) as session:
        assert session.scalars(select(PatientIdentification)).all() == []
    # Saved: closing asks nothing and loses nothing.
    wizard.confirm_discard = lambda: pytest_fail("asked after saving")
    wizard.reject()
    assert not wizard.isVisible()


def test_an_eligible_patient_is_randomized_and_the_arm_shown_is_the_slot_revealed(
    qtbot: QtBot, make_wizard: MakeWizard, screening_db: ScreeningTrial
) -> None:
    screening_db.import_list(slot_count=4)
    wizard = make_wizard()
    preview = wizard.patient_page.study_id_label.text()
    fill(wizard, screening_db.clock.now - timedelta(hours=3))
    go_to(wizard, PageId.DECISION)
    with (
        qtbot.waitSignal(wizard.patient_saved),
        qtbot.waitSignal(wizard.patient_randomized) as randomized,
    ):
        wizard.next()
    assert wizard.currentId() == PageId.RESULT
    [slot] = revealed(screening_db)
    assert randomized.args == [slot.patient_id]
    assert slot.arm is not None and slot.slot_number == 1
    result_page = wizard.result_page
    assert result_page.arm_label.text() == result_page.arm_text(Arm(slot.arm))
    assert result_page.slot_label.text() == "1"
    assert result_page.study_id_label.text() == preview
    if slot.arm == "msc":
        assert "07:00:00" in result_page.infusion_label.text()
    with read_session(screening_db.factory) as session:
        [identification] = session.scalars(select(PatientIdentification)).all()
        assert identification.full_name == "Иванов Иван Иванович"
    # The rest of the list (2 and 2 arms in it): each wizard shows the slot it revealed.
    shown = {result_page.arm_label.text()}
    for number in (2, 3, 4):
        wizard = make_wizard()
        fill(wizard, screening_db.clock.now - timedelta(hours=3))
        go_to(wizard, PageId.RESULT)
        slot = revealed(screening_db)[-1]
        assert slot.slot_number == number
        assert wizard.result_page.arm_label.text() == wizard.result_page.arm_text(Arm(slot.arm))
        assert wizard.clock.property("clock_state") == "normal"
        shown.add(wizard.result_page.arm_label.text())
    assert shown == {"MSC arm", "Control arm"}


def test_a_failed_randomization_keeps_the_patient_and_can_be_retried(
    qtbot: QtBot, make_wizard: MakeWizard, screening_db: ScreeningTrial
) -> None:
    wizard = make_wizard()
    fill(wizard, screening_db.clock.now - timedelta(hours=3))
    go_to(wizard, PageId.DECISION)
    page = wizard.decision_page
    assert "No unused randomization slots" in page.notice_label.text()
    with qtbot.waitSignal(wizard.patient_saved):
        wizard.next()
    assert wizard.currentId() == PageId.DECISION
    assert "No randomization list" in page.error_label.text()
    saved = wizard.screening_actions.saved
    assert saved is not None and saved.eligible
    [row] = screening_log(screening_db.factory, screening_db.investigator)
    assert (row.patient_id, row.status, row.arm) == (
        saved.patient_id,
        PatientStatus.SCREENING,
        None,
    )
    assert page.can_randomize(), "a retry must be possible"
    screening_db.import_list(slot_count=2)
    with qtbot.waitSignal(wizard.patient_randomized):
        wizard.next()
    assert wizard.currentId() == PageId.RESULT
    [slot] = revealed(screening_db)
    assert slot.patient_id == saved.patient_id
    assert len(screening_log(screening_db.factory, screening_db.investigator)) == 1, (
        "saved once, not twice"
    )


def test_escape_asks_before_discarding(
    make_wizard: MakeWizard, screening_db: ScreeningTrial
) -> None:
    wizard = make_wizard()
    asked: list[bool] = []
    wizard.confirm_discard = lambda: asked.append(True) or False
    wizard.patient_page.full_name_edit.setText("Петров")
    QTest.keyClick(wizard, Qt.Key.Key_Escape)
    assert asked == [True] and wizard.isVisible()
    wizard.confirm_discard = lambda: True
    wizard.reject()
    assert not wizard.isVisible()
    assert screening_log(screening_db.factory, screening_db.investigator) == []


def pytest_fail(message: str) -> bool:
    raise AssertionError(message)


def test_a_name_the_service_refuses_is_named_and_nothing_is_saved(
    make_wizard: MakeWizard, screening_db: ScreeningTrial
) -> None:
    wizard = make_wizard()
    fill(wizard, screening_db.clock.now - timedelta(hours=3), name="Иванов \u202eвонавИ")
    go_to(wizard, PageId.DECISION)
    wizard.decision_page.save_button.click()
    assert wizard.decision_page.error_label.text().startswith(
        "Full name: the text holds a control or invisible character"
    )
    assert wizard.screening_actions.saved is None
    assert screening_log(screening_db.factory) == []
