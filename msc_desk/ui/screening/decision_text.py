"""The summary page's words: each criterion's explanation and the decision headline."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from msc_desk.models.enums import ConsentSigner, Sex
from msc_desk.scoring.eligibility import Criterion, EligibilityResult, Status
from msc_desk.services.screening import ScreeningInput
from msc_desk.ui.labels import fill, format_decimal, format_moscow
from msc_desk.ui.screening.criteria_text import criterion_failure, failure_text


def format_hours(hours: Decimal) -> str:
    """Exact hours as whole hours and minutes (rounded down), e.g. 3 h 12 min."""
    minutes = int(abs(hours) * 60)
    return fill(
        QCoreApplication.translate("ScreeningDecision", "%1 h %2 min"),
        minutes // 60,
        f"{minutes % 60:02d}",
    )


def show_number(value: Decimal) -> str:
    """A number for display, exact up to 4 decimals (decimal comma in Russian)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -4:
        value = value.quantize(Decimal("0.0001"))
    return format_decimal(value.normalize())


def _measured(criterion: Criterion, result: EligibilityResult, given: ScreeningInput) -> str:
    """What was measured for a criterion, or an empty text."""
    if criterion is Criterion.SHOCK_ONSET_WINDOW and result.hours_since_onset is not None:
        if result.hours_since_onset < 0:
            return ""
        return format_hours(result.hours_since_onset)
    if criterion is Criterion.ANC:
        if result.anc_10e9_per_l is not None:
            return fill(
                QCoreApplication.translate("ScreeningDecision", "ANC %1 ×10⁹/L"),
                show_number(result.anc_10e9_per_l),
            )
        if given.wbc_10e9_per_l is not None:
            return fill(
                QCoreApplication.translate("ScreeningDecision", "WBC %1 ×10⁹/L, no differential"),
                show_number(given.wbc_10e9_per_l),
            )
    if criterion is Criterion.AGE and result.age_years is not None:
        return fill(
            QCoreApplication.translate("ScreeningDecision", "%1 completed years"), result.age_years
        )
    return ""


def _passed(criterion: Criterion, given: ScreeningInput) -> str:
    if criterion is Criterion.CONSENT:
        who = (
            QCoreApplication.translate("ScreeningDecision", "by a legal representative")
            if given.consent_signer is ConsentSigner.REPRESENTATIVE
            else QCoreApplication.translate("ScreeningDecision", "by the patient")
        )
        return fill(
            QCoreApplication.translate("ScreeningDecision", "Signed %1, %2 MSK"),
            who,
            format_moscow(given.consent_at),
        )
    if criterion is Criterion.PREGNANCY:
        return (
            QCoreApplication.translate("ScreeningDecision", "Not applicable: male")
            if given.sex is Sex.MALE
            else QCoreApplication.translate("ScreeningDecision", "No")
        )
    if criterion is Criterion.CHEMO_RESISTANT_DISEASE:
        return QCoreApplication.translate("ScreeningDecision", "No")
    return ""


def explanation(criterion: Criterion, result: EligibilityResult, given: ScreeningInput) -> str:
    """Why a criterion has its status: the value measured and, if it fails, the reason."""
    measured = _measured(criterion, result, given)
    if result.status(criterion) is Status.PASS:
        text = measured or _passed(criterion, given)
    else:
        reason = failure_text(criterion_failure(result, criterion) or "")
        template = QCoreApplication.translate("ScreeningDecision", "%1 (%2)")
        text = fill(template, reason, measured) if measured else reason
    return text[:1].upper() + text[1:]


def headline(result: EligibilityResult) -> str:
    """The decision in one line."""
    statuses = [status for _criterion, status in result.criteria]
    if result.eligible:
        return QCoreApplication.translate(
            "ScreeningDecision", "All criteria are met: the patient is eligible"
        )
    if Status.FAIL in statuses:
        return QCoreApplication.translate(
            "ScreeningDecision", "Not eligible: the patient cannot be enrolled"
        )
    missing = statuses.count(Status.MISSING)
    return fill(
        QCoreApplication.translate(
            "ScreeningDecision", "Missing data for %1 criteria: the patient cannot be randomized"
        ),
        missing,
    )
