"""Renders every screening wizard page at 1366×768, in Russian, to PNG files.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screening/wizard_screenshots.py [OUT]
(default OUT: /tmp/shots). Not a test: look at the pictures.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests: seeding

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from screening_form import fill, go_to  # noqa: E402
from screening_trial import ScreeningTrial, seed_trial  # noqa: E402

from msc_desk.models import ConsentSigner, Sex  # noqa: E402
from msc_desk.models.database import DATABASE_FILENAME, create_database_engine  # noqa: E402
from msc_desk.models.migrate import prepare_database  # noqa: E402
from msc_desk.services.session import audited_session_factory  # noqa: E402
from msc_desk.ui.i18n import install_translators  # noqa: E402
from msc_desk.ui.locale_input import apply_locale  # noqa: E402
from msc_desk.ui.resources import resource_path  # noqa: E402
from msc_desk.ui.screening import ScreeningLogDialog, ScreeningWizard  # noqa: E402
from msc_desk.ui.screening.fields import NO, UNKNOWN, YES  # noqa: E402
from msc_desk.ui.screening.wizard import PageId  # noqa: E402

NOW = datetime(2026, 11, 20, 0, 40, tzinfo=UTC)  # 03:40 in Moscow
SIZE = (1366, 768)


def compile_translations(target: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in sorted(resource_path("translations").glob("*_ru.ts")):
        qm = target / ts.with_suffix(".qm").name
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


class Shooter:
    def __init__(self, app: QApplication, trial: ScreeningTrial, out: Path) -> None:
        self.app, self.trial, self.out = app, trial, out

    def wizard(self, **options: Any) -> ScreeningWizard:
        self.trial.clock.now = NOW
        wizard = ScreeningWizard(self.trial.context(**options))
        wizard.decision_page.confirm = lambda _title, _text: True
        wizard.resize(*SIZE)
        wizard.show()
        self.app.processEvents()
        return wizard

    def shot(self, widget: QWidget, name: str) -> None:
        self.app.processEvents()
        widget.grab().save(str(self.out / f"wizard_{name}.png"))

    def close(self, wizard: ScreeningWizard) -> None:
        wizard.confirm_discard = lambda: True
        wizard.close()
        wizard.deleteLater()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    apply_locale()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        compile_translations(folder)
        install_translators(app, "ru", folder)
        engine = create_database_engine(folder / DATABASE_FILENAME, None)
        prepare_database(engine, folder / DATABASE_FILENAME)
        trial = seed_trial(audited_session_factory(engine), NOW)
        shoot_all(Shooter(app, trial, out))
        engine.dispose()


def grab_question_box(s: Shooter, name: str) -> None:
    """Photograph the question box that is about to open, then answer it with Enter."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if box is not None:
            s.shot(box, name)
            QTest.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(50, answer)


def shoot_all(s: Shooter) -> None:
    onset = NOW - timedelta(hours=3, minutes=12)
    # Page by page, an eligible woman whose ANC comes from the differential.
    w = s.wizard()
    s.shot(w, "1_patient_empty")
    fill(
        w,
        onset,
        anc="",
        wbc="2,4",
        segmented="20",
        band="5",
        age="",
        born="15.06.1980",
        sex=Sex.FEMALE,
        pregnant=NO,
        signer=ConsentSigner.REPRESENTATIVE,
        representative="Иванова Мария Петровна",
    )
    for page, name in (
        (PageId.PATIENT, "1_patient"),
        (PageId.ONSET, "2_onset"),
        (PageId.NEUTROPHILS, "3_neutrophils"),
        (PageId.AGE, "4_age"),
        (PageId.EXCLUSIONS, "5_exclusions"),
        (PageId.CONSENT, "6_consent"),
        (PageId.DECISION, "7_decision_eligible"),
    ):
        go_to(w, page)
        w.tick()
        s.shot(w, name)
    del w.decision_page.confirm  # the real question box this time
    grab_question_box(s, "7_confirm_randomize")
    w.next()  # no allocation list yet: refused, the patient stays saved
    s.shot(w, "7_randomize_refused_no_list")
    s.close(w)

    # Failed and missing criteria.
    w = s.wizard()
    fill(w, onset, anc="1,1", age="76", sex=Sex.FEMALE, pregnant=UNKNOWN, chemo=YES)
    go_to(w, PageId.DECISION)
    s.shot(w, "7_decision_failed")
    w.decision_page.save_button.click()
    s.shot(w, "7_saved_not_enrolled")
    s.close(w)

    # Esc with unsaved entries asks first.
    w = s.wizard()
    fill(w, onset)
    grab_question_box(s, "esc_discard_question")
    w.reject()
    s.close(w)

    # Nothing entered yet, then amber and red clocks.
    w = s.wizard(preparation_hours=Decimal(1))
    go_to(w, PageId.ONSET)
    s.shot(w, "2_onset_no_clock")
    fill(w, NOW - timedelta(hours=8, minutes=30))
    s.shot(w, "clock_amber")
    s.close(w)
    w = s.wizard()
    fill(w, NOW - timedelta(hours=8, minutes=30))
    go_to(w, PageId.DECISION)
    s.shot(w, "clock_red")
    s.trial.clock.now = NOW + timedelta(hours=1, minutes=31)
    w.tick()
    s.shot(w, "clock_expired_decision")
    w.back()
    w.back()
    w.back()
    w.back()
    w.back()
    s.shot(w, "clock_expired_onset_locked")
    s.close(w)

    # Randomized into each arm.
    s.trial.import_list(slot_count=8)
    seen: set[str] = set()
    while len(seen) < 2:
        w = s.wizard()
        fill(w, onset)
        go_to(w, PageId.RESULT)
        arm = w.result_page.arm_label.text()
        if arm not in seen:
            seen.add(arm)
            s.shot(w, f"8_result_{len(seen)}")
        s.close(w)
    dialog = ScreeningLogDialog(s.trial.factory, s.trial.investigator)
    dialog.resize(*SIZE)
    dialog.show()
    s.shot(dialog, "log_dialog")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots"))
