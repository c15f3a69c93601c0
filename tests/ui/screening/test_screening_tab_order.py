"""Keyboard only: each page opens on its first choice, Tab from the last field reaches «Next»,
and a required answer left empty is caught under its own field on its own page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from pytestqt.qtbot import QtBot

from msc_desk.ui.screening.wizard import PageId, ScreeningWizard

MakeWizard = Callable[..., ScreeningWizard]
INPUT_PAGES = (PageId.PATIENT, PageId.ONSET, PageId.NEUTROPHILS, PageId.AGE,
               PageId.EXCLUSIONS, PageId.CONSENT)  # fmt: skip


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifier)


def tab_to_next_button(wizard: ScreeningWizard) -> list[QWidget]:
    """Press Tab until the focus leaves the page; the widgets passed on the way."""
    page = wizard.currentPage()
    passed = []
    for _ in range(40):
        widget = focused()
        if not page.isAncestorOf(widget):
            return passed
        passed.append(widget)
        press(Qt.Key.Key_Tab)
    raise AssertionError("Tab never leaves the page")


def test_tab_from_the_last_field_of_every_page_goes_to_next(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.patient_page.full_name_edit)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    for page_id in INPUT_PAGES:
        assert wizard.currentId() == page_id
        page = wizard.currentPage()
        assert focused() is page.first_field(), f"{page_id.name} opens elsewhere"
        tab_to_next_button(wizard)
        assert focused() is next_button, f"{page_id.name}: Tab went to {focused()!r}"
        press(Qt.Key.Key_Space)  # an empty page: Next shows what is missing and stays
        if wizard.currentId() == page_id:
            assert page.missing(), f"{page_id.name} refused Next for no visible reason"
            assert page.isAncestorOf(focused())  # the focus went to the first empty field
            press(Qt.Key.Key_Return)  # Next again: go on without it
        assert wizard.currentId() == page_id + 1, f"{page_id.name} does not let go"


def test_an_empty_required_field_is_caught_on_its_own_page_under_that_field(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.patient_page.full_name_edit)
    patient = wizard.patient_page
    press(Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.PATIENT
    assert patient.full_name_feedback.isVisibleTo(wizard)
    assert "full name" in patient.full_name_feedback.text()
    assert "record number" in patient.record_feedback.text()
    assert focused() is patient.full_name_edit
    QTest.keyClicks(focused(), "Petrov")
    assert patient.full_name_feedback.isHidden()  # answered: its message goes
    assert not patient.record_feedback.isHidden()
    press(Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "A-1")
    press(Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.ONSET
    press(Qt.Key.Key_Return)  # no onset: caught here, not on the decision page
    assert wizard.currentId() == PageId.ONSET
    assert "shock onset" in wizard.onset_page.onset_feedback.text()


def test_each_neutrophil_field_has_its_message_under_it(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard()
    wizard.activateWindow()
    page = wizard.neutrophils_page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.patient_page.full_name_edit)
    QTest.keyClicks(focused(), "Petrov")
    press(Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "A-1")
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_Return)  # no onset: said under the field, and a second Enter goes on
    press(Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.NEUTROPHILS
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.anc_edit)
    press(Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "2.4")  # WBC above 1.0, no differential
    press(Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.NEUTROPHILS
    assert "segmented" in page.segmented_feedback.text()
    assert "band" in page.band_feedback.text()
    assert page.anc_feedback.isHidden() and page.wbc_feedback.isHidden()
    assert focused() is page.segmented_edit
    below_segmented = page.segmented_feedback.mapTo(page, page.segmented_feedback.rect().topLeft())
    band_field = page.band_edit.mapTo(page, page.band_edit.rect().topLeft())
    assert below_segmented.y() < band_field.y()  # the message sits between its field and the next
