"""The whole wizard with the keyboard only: typing, Tab, Space, arrows and Enter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard
from pytestqt.qtbot import QtBot
from screening_form import fill, go_to
from screening_trial import ScreeningTrial

from msc_desk.models import Sex
from msc_desk.scoring import eligibility as crit
from msc_desk.services.screening import screening_log
from msc_desk.ui.screening.wizard import PageId, ScreeningWizard

MakeWizard = Callable[..., ScreeningWizard]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_text(text: str) -> None:
    """Type like a keyboard does (QTest.keyClicks cannot type Cyrillic)."""
    for char in text:
        widget = focused()
        key = ord(char.upper()) if char.isascii() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            )


def press(key: Qt.Key) -> None:
    QTest.keyClick(focused(), key)


def enter(wizard: ScreeningWizard, expected: PageId) -> None:
    """Press Enter and check that the next page opened with its first field focused."""
    press(Qt.Key.Key_Return)
    assert wizard.currentId() == expected
    page = wizard.currentPage()
    first = getattr(page, "first_field", None)
    if first is not None:
        assert wizard.focusWidget() is first(), f"focus on page {expected.name}"


def accept_question_box() -> None:
    """Press Enter in the confirmation that is about to open (it runs its own event loop)."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        QTest.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


# The offscreen platform warns when the question box is shown; a real desktop does not.
def test_the_whole_wizard_by_keyboard(
    qtbot: QtBot, make_wizard: MakeWizard, screening_db: ScreeningTrial
) -> None:
    screening_db.import_list(slot_count=2)  # fixed clock: 20.11.2026 12:00 in Moscow
    wizard = make_wizard()
    del wizard.decision_page.confirm  # the real question box, answered with Enter
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.patient_page.full_name_edit)

    type_text("Сидоров Пётр Ильич")
    press(Qt.Key.Key_Tab)
    type_text("И-77")
    enter(wizard, PageId.ONSET)

    type_text("20112026")
    press(Qt.Key.Key_Tab)
    type_text("0830")
    enter(wizard, PageId.NEUTROPHILS)
    assert wizard.clock.since_value.text() == "03:30:00"

    press(Qt.Key.Key_Tab)  # past the ANC, to the WBC and its differential
    type_text("1,6")
    press(Qt.Key.Key_Tab)
    type_text("30")
    press(Qt.Key.Key_Tab)
    type_text("6,5")
    assert wizard.neutrophils_page.collect()["wbc_10e9_per_l"] is not None
    enter(wizard, PageId.AGE)

    type_text("58")
    press(Qt.Key.Key_Tab)  # date of birth: left empty
    press(Qt.Key.Key_Tab)  # the sex: male is the first answer
    press(Qt.Key.Key_Space)
    assert wizard.age_page.sex() is Sex.MALE
    enter(wizard, PageId.EXCLUSIONS)

    assert wizard.exclusions_page.pregnancy_group.isHidden()
    press(Qt.Key.Key_Right)  # from "yes" to "no"
    press(Qt.Key.Key_Space)
    enter(wizard, PageId.CONSENT)

    press(Qt.Key.Key_Space)  # signed: yes
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Space)  # by the patient
    press(Qt.Key.Key_Tab)  # the representative's name is disabled: straight to the date
    type_text("20112026")
    press(Qt.Key.Key_Tab)
    type_text("1115")
    enter(wizard, PageId.DECISION)

    assert wizard.decision_page.can_randomize(), wizard.decision_page.notice_label.text()
    accept_question_box()
    with qtbot.waitSignal(wizard.patient_randomized):
        enter(wizard, PageId.RESULT)

    given = wizard.screening_input()
    assert given.wbc_10e9_per_l is not None and given.neutrophils_band_percent is not None
    assert (given.age_years, given.sex, given.consent_signed) == (58, Sex.MALE, True)
    wizard.activateWindow()  # the window manager's part once the question box has closed
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.result_page.first_field())
    with qtbot.waitSignal(wizard.finished):
        press(Qt.Key.Key_Return)
    assert wizard.result() == ScreeningWizard.DialogCode.Accepted


def test_screening_out_by_keyboard(
    qtbot: QtBot, make_wizard: MakeWizard, screening_db: ScreeningTrial
) -> None:
    wizard = make_wizard()
    wizard.activateWindow()
    fill(wizard, screening_db.clock.now - timedelta(hours=2), anc="1,4")
    go_to(wizard, PageId.DECISION)
    save_button = wizard.decision_page.save_button
    qtbot.waitUntil(lambda: QApplication.focusWidget() is save_button)
    with qtbot.waitSignal(wizard.patient_saved):
        press(Qt.Key.Key_Return)
    [row] = screening_log(screening_db.factory, screening_db.investigator)
    assert row.failed_criteria == (crit.ANC_GT_1_0,)
    close = wizard.button(QWizard.WizardButton.CancelButton)
    assert focused() is close and close.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isVisible()
    wizard.confirm_discard = lambda: pytest.fail("nothing to discard")
    with qtbot.waitSignal(wizard.finished):
        press(Qt.Key.Key_Return)
