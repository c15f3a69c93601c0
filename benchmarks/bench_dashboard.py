"""Benchmark: the patient list, the trial dashboard and the Kaplan–Meier view on a large demo.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_dashboard.py [N | DEMO_DIR]
N: build a demo of N screened patients first (default 10,000; prints N); DEMO_DIR: use an
existing demo workspace. Goals (ward laptop, 10,000 patients): each shown in under 300 ms,
resident memory under 300 MB, the GUI thread never blocked for more than 100 ms. Each time is
printed against the floor: a bare QTableView over the same rows. Data completeness is counted
once and kept until data is written: "completeness afresh" is the dashboard with the count made
from scratch (it follows the rest of the dashboard, counting on the thread pool).
Kept out of `make test`.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (  # noqa: E402
    QAbstractTableModel,
    QElapsedTimer,
    QModelIndex,
    Qt,
    QThreadPool,
    QTimer,
)
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from msc_desk.services import completeness_cache  # noqa: E402
from msc_desk.services.demo import create_demo_trial  # noqa: E402
from msc_desk.services.patients import PatientRow, list_patients  # noqa: E402
from msc_desk.services.workspace import sign_in  # noqa: E402
from msc_desk.ui.gc_tuning import set_aside_startup_objects  # noqa: E402
from msc_desk.ui.patient_list_model import Column  # noqa: E402
from msc_desk.ui.patient_list_panel import PatientListPanel  # noqa: E402
from msc_desk.ui.trial.dashboard_window import TrialDashboardWindow  # noqa: E402
from msc_desk.ui.trial.outcome_window import TrialOutcomeWindow  # noqa: E402


class _BareModel(QAbstractTableModel):
    def __init__(self, rows: list[PatientRow]) -> None:
        super().__init__()
        self._rows = rows

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 3

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        return (row.study_id, row.status.value, row.study_day)[index.column()]


class _Watchdog:
    """Ticks every 5 ms on the GUI thread; the longest gap is how long the thread was blocked."""

    def __init__(self) -> None:
        self.longest_ms = 0.0
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.longest_ms = 0.0
        self._clock.start()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        self._tick()
        return self.longest_ms

    def _tick(self) -> None:
        self.longest_ms = max(self.longest_ms, float(self._clock.restart()))


def _shown(
    app: QApplication, build: Callable[[], object], ready: Callable[[object], bool]
) -> float:
    """Milliseconds from building a widget to its data painted on screen."""
    started = time.perf_counter()
    widget = build()
    widget.show()  # type: ignore[attr-defined]
    while not ready(widget):
        app.processEvents()
        time.sleep(0.001)  # lets a worker thread have the interpreter
    widget.repaint()  # type: ignore[attr-defined]
    app.processEvents()
    elapsed = (time.perf_counter() - started) * 1000
    widget.close()  # type: ignore[attr-defined]
    # What the window left running (the dashboard's completeness count) ends before the next
    # measurement, which it would otherwise share the interpreter with.
    QThreadPool.globalInstance().waitForDone()
    app.processEvents()
    return elapsed


def _resident_mb() -> float:
    """Resident memory now (Linux), MB; the peak also counts the key derivation at sign-in."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return float("nan")
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _print(results: dict[str, tuple[float, float]]) -> None:
    floor = results["bare QTableView (floor)"][0]
    for name, (elapsed, blocked) in results.items():
        print(  # noqa: T201
            f"{name:26} shown in {elapsed:7.0f} ms ({elapsed / floor:5.1f}× floor), "
            f"GUI thread blocked at most {blocked:5.0f} ms"
        )


