"""Renders the chronology, dashboard, outcome window and patient list in Russian at 1366×768.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/dashboard_screenshots.py DEMO_DIR [OUT]
DEMO_DIR: a demo workspace (`msc-desk demo --data-dir DEMO_DIR --patients 60`); OUT defaults to
/tmp/dashboard_shots. Not a test: look at the pictures.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from sqlalchemy import select  # noqa: E402

from msc_desk.models import AllocationSlot, Arm  # noqa: E402
from msc_desk.services.patient_timeline import patient_timeline  # noqa: E402
from msc_desk.services.patient_trends import patient_trends  # noqa: E402
from msc_desk.services.session import read_session  # noqa: E402
from msc_desk.services.workspace import sign_in  # noqa: E402
from msc_desk.ui.chronology_tab import ChronologyTab  # noqa: E402
from msc_desk.ui.i18n import install_translators  # noqa: E402
from msc_desk.ui.locale_input import apply_locale  # noqa: E402
from msc_desk.ui.main_window import MainWindow, WindowContext  # noqa: E402
from msc_desk.ui.trial.dashboard_window import TrialDashboardWindow  # noqa: E402
from msc_desk.ui.trial.outcome_window import TrialOutcomeWindow  # noqa: E402

SCREEN = QSize(1366, 700)


def _settle(app: QApplication, widget: QWidget, reader: object | None = None) -> None:
    widget.resize(SCREEN)
    widget.show()
    for _ in range(3):  # a read may start another when it is shown (the completeness)
        if reader is not None:
            reader.wait()  # type: ignore[attr-defined]
        for _ in range(20):
            app.processEvents()


def main() -> None:
    demo, out = (
        Path(sys.argv[1]),
        Path(sys.argv[2] if len(sys.argv) > 2 else "/tmp/dashboard_shots"),
    )
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    apply_locale()
    install_translators(app, "ru")
    workspace = sign_in(demo, "ivanova", "demo-doctor")
    factory, actor, now = workspace.factory, workspace.actor, datetime.now(UTC)
    with read_session(factory) as session:
        patient_id = session.scalar(
            select(AllocationSlot.patient_id)
            .where(AllocationSlot.arm == Arm.MSC, AllocationSlot.revealed_at.is_not(None))
            .order_by(AllocationSlot.revealed_at)
        )
    assert patient_id is not None
    tab = ChronologyTab()
    tab.show_patient(
        patient_id,
        patient_timeline(factory, actor, patient_id, now),
        patient_trends(factory, actor, patient_id),
    )
    _settle(app, tab)
    tab.timeline.show_all()
    tab.grab().save(str(out / "chronology_full_course.png"))
    tab.show_first_night()
    tab.grab().save(str(out / "chronology_first_night.png"))
    tab.trends.grab().save(str(out / "trends.png"))

    dashboard = TrialDashboardWindow(factory, actor, lambda: now, include_demo=True)
    _settle(app, dashboard, dashboard.reader)
    dashboard.grab().save(str(out / "dashboard.png"))
    dashboard.tabs.setCurrentIndex(3)
    dashboard.grab().save(str(out / "dashboard_completeness.png"))
    outcome = TrialOutcomeWindow(factory, actor, lambda: now, include_demo=True)
    _settle(app, outcome, outcome.reader)
    outcome.grab().save(str(out / "outcome.png"))
    outcome.save_png(out / "outcome_report.png")

    context = WindowContext(workspace.db_path, "ОРИТ", "Ноутбук-1", True)
    window = MainWindow(factory, actor, context, lambda: now)
    window.resize(1366, 768)
    window.show()
    window.patient_list.wait_loaded()
    _settle(app, window)
    window.resize(1366, 768)
    window.grab().save(str(out / "patient_list.png"))
    window.close()
    workspace.close()
    print(f"screenshots in {out}")  # noqa: T201


if __name__ == "__main__":
    main()
