"""Reports from the window: the «Отчёты» menu, «Печать ИРК…», built off the GUI thread."""

from __future__ import annotations

import stat
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from pytestqt.qtbot import QtBot
from trial_builder import NOW

from msc_desk.models import Role
from msc_desk.reports.progress import Progress
from msc_desk.services.actor import Actor
from msc_desk.services.permissions import Action, PermissionDenied
from msc_desk.services.reports import print_blank_forms
from msc_desk.services.workspace import OpenWorkspace, sign_in
from msc_desk.ui.main_window import MainWindow, WindowContext
from msc_desk.ui.report_dialog import ReportDialog


@pytest.fixture
def workspace(screened_ward: tuple[Path, str]) -> Iterator[OpenWorkspace]:
    opened = sign_in(screened_ward[0], "doctor", "doctor-pass-1", clock=lambda: NOW)
    yield opened
    opened.close()


def _window(qtbot: QtBot, ws: OpenWorkspace, folder: Path) -> MainWindow:
    context = WindowContext(folder / "msc-desk.db", "ОРИТ №2", "Ноутбук-1", False)
    settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        ws.factory, ws.actor, context, lambda: NOW + timedelta(hours=1), settings=settings
    )
    qtbot.addWidget(window)
    assert window.patient_list.wait_loaded()
    return window


def test_the_report_is_built_off_the_gui_thread_then_previewed_and_saved(
    qtbot: QtBot, tmp_path: Path
) -> None:
    threads: list[threading.Thread] = []
    opened: list[QUrl] = []

    def build(_progress: Progress) -> bytes:
        threads.append(threading.current_thread())
        return b"%PDF-1.4 test"

    dialog = ReportDialog(
        "Сводка", build, "summary.pdf", open_url=lambda url: bool(opened.append(url)) or True
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=10_000)
    assert threads and threads[0] is not threading.main_thread()
    assert dialog.preview_button.isEnabled() and dialog.save_button.isEnabled()

    path = dialog.preview()
    assert path is not None and path.read_bytes() == b"%PDF-1.4 test"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert opened == [QUrl.fromLocalFile(str(path))]
    dialog.save_to(tmp_path / "copy")
    assert (tmp_path / "copy.pdf").read_bytes() == b"%PDF-1.4 test"


def test_a_refused_report_says_why_and_offers_nothing_to_open(qtbot: QtBot) -> None:
    def build(_progress: Progress) -> bytes:
        raise PermissionDenied(Actor(None, "stat", Role.BLINDED_REVIEWER, "d"), Action.EXPORT)

    dialog = ReportDialog("Сводка", build, "summary.pdf", open_url=lambda _url: True)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.builder.isFinished(), timeout=10_000)
    qtbot.waitUntil(lambda: "role" in dialog.status.text())
    assert not dialog.preview_button.isEnabled() and dialog.preview() is None


def test_an_unexpected_failure_does_not_leave_the_dialog_waiting(qtbot: QtBot) -> None:
    def build(_progress: Progress) -> bytes:
        raise RuntimeError("layout failed")

    dialog = ReportDialog("Сводка", build, "summary.pdf", open_url=lambda _url: True)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "could not be printed" in dialog.status.text(), timeout=10_000)