def main() -> None:
    argument = sys.argv[1] if len(sys.argv) > 1 else "10000"
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        if Path(argument).is_dir():
            data_dir = Path(argument)
        else:
            data_dir = Path(folder) / "demo"
            started = time.perf_counter()
            create_demo_trial(data_dir, screened=int(argument))
            print(f"demo built in {time.perf_counter() - started:.0f} s")  # noqa: T201
        workspace = sign_in(data_dir, "ivanova", "demo-doctor")
        set_aside_startup_objects()  # as the app does before its event loop
        factory, actor, now = workspace.factory, workspace.actor, datetime.now(UTC)
        rows = list_patients(factory, actor, now)
        print(f"N = {len(rows):,} patients")  # noqa: T201
        watchdog = _Watchdog()

        def bare() -> QTableView:
            view = QTableView()
            view.setModel(_BareModel(list_patients(factory, actor, now)))
            view.resize(1280, 680)
            return view

        def panel() -> PatientListPanel:
            widget = PatientListPanel()
            widget.resize(1280, 680)
            widget.load(lambda: list_patients(factory, actor, now))  # as the main window does
            return widget

        def dashboard() -> TrialDashboardWindow:
            return TrialDashboardWindow(factory, actor, lambda: now, include_demo=True)

        # The GUI side at 10,000 rows whatever the demo's size: its rows repeated, ids renumbered.
        many = [
            replace(row, patient_id=n + 1, study_id=f"{row.study_id}-{n // len(rows)}")
            for n, row in enumerate(rows * (10_000 // len(rows) + 1))
        ][:10_000]

        def bare_many() -> QTableView:
            view = QTableView()
            view.setModel(_BareModel(list(many)))
            view.resize(1280, 680)
            return view

        def panel_many() -> PatientListPanel:
            widget = PatientListPanel()
            widget.resize(1280, 680)
            widget.load(lambda: list(many))
            return widget

        def outcome() -> TrialOutcomeWindow:
            return TrialOutcomeWindow(factory, actor, lambda: now, include_demo=True)

        results = {}
        for name, build, ready in (
            ("bare QTableView (floor)", bare, lambda _w: True),
            ("patient list", panel, lambda w: not w.is_loading),
            ("trial dashboard", dashboard, lambda w: w.dashboard is not None),
            ("dashboard + completeness", dashboard, lambda w: w.completeness_forms is not None),
            ("Kaplan–Meier view", outcome, lambda w: w.view.analysis() is not None),
        ):
            if name == "Kaplan–Meier view":  # the first to load scipy
                before_scipy = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            _shown(app, build, ready)  # type: ignore[arg-type]  # cold: fonts, translations
            watchdog.start()
            elapsed = _shown(app, build, ready)  # type: ignore[arg-type]
            results[name] = (elapsed, watchdog.stop())
        # The completeness is kept until data is written: once more, counted from scratch.
        completeness_cache.forget(factory)
        watchdog.start()
        elapsed = _shown(app, dashboard, lambda w: w.completeness_forms is not None)  # type: ignore[arg-type]
        results["completeness afresh"] = (elapsed, watchdog.stop())
        many_results = {}
        for name, build, ready in (
            ("bare QTableView (floor)", bare_many, lambda _w: True),
            ("patient list (in memory)", panel_many, lambda w: not w.is_loading),
        ):
            _shown(app, build, ready)  # type: ignore[arg-type]
            watchdog.start()
            elapsed = _shown(app, build, ready)  # type: ignore[arg-type]
            many_results[name] = (elapsed, watchdog.stop())
        sorting = PatientListPanel()
        sorting.resize(1280, 680)
        sorting.set_rows(many)
        sorting.show()
        app.processEvents()
        started = time.perf_counter()
        for column in Column:
            sorting.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
            sorting.table.repaint()
        sort_ms = (time.perf_counter() - started) * 1000 / len(Column)
        sorting.close()
        print("times are the second showing (the first loads fonts and caches):")  # noqa: T201
        _print(results)
        print(f"GUI side at {len(many):,} rows (the demo's rows repeated, read from memory):")  # noqa: T201
        _print(many_results)
        print(f"sorting {len(many):,} rows by a column and repainting: {sort_ms:.0f} ms")  # noqa: T201
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(  # noqa: T201
            f"peak resident memory: {before_scipy:.0f} MB with the list and dashboard, "
            f"{rss_mb:.0f} MB once the Kaplan–Meier view loaded scipy; now {_resident_mb():.0f} MB"
        )
        workspace.close()


if __name__ == "__main__":
    main()
