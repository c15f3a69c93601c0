"""Renders a baseline visit form and a day-7 form with SOFA at 1366×768 in Russian, to PNG files.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/visits/visit_screenshots.py [OUT_DIR]
(default OUT_DIR: /tmp/shots). Not a test: look at the pictures.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ui
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests: seeding, visit_trial

from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshot_helper import compile_translations  # noqa: E402
from visit_trial import RANDOMIZED_AT, build_trial, typical_entries  # noqa: E402

from msc_desk.models.database import DATABASE_FILENAME, create_database_engine  # noqa: E402
from msc_desk.models.migrate import prepare_database  # noqa: E402
from msc_desk.services.visit_entries import Entry  # noqa: E402
from msc_desk.services.visit_forms import save_visit  # noqa: E402
from msc_desk.ui.i18n import install_translators  # noqa: E402
from msc_desk.ui.visits.visit_dialog import VisitFormDialog  # noqa: E402

NOW = RANDOMIZED_AT.replace(day=8, hour=10)  # study day 7
SIZE = (1366, 700)  # 768 less the title bar and a taskbar


def _shoot(dialog: VisitFormDialog, path: Path, scroll_to: str | None = None) -> None:
    dialog.resize(*SIZE)
    dialog.show()
    QApplication.processEvents()
    if scroll_to is not None:
        dialog.scroll_area.ensureWidgetVisible(dialog.rows[scroll_to].detail, 0, 200)
        QApplication.processEvents()
    dialog.grab().save(str(path))
    dialog.hide()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    with tempfile.TemporaryDirectory() as tmp:
        qm = Path(tmp) / "qm"
        qm.mkdir()
        compile_translations(qm)
        install_translators(app, "ru", qm)
        engine = create_database_engine(Path(tmp) / DATABASE_FILENAME, None)
        prepare_database(engine, Path(tmp) / DATABASE_FILENAME)
        trial = build_trial(engine, NOW)
        nurse = trial.actors["petrova"]

        def clock() -> object:
            return NOW

        baseline = typical_entries(0, NOW)
        baseline |= {
            "sex": Entry("female"),
            "weight": Entry("68"),
            "height": Entry("164"),
            "hematological_diagnosis": Entry("Острый миелобластный лейкоз, индукция 7+3"),
            "infection_focus": Entry("lungs"),
            "microbiology": Entry("Klebsiella pneumoniae (кровь), БЛРС+"),
            "antibiotics": Entry("Меропенем 2 г × 3, ванкомицин 1 г × 2"),
            "vasopressors": Entry(True),
            "antibiotics_at": Entry(RANDOMIZED_AT.replace(hour=2)),
            "lactate_measured_at": Entry(RANDOMIZED_AT.replace(hour=3)),
        }
        dialog = VisitFormDialog(trial.factory, nurse, clock, trial.patient_id, "MSC-001", 0)  # type: ignore[arg-type]
        dialog._fill(baseline)
        dialog.performed.set_value(trial.day(0, 1))
        dialog.rows["il6"].want_reason(True)
        dialog.rows["il6"].set_entry(Entry(missing_reason="not_available"))
        dialog.update_form()
        _shoot(dialog, out / "visit_baseline.png")
        save_visit(
            trial.factory, nurse, trial.patient_id, 0, baseline,
            performed_at=trial.day(0, 1), complete=False, clock=clock,  # type: ignore[arg-type]
        )  # fmt: skip
        day7 = typical_entries(7, NOW) | {
            "bilirubin_total": Entry("2,4", "mg_dl"),
            "creatinine": Entry("180"),
            "platelets": Entry("38"),
            "pao2": Entry("9,5", "kpa"),
            "fio2": Entry("45", "percent"),
            "respiratory_support": Entry("invasive"),
            "map": Entry("68"),
            "norepinephrine": Entry(
                "6", "pump", {"drug_mg": "8", "syringe_ml": "50", "weight_kg": "68"}, tartrate=True
            ),
            "epinephrine": Entry("0"),
            "dopamine": Entry("0"),
            "dobutamine": Entry("0"),
            "gcs": Entry("13"),
            "crp": Entry("620", confirmed=True),
        }
        dialog = VisitFormDialog(trial.factory, nurse, clock, trial.patient_id, "MSC-001", 7)  # type: ignore[arg-type]
        dialog._fill(day7)
        dialog.update_form()
        _shoot(dialog, out / "visit_day7_sofa.png", scroll_to="norepinephrine")
        engine.dispose()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots"))
