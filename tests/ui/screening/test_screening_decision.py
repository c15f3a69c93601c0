"""The decision page: every failing or missing criterion blocks randomization, with its reason."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QWizard
from screening_form import fill, go_to
from screening_trial import ScreeningTrial

from msc_desk.models import Sex
from msc_desk.scoring import eligibility as crit
from msc_desk.scoring.eligibility import Criterion, Status
from msc_desk.ui.screening.criteria_text import (
    CODE_CRITERION,
    FAILURE_TEXT,
    failure_text,
    status_text,
)
from msc_desk.ui.screening.fields import NO, UNKNOWN, YES
from msc_desk.ui.screening.messages import randomize_permission_text
from msc_desk.ui.screening.wizard import PageId, ScreeningWizard

MakeWizard = Callable[..., ScreeningWizard]

BLOCKING: dict[str, tuple[dict[str, Any], str]] = {
    "anc_1_1": ({"anc": "1,1"}, crit.ANC_GT_1_0),
    "anc_from_differential": (
        {"anc": "", "wbc": "4,0", "segmented": "25", "band": "5"},
        crit.ANC_GT_1_0,
    ),
    "onset_over_10_h": ({"onset_hours": 10.5}, crit.SHOCK_ONSET_GT_10H),
    "onset_in_future": (
        {"onset_hours": -1, "consent_after": timedelta(hours=-2)},
        crit.SCREENING_BEFORE_SHOCK_ONSET,
    ),
    "age_16": ({"age": "16"}, crit.AGE_LT_17),
    "age_76": ({"age": "76"}, crit.AGE_GT_75),
    "born_too_late": ({"age": "", "born": "21.11.2009"}, crit.AGE_LT_17),
    "consent_refused": ({"consent": NO}, crit.CONSENT_NOT_SIGNED),
    "pregnant": ({"sex": Sex.FEMALE, "pregnant": YES}, crit.PREGNANT),
    "chemo_resistant": ({"chemo": YES}, crit.CHEMO_RESISTANT_DISEASE),
    "missing_onset": ({"onset_hours": None}, crit.MISSING_SHOCK_ONSET),
    "missing_anc": ({"anc": ""}, crit.MISSING_ANC),
    "wbc_without_differential": ({"anc": "", "wbc": "2,5"}, crit.MISSING_ANC),
    "missing_age": ({"age": ""}, crit.MISSING_AGE),
    "missing_consent": ({"consent": None}, crit.CONSENT_NOT_SIGNED),
    "missing_pregnancy": ({"sex": Sex.FEMALE, "pregnant": None}, crit.MISSING_PREGNANCY_STATUS),
    "pregnancy_unknown": (
        {"sex": Sex.FEMALE, "pregnant": UNKNOWN},
        crit.MISSING_PREGNANCY_STATUS,
    ),
    "missing_sex": ({"sex": None}, crit.MISSING_PREGNANCY_STATUS),
    "missing_chemo": ({"chemo": None}, crit.MISSING_CHEMO_RESISTANCE_STATUS),
    "chemo_unknown": ({"chemo": UNKNOWN}, crit.MISSING_CHEMO_RESISTANCE_STATUS),
}


def open_decision(
    wizard: ScreeningWizard, screening_db: ScreeningTrial, onset_hours: float | None = 3, **kw: Any
) -> None:
    if onset_hours is None:
        fill(wizard, None, consent_at=screening_db.clock.now - timedelta(hours=1), **kw)
    else:
        fill(wizard, screening_db.clock.now - timedelta(hours=onset_hours), **kw)
    go_to(wizard, PageId.DECISION)


def next_button_enabled(wizard: ScreeningWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_an_eligible_patient_can_be_randomized(
    make_wizard: MakeWizard, screening_db: ScreeningTrial
):
    wizard = make_wizard()
    open_decision(wizard, screening_db)
    page = wizard.decision_page
    assert page.can_randomize() and page.isComplete() and next_button_enabled(wizard)
    for chip, _name, _reason in page.rows.values():
        assert chip.text() == status_text(Status.PASS)
    assert page.save_button.isEnabled()


@pytest.mark.parametrize(("changes", "code"), BLOCKING.values(), ids=BLOCKING.keys())
def test_every_failing_or_missing_criterion_blocks_randomization(
    make_wizard: MakeWizard, screening_db: ScreeningTrial, changes: dict[str, Any], code: str
):
    wizard = make_wizard()
    open_decision(wizard, screening_db, **changes)
    page = wizard.decision_page
    assert not page.can_randomize() and not page.isComplete()
    assert not next_button_enabled(wizard)
    chip, _name, reason = page.rows[CODE_CRITERION[code]]
    expected = Status.MISSING if code.startswith("missing_") else Status.FAIL
    if code == crit.CONSENT_NOT_SIGNED:
        expected = Status.FAIL if changes["consent"] == NO else Status.MISSING
    assert chip.text() == status_text(expected)
    assert failure_text(code).lower() in reason.text().lower()
    # Next cannot randomize either (e.g. through the keyboard), and nothing is saved.
    wizard.next()
    assert wizard.currentId() == PageId.DECISION and wizard.screening_actions.saved is None
    assert page.save_button.isEnabled()


def test_the_summary_shows_what_was_measured(make_wizard: MakeWizard, screening_db: ScreeningTrial):
    wizard = make_wizard()
    open_decision(wizard, screening_db, anc="", wbc="2,4", segmented="20", band="5", age="76")
    rows = wizard.decision_page.rows
    assert re.search(r"0[.,]6", rows[Criterion.ANC][2].text())
    assert "76" in rows[Criterion.AGE][2].text()
    assert "3 h 00 min" in rows[Criterion.SHOCK_ONSET_WINDOW][2].text()


def test_a_user_who_may_not_randomize_is_told_who_may(
    make_wizard: MakeWizard, screening_db: ScreeningTrial
):
    wizard = make_wizard(actor=screening_db.nurse)
    open_decision(wizard, screening_db)
    page = wizard.decision_page
    assert not page.can_randomize()
    assert randomize_permission_text() in page.notice_label.text()
    page.save_button.click()
    saved = wizard.screening_actions.saved
    assert saved is not None and saved.eligible


def test_a_delegated_nurse_may_randomize(make_wizard: MakeWizard, screening_db: ScreeningTrial):
    wizard = make_wizard(actor=screening_db.delegated_nurse)
    open_decision(wizard, screening_db)
    assert wizard.decision_page.can_randomize()


def test_randomizing_needs_the_identification(
    make_wizard: MakeWizard, screening_db: ScreeningTrial
):
    wizard = make_wizard()
    open_decision(wizard, screening_db, record="")
    assert not wizard.decision_page.can_randomize()
    assert "record number" in wizard.decision_page.notice_label.text()


def test_contradictory_entries_are_stopped_on_their_page(
    make_wizard: MakeWizard, screening_db: ScreeningTrial
):
    wizard = make_wizard()
    fill(wizard, screening_db.clock.now - timedelta(hours=3), anc="0,4", wbc="0,8")
    go_to(wizard, PageId.NEUTROPHILS)
    wizard.next()
    assert wizard.currentId() == PageId.NEUTROPHILS
    assert wizard.neutrophils_page.result_label.isVisibleTo(wizard)
    wizard.neutrophils_page.wbc_edit.clear()
    go_to(wizard, PageId.AGE)
    wizard.age_page.birth_edit.setText("01.01.1980")
    wizard.next()
    assert wizard.currentId() == PageId.AGE


def test_every_eligibility_code_has_words() -> None:
    codes = {
        value
        for name, value in vars(crit).items()
        if name.isupper() and isinstance(value, str) and value not in crit.SEXES
    }
    assert codes == set(FAILURE_TEXT) == set(CODE_CRITERION)
    assert failure_text("something_new") == "something_new"
