"""Renders the adverse-event list and the outcome tab at 1366×768, in Russian, to PNG files.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/follow_up_screenshots.py [OUT_DIR]
(default OUT_DIR: /tmp/shots). Not a test: look at the pictures.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from follow_up_trial import RANDOMIZED_AT, follow_up_trial  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshot_helper import compile_translations  # noqa: E402

from msc_desk.services.adverse_events import create_adverse_event  # noqa: E402
from msc_desk.services.outcomes import save_outcome  # noqa: E402
from msc_desk.services.queries import raise_query  # noqa: E402
from msc_desk.ui.i18n import install_translators  # noqa: E402
from msc_desk.ui.locale_input import apply_locale  # noqa: E402
from msc_desk.ui.main_window import MainWindow, WindowContext  # noqa: E402

HOUR = timedelta(hours=1)
MSK = timezone(timedelta(hours=3))
EVENTS = (
    ("Озноб, лихорадка 38,9 °C во время инфузии", 0.5, 2, False, None, "possible",
     "infusion_interrupted", "recovered", 3),
    ("Анафилактический шок", 1, 4, True, "life_threatening", "probable", "infusion_stopped",
     "recovered", 6),
    ("Фебрильная нейтропения", 30, 3, False, None, "unlikely", "treatment", "recovering", None),
    ("Кровоизлияние в головной мозг", 100, 5, True, "death", "not_related", "none", "fatal",
     None),
)  # fmt: skip


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    apply_locale()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        compile_translations(folder)
        install_translators(app, "ru", folder)
        clock = lambda: RANDOMIZED_AT + timedelta(days=40)  # noqa: E731
        with follow_up_trial(folder / "ws", clock) as trial:
            ws = trial.investigator
            for term, hours, grade, serious, why, relation, action, outcome, ended in EVENTS:
                end = None if ended is None else (RANDOMIZED_AT + ended * HOUR).astimezone(MSK)
                values = {
                    "ae_term": term, "ae_onset_at": (RANDOMIZED_AT + hours * HOUR).astimezone(MSK),
                    "ae_end_at": end,
                    "ae_grade": grade, "ae_serious": serious, "ae_serious_reason": why,
                    "ae_relation_to_msc": relation, "ae_action": action, "ae_outcome": outcome,
                }  # fmt: skip
                create_adverse_event(ws.factory, ws.actor, trial.patient_id, values, clock)
            save_outcome(ws.factory, ws.actor, trial.patient_id, {
                "died": True, "died_at": (RANDOMIZED_AT + 105 * HOUR).astimezone(MSK),
                "cause_of_death": "Кровоизлияние в головной мозг на фоне тромбоцитопении",
                "icu_discharged_at": None, "hospital_discharged_at": None,
                "withdrawn": False,
            }, clock=clock)  # fmt: skip
            raise_query(trial.monitor.factory, trial.monitor.actor, trial.patient_id, "outcome",
                        "Уточните время смерти по протоколу вскрытия", field="died_at",
                        clock=clock)  # fmt: skip
            context = WindowContext(trial.data_dir / "msc-desk.db", "ОРИТ №2", "Ноутбук-1", False)
            settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
            window = MainWindow(ws.factory, ws.actor, context, clock, settings=settings)
            window.resize(1366, 768)
            window.show()
            window.patient_list.wait_loaded()
            window.patient_list.select_patient(trial.patient_id)
            window.patient_view.wait_loaded()
            view = window.patient_view
            for page, name in ((1, "adverse_events"), (2, "outcome")):
                view.tabs.setCurrentIndex(page)
                app.processEvents()
                window.grab().save(str(out_dir / f"{name}.png"))
            assert view.events_tab is not None
            view.events_tab.table.selectRow(1)
            dialog = view.events_tab.open_selected()
            assert dialog is not None
            app.processEvents()
            dialog.grab().save(str(out_dir / "adverse_event_dialog.png"))
            dialog.close()
            window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots"))
