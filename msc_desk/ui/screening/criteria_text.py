"""The screening criteria in words: one mapping for every eligibility code, criterion and status."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from msc_desk.catalogue.records import SHOCK_DEFINITIONS as SHOCK_DEFINITION_CHOICES
from msc_desk.catalogue.screening_criteria import FAILURES, failure_wording
from msc_desk.scoring import eligibility as crit
from msc_desk.scoring.eligibility import Criterion, EligibilityResult, Status
from msc_desk.ui.i18n import interface_language

_CONTEXT = "ScreeningCriteria"

FAILURE_TEXT = FAILURES
"""Every failure code in words (kept in the catalogue, so reports print the same words)."""

CRITERION_TEXT: dict[Criterion, object] = {
    Criterion.SHOCK_ONSET_WINDOW: QT_TRANSLATE_NOOP(
        "ScreeningCriteria", "No more than 10 h since shock onset"
    ),
    Criterion.ANC: QT_TRANSLATE_NOOP("ScreeningCriteria", "Neutrophils ≤ 1.0 ×10⁹/L"),
    Criterion.AGE: QT_TRANSLATE_NOOP("ScreeningCriteria", "Age 17–75 years"),
    Criterion.CONSENT: QT_TRANSLATE_NOOP("ScreeningCriteria", "Informed consent signed"),
    Criterion.PREGNANCY: QT_TRANSLATE_NOOP("ScreeningCriteria", "Not pregnant"),
    Criterion.CHEMO_RESISTANT_DISEASE: QT_TRANSLATE_NOOP(
        "ScreeningCriteria", "No chemotherapy-resistant onco-haematological disease"
    ),
}

CODE_CRITERION: dict[str, Criterion] = {
    crit.SHOCK_ONSET_GT_10H: Criterion.SHOCK_ONSET_WINDOW,
    crit.SCREENING_BEFORE_SHOCK_ONSET: Criterion.SHOCK_ONSET_WINDOW,
    crit.MISSING_SHOCK_ONSET: Criterion.SHOCK_ONSET_WINDOW,
    crit.ANC_GT_1_0: Criterion.ANC,
    crit.MISSING_ANC: Criterion.ANC,
    crit.AGE_LT_17: Criterion.AGE,
    crit.AGE_GT_75: Criterion.AGE,
    crit.MISSING_AGE: Criterion.AGE,
    crit.CONSENT_NOT_SIGNED: Criterion.CONSENT,
    crit.PREGNANT: Criterion.PREGNANCY,
    crit.MISSING_PREGNANCY_STATUS: Criterion.PREGNANCY,
    crit.CHEMO_RESISTANT_DISEASE: Criterion.CHEMO_RESISTANT_DISEASE,
    crit.MISSING_CHEMO_RESISTANCE_STATUS: Criterion.CHEMO_RESISTANT_DISEASE,
}
"""Which criterion each failure code belongs to."""

STATUS_TEXT: dict[Status, object] = {
    Status.PASS: QT_TRANSLATE_NOOP("ScreeningCriteria", "Met"),
    Status.FAIL: QT_TRANSLATE_NOOP("ScreeningCriteria", "Not met"),
    Status.MISSING: QT_TRANSLATE_NOOP("ScreeningCriteria", "No data"),
}

SHOCK_DEFINITIONS: tuple[str, ...] = tuple(choice.code for choice in SHOCK_DEFINITION_CHOICES)
"""The shock definitions offered, in order (the catalogue holds their words)."""


def _t(source: object) -> str:
    # QT_TRANSLATE_NOOP is typed as returning object; it returns the source text.
    return QCoreApplication.translate(_CONTEXT, str(source))


def failure_text(code: str) -> str:
    """Why a criterion fails or is missing, in words; an unknown code is shown as it is."""
    return failure_wording(code, interface_language())


def failures_text(codes: tuple[str, ...], separator: str = "; ") -> str:
    """Several failure codes in words, in the order given."""
    return separator.join(failure_text(code) for code in codes)


def criterion_failure(result: EligibilityResult, criterion: Criterion) -> str | None:
    """The failure code of one criterion in a result, or None when it passes."""
    for code in result.failed_criteria:
        if CODE_CRITERION.get(code) is criterion:
            return code
    return None


def criterion_text(criterion: Criterion) -> str:
    """What the criterion requires, in words."""
    return _t(CRITERION_TEXT[criterion])


def status_text(status: Status) -> str:
    """Met, not met, or no data."""
    return _t(STATUS_TEXT[status])


def shock_definition_text(code: str) -> str:
    """What defined the shock onset, in words; an unknown code is shown as it is."""
    choice = next((item for item in SHOCK_DEFINITION_CHOICES if item.code == code), None)
    if choice is None:
        return code
    return choice.ru if interface_language() == "ru" else choice.en
