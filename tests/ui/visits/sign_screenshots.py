"""Renders a signed day-7 form and a field with an open monitor query at 1366×768 in Russian.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/visits/sign_screenshots.py [OUT_DIR]
(default OUT_DIR: /tmp/shots). Not a test: look at the pictures.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ui
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests

from follow_up_trial import RANDOMIZED_AT, follow_up_trial  # noqa: E402
from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshot_helper import compile_translations  # noqa: E402
from visit_trial import typical_entries  # noqa: E402

from msc_desk.services.queries import raise_query  # noqa: E402
from msc_desk.services.signatures import sign_visit  # noqa: E402
from msc_desk.services.visit_entries import Entry  # noqa: E402
from msc_desk.services.visit_forms import save_visit  # noqa: E402
from msc_desk.ui.i18n import install_translators  # noqa: E402
from msc_desk.ui.visits.visit_dialog import VisitFormDialog  # noqa: E402

SIZE = (1366, 700)  # 768 less the title bar and a taskbar
DAY7 = {
    "bilirubin_total": Entry("2,4", "mg_dl"),
    "creatinine": Entry("180"),
    "platelets": Entry("38"),
    "pao2": Entry("9,5", "kpa"),
    "fio2": Entry("45", "percent"),
    "respiratory_support": Entry("invasive"),
    "map": Entry("68"),
    "norepinephrine": Entry("0,12"),
    "epinephrine": Entry("0"),
    "dopamine": Entry("0"),
    "dobutamine": Entry("0"),
    "gcs": Entry("13"),
    "crp": Entry("620", confirmed=True),
}


class _Clock:
    def __init__(self) -> None:
        self.now = RANDOMIZED_AT + timedelta(days=7, hours=4)

    def __call__(self) -> object:
        return self.now


def _shoot(dialog: VisitFormDialog, path: Path, scroll_to: str | None = None) -> None:
    dialog.resize(*SIZE)
    dialog.show()
    QApplication.processEvents()
    if scroll_to is not None:
        label = dialog.rows[scroll_to].label
        top = label.mapTo(dialog.scroll_area.widget(), label.rect().topLeft()).y()
        dialog.scroll_area.verticalScrollBar().setValue(top - 200)
        QApplication.processEvents()
    dialog.grab().save(str(path))
    dialog.hide()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    clock = _Clock()
    with tempfile.TemporaryDirectory() as tmp:
        qm = Path(tmp) / "qm"
        qm.mkdir()
        compile_translations(qm)
        install_translators(app, "ru", qm)
        with follow_up_trial(Path(tmp) / "ws", clock) as trial:
            doctor, monitor, nurse = trial.investigator, trial.monitor, trial.nurse
            performed = RANDOMIZED_AT + timedelta(days=7, hours=3)
            entries = typical_entries(7, clock.now) | DAY7
            save_visit(doctor.factory, doctor.actor, trial.patient_id, 7, entries,
                       performed_at=performed, complete=True, clock=clock)  # type: ignore[arg-type]  # fmt: skip
            form = VisitFormDialog(doctor.factory, doctor.actor, clock, trial.patient_id,  # type: ignore[arg-type]
                                   "MSC-001", 7, data_dir=trial.data_dir)  # fmt: skip
            visit_id = form.signature.visit_id
            assert visit_id is not None
            form.close()
            sign_visit(doctor.factory, doctor.actor, trial.data_dir, visit_id,
                       trial.password(doctor), "Подтверждаю достоверность и полноту данных визита",
                       clock=clock)  # type: ignore[arg-type]  # fmt: skip
            signed = VisitFormDialog(doctor.factory, doctor.actor, clock, trial.patient_id,  # type: ignore[arg-type]
                                     "MSC-001", 7, data_dir=trial.data_dir)  # fmt: skip
            _shoot(signed, out / "visitsign_day7_signed.png", scroll_to="norepinephrine")
            raise_query(monitor.factory, monitor.actor, trial.patient_id, "visit",
                        "Лактат 3,4 не совпадает с бланком газов крови: проверьте перенос.",
                        visit_id=trial.day0, field="lactate", clock=clock)  # type: ignore[arg-type]  # fmt: skip
            raise_query(monitor.factory, monitor.actor, trial.patient_id, "visit",
                        "Нет времени начала антибиотиков в листе назначений.",
                        visit_id=trial.day0, clock=clock)  # type: ignore[arg-type]  # fmt: skip
            queried = VisitFormDialog(nurse.factory, nurse.actor, clock, trial.patient_id,  # type: ignore[arg-type]
                                      "MSC-001", 0, data_dir=trial.data_dir)  # fmt: skip
            _shoot(queried, out / "visitsign_query_field.png", scroll_to="lactate")
            menu = queried.queries.field_menu("lactate")
            menu.popup(queried.mapToGlobal(queried.rect().center()))
            QApplication.processEvents()
            menu.grab().save(str(out / "visitsign_query_menu.png"))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots"))
