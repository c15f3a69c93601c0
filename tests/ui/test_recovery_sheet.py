"""The recovery code is copied and printed: the sheet holds the code, site, date and its keeper."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from msc_desk.ui.first_run import RecoveryCodeDialog
from msc_desk.ui.recovery_sheet import write_pdf

CODE = "K7QX-2M9D-PL4T-8RWB-C3NZ-H6FV-JY5E-A2GU"
CREATED = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)  # 21.11.2026 00:30 in Moscow


def _dialog(qtbot: QtBot) -> RecoveryCodeDialog:
    dialog = RecoveryCodeDialog(CODE, site_name="ОРИТ №2, НМИЦ гематологии", created_at=CREATED)
    qtbot.addWidget(dialog)
    return dialog


def test_the_sheet_has_the_code_the_site_the_moscow_date_and_the_keeper(qtbot: QtBot) -> None:
    text = _dialog(qtbot).sheet().toPlainText()
    assert CODE in text
    assert "ОРИТ №2, НМИЦ гематологии" in text
    assert "21.11.2026 00:30 MSK" in text
    assert "principal investigator" in text and "envelope" in text


def test_the_sheet_prints_to_a_pdf_file(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "recovery.pdf"
    write_pdf(_dialog(qtbot).sheet(), out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000


def test_copy_puts_the_code_on_the_clipboard_and_says_to_clear_it(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == CODE
    assert "clipboard" in dialog.copy_note.text()
    assert not dialog.ok_button.isEnabled()  # copying is not confirming
