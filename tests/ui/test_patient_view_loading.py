"""The patient view reads a chosen patient off the GUI thread: loading, stale reads, failures."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from pytestqt.qtbot import QtBot
from trial_builder import NOW

from msc_desk.models import Role
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.patients import list_patients
from msc_desk.ui import main_window
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.main_window import MainWindow, WindowContext
from msc_desk.ui.patient_read import PatientRead, read_patient
from msc_desk.ui.patient_view import PatientView

INVESTIGATOR = Actor(user_id=None, username="ivanov", role=Role.INVESTIGATOR, device="laptop-1")
ADMIN = Actor(user_id=None, username="admin", role=Role.ADMIN, device="laptop-1")


def _clock() -> datetime:
    return NOW


def _ids(factory: SessionFactory) -> dict[str, int]:
    return {row.study_id: row.patient_id for row in list_patients(factory, INVESTIGATOR, NOW)}


@pytest.fixture
def two_threads() -> Iterator[None]:
    """At least two pool threads, so a held read cannot hold up the next one."""
    pool = QThreadPool.globalInstance()
    before = pool.maxThreadCount()
    pool.setMaxThreadCount(max(2, before))
    yield
    pool.waitForDone(30_000)
    pool.setMaxThreadCount(before)


def _view(qtbot: QtBot, factory: SessionFactory, tmp_path: Path) -> PatientView:
    view = PatientView()
    qtbot.addWidget(view)
    view.add_follow_up_tabs(FollowUpContext(factory, INVESTIGATOR, _clock, tmp_path))
    return view


def _reader(
    factory: SessionFactory, patient_id: int, actor: Actor = INVESTIGATOR
) -> Callable[[], PatientRead]:
    return lambda: read_patient(factory, actor, _clock, patient_id, "en")


def test_choosing_a_patient_shows_loading_then_fills_every_tab_from_a_pool_thread(
    qtbot: QtBot,
    trial: SessionFactory,
    settings: QSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[threading.Thread] = []

    def spying(*args: object) -> PatientRead:
        threads.append(threading.current_thread())
        return read_patient(*args)

    monkeypatch.setattr(main_window, "read_patient", spying)
    context = WindowContext(tmp_path / "msc-desk.db", "ОРИТ", "Ноутбук", False)
    window = MainWindow(trial, INVESTIGATOR, context, _clock, settings=settings)
    qtbot.addWidget(window)
    assert window.patient_list.wait_loaded()
    view = window.patient_view
    assert window.patient_list.select_patient(_ids(trial)["MSC-004"])
    # Nothing of the patient yet: the loading line, not a half-filled view.
    assert view.is_loading and not view.loading.isHidden()
    assert view.stack.currentWidget() is view.placeholder and view.summary is None
    assert view.wait_loaded()
    assert view.loading.isHidden() and view.stack.currentWidget() is view.tabs
    assert threads and threads[0] is not threading.main_thread()
    assert view.summary is not None and view.summary.study_id == "MSC-004"
    assert view.summary_tab.fields["status"].text() == "Randomized"
    assert view.visits_tab.model.rowCount() == 7
    assert view.chronology_tab.timeline.timeline() is not None
    assert view.events_tab is not None and view.outcome_tab is not None
    assert view.outcome_tab.record is not None
    assert view.infusion_tab is not None
    assert view.tabs.indexOf(view._infusion_page) >= 0  # an MSC-arm patient
    # The same patient read again (after a save) keeps its tabs in sight meanwhile.
    window.reload()
    assert window.patient_list.wait_loaded()
    assert view.wait_loaded()
    assert view.summary.study_id == "MSC-004"


def test_a_second_choice_made_while_the_first_is_read_wins(
    qtbot: QtBot, trial: SessionFactory, tmp_path: Path, two_threads: None
) -> None:
    ids = _ids(trial)
    view = _view(qtbot, trial, tmp_path)
    release, first_done = threading.Event(), threading.Event()

    def held() -> PatientRead:
        release.wait(30)
        try:
            return read_patient(trial, INVESTIGATOR, _clock, ids["MSC-001"], "en")
        finally:
            first_done.set()

    view.load(ids["MSC-001"], held)
    view.load(ids["MSC-005"], _reader(trial, ids["MSC-005"]))
    qtbot.waitUntil(lambda: view.summary is not None, timeout=30_000)
    assert view.summary is not None and view.summary.study_id == "MSC-005"
    release.set()  # the first read ends now, after the second is shown
    assert first_done.wait(30)
    assert view.wait_loaded()
    qtbot.wait(10)
    assert view.summary.study_id == "MSC-005"
    assert view.summary_tab.fields["status"].text() == "Randomized"  # MSC-001 completed
    assert view.stack.currentWidget() is view.tabs and view.loading.isHidden()


def test_a_read_still_running_when_the_view_is_cleared_is_dropped(
    qtbot: QtBot, trial: SessionFactory, tmp_path: Path
) -> None:
    view = _view(qtbot, trial, tmp_path)
    patient = _ids(trial)["MSC-005"]
    view.load(patient, _reader(trial, patient))
    view.clear("Locked")
    assert view.wait_loaded()
    qtbot.wait(10)
    assert view.summary is None and view.placeholder.text() == "Locked"


def test_a_refused_read_says_why_in_russian(
    qtbot: QtBot, trial: SessionFactory, tmp_path: Path, russian: None
) -> None:
    view = _view(qtbot, trial, tmp_path)
    patient = _ids(trial)["MSC-005"]
    view.load(patient, _reader(trial, patient, ADMIN))  # an administrator reads no clinical data
    assert view.wait_loaded()
    assert view.stack.currentWidget() is view.placeholder and view.loading.isHidden()
    assert view.placeholder.text() == (
        "Не удалось загрузить данные пациента: Ваша роль не позволяет выполнить это действие."
    )


def test_a_failed_read_names_the_error_and_a_gone_patient_asks_for_a_reload(
    qtbot: QtBot, trial: SessionFactory, tmp_path: Path, russian: None
) -> None:
    view = _view(qtbot, trial, tmp_path)

    def broken() -> PatientRead:
        raise sqlite3.OperationalError("database is locked")

    view.load(1, broken)
    assert view.wait_loaded()
    assert view.placeholder.text() == "Не удалось загрузить данные пациента: database is locked"
    with qtbot.waitSignal(view.patient_gone) as gone:
        view.load(9999, _reader(trial, 9999))
    assert gone.args == [9999]
    assert view.summary is None
