"""The screening log dialog: its table model and the CONSORT counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

from pytestqt.qtbot import QtBot
from screening_trial import ScreeningTrial

from msc_desk.models import ConsentSigner, Sex
from msc_desk.scoring import eligibility as crit
from msc_desk.services.allocation import randomize
from msc_desk.services.screening import ScreeningInput, save_screening
from msc_desk.ui.screening import ScreeningLogDialog
from msc_desk.ui.screening.criteria_text import failure_text
from msc_desk.ui.screening.log_model import LogColumn, ScreeningLogModel


def eligible(screening_db: ScreeningTrial) -> ScreeningInput:
    onset = screening_db.clock.now - timedelta(hours=2)
    return ScreeningInput(
        shock_onset=onset,
        anc_10e9_per_l=Decimal("0.3"),
        age_years=40,
        sex=Sex.MALE,
        chemo_resistant_oncohematologic=False,
        consent_signed=True,
        consent_signer=ConsentSigner.PATIENT,
        consent_at=onset + timedelta(minutes=30),
        full_name="Петров Пётр",
        medical_record_number="1",
    )


def seed_log(screening_db: ScreeningTrial) -> None:
    screening_db.import_list(slot_count=4)
    base = eligible(screening_db)
    saved = [
        save_screening(
            screening_db.factory,
            screening_db.investigator,
            replace(base, **changes),
            screening_db.clock,
        )
        for changes in (
            {"anc_10e9_per_l": Decimal("2.5")},
            {"anc_10e9_per_l": Decimal("1.5"), "age_years": 80},
            {},
            {},
        )
    ]
    randomize(
        screening_db.factory,
        screening_db.investigator,
        saved[2].patient_id,
        clock=screening_db.clock,
    )


def test_the_log_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, screening_db: ScreeningTrial
) -> None:
    seed_log(screening_db)
    dialog = ScreeningLogDialog(screening_db.factory, screening_db.investigator)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert isinstance(model, ScreeningLogModel)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(ScreeningLogModel(), force_py=True)
    assert model.rowCount() == 4
    reasons = model.index(1, LogColumn.REASONS).data()
    assert failure_text(crit.ANC_GT_1_0) in reasons and failure_text(crit.AGE_GT_75) in reasons
    decisions = [model.index(row, LogColumn.DECISION).data() for row in range(4)]
    assert decisions[0] == decisions[1] == model.decision_text(model.row_at(0))
    assert decisions[2].startswith("Randomized")
    assert decisions[3] == "Eligible, not randomized"


def test_the_dialog_shows_the_consort_counts(qtbot: QtBot, screening_db: ScreeningTrial) -> None:
    dialog = ScreeningLogDialog(screening_db.factory, screening_db.investigator)
    qtbot.addWidget(dialog)
    assert dialog.counts_label.text().startswith("Screened: 0")
    assert "none so far" in dialog.reasons_label.text()
    seed_log(screening_db)
    dialog.reload()
    counts = dialog.counts_label.text()
    assert counts.startswith("Screened: 4 · not enrolled: 2 · eligible, not randomized: 1")
    assert "randomized: 1" in counts
    lines = dialog.reasons_label.text().splitlines()
    assert lines[1].strip() == f"{failure_text(crit.ANC_GT_1_0)}: 2"
    assert lines[2].strip() == f"{failure_text(crit.AGE_GT_75)}: 1"