@pytest.mark.usefixtures("russian")
def test_the_bar_counts_the_steps_of_a_real_report_up_to_the_whole(qtbot: QtBot) -> None:
    seen: list[tuple[int, int, str]] = []
    dialog = ReportDialog(
        "Бумажные формы",
        lambda progress: print_blank_forms(lambda: NOW, progress=progress),
        "blank-forms.pdf",
        open_url=lambda _url: True,
    )
    qtbot.addWidget(dialog)
    dialog.builder.progressed.connect(lambda *step: seen.append(step))
    shown: list[tuple[int, int]] = []
    dialog.progress.valueChanged.connect(
        lambda value: shown.append((value, dialog.progress.maximum()))
    )
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=30_000)
    assert dialog.progress.maximum() > 1  # determinate, not a busy indicator
    assert dialog.progress.value() == dialog.progress.maximum()
    fractions = [done / total for done, total, _what in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1
    assert [value / maximum for value, maximum in shown] == sorted(
        value / maximum for value, maximum in shown
    )
    assert any(what.startswith("День ") or "день" in what for _d, _t, what in seen), seen
    assert dialog.status.text().startswith("Отчёт готов")
    assert not dialog.cancel_button.isEnabled()


@pytest.mark.usefixtures("russian")
def test_cancel_stops_the_report_and_keeps_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    reached = threading.Event()

    def build(progress: Progress) -> bytes:
        progress(2, 5, "Визит: день 3")
        reached.set()
        while True:  # a long layout: each step asks again, and the cancel stops it
            progress(3, 5, "Визит: день 7")
            time.sleep(0.01)

    dialog = ReportDialog("ИРК", build, "casebook.pdf", open_url=lambda _url: True)
    qtbot.addWidget(dialog)
    assert dialog.cancel_button.text() == "Отмена"
    qtbot.waitUntil(lambda: "Визит: день" in dialog.status.text(), timeout=10_000)
    assert reached.is_set()
    assert dialog.progress.maximum() == 5 and dialog.progress.value() in (2, 3)
    assert "(шаг " in dialog.status.text()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.builder.isFinished, timeout=10_000)
    qtbot.waitUntil(lambda: "отменено" in dialog.status.text(), timeout=10_000)
    assert dialog.pdf is None and dialog.preview() is None
    assert not dialog.preview_button.isEnabled() and not dialog.save_button.isEnabled()
    dialog.save_to(tmp_path / "casebook.pdf")
    assert list(tmp_path.iterdir()) == []


def test_closing_the_dialog_while_it_builds_cancels_the_build(qtbot: QtBot) -> None:
    def build(progress: Progress) -> bytes:
        while True:
            progress(1, 3, "Скрининг")
            time.sleep(0.01)

    dialog = ReportDialog("ИРК", build, "casebook.pdf", open_url=lambda _url: True)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.progress.maximum() == 3, timeout=10_000)
    dialog.reject()  # returns only once the thread has stopped
    assert dialog.builder.isFinished() and dialog.pdf is None


@pytest.mark.usefixtures("russian")
def test_the_reports_menu_and_the_casebook_button_print_pdfs(
    qtbot: QtBot, workspace: OpenWorkspace, screened_ward: tuple[Path, str], tmp_path: Path
) -> None:
    window = _window(qtbot, workspace, tmp_path)
    menus = [action.text() for action in window.menuBar().actions()]
    assert "&Отчёты" in menus
    assert window.summary_report_action.text() == "Сводка исследования (PDF)…"
    for open_report in (
        window.open_screening_log_report,
        window.open_summary_report,
        window.open_blank_forms_report,
    ):
        dialog = open_report()
        assert isinstance(dialog, ReportDialog)
        qtbot.waitUntil(lambda d=dialog: d.pdf is not None, timeout=30_000)  # type: ignore[misc]
        assert dialog.pdf is not None and dialog.pdf.startswith(b"%PDF")
        dialog.close()

    check = window.open_printout_check()
    assert window.printout_check_action.text() == "Сверить распечатку с журналом аудита…"
    check.head_edit.setText("Журнал аудита: 1 · 0000 0000 0000 0000 стр. 1 из 1")
    assert check.compare_head() is False  # the first entry's hash is not all zeros
    check.close()

    study_id = screened_ward[1]
    window.patient_list.table.selectRow(0)
    assert window.patient_view.wait_loaded()
    tab = window.patient_view.summary_tab
    qtbot.waitUntil(lambda: tab.print_button.isVisible() or not window.isVisible())
    assert tab.print_button.text() == "Печать ИРК…"
    with qtbot.waitSignal(tab.print_requested) as emitted:
        tab.print_button.click()
    assert emitted.args == [study_id]
    dialog = window.open_casebook_report(study_id)
    assert isinstance(dialog, ReportDialog)
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=30_000)
    assert dialog.windowTitle() == f"ИРК пациента {study_id}"
