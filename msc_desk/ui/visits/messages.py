"""Words for what the visit form reports: a field's problem, a cross-form finding."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from msc_desk.catalogue import Field
from msc_desk.services.visit_entries import Problem
from msc_desk.services.visit_findings import Finding

_PROBLEMS = {
    "below_possible": QT_TRANSLATE_NOOP("VisitMessages", "Impossible value: allowed %1–%2 %3"),
    "above_possible": QT_TRANSLATE_NOOP("VisitMessages", "Impossible value: allowed %1–%2 %3"),
    "below_plausible": QT_TRANSLATE_NOOP(
        "VisitMessages", "Unusual value (expected %1–%2 %3): confirm it"
    ),
    "above_plausible": QT_TRANSLATE_NOOP(
        "VisitMessages", "Unusual value (expected %1–%2 %3): confirm it"
    ),
    "not_a_number": QT_TRANSLATE_NOOP("VisitMessages", "Enter a number"),
    "not_a_whole_number": QT_TRANSLATE_NOOP("VisitMessages", "Enter a whole number"),
    "unknown_choice": QT_TRANSLATE_NOOP("VisitMessages", "Choose from the list"),
    "not_yes_no": QT_TRANSLATE_NOOP("VisitMessages", "Choose yes or no"),
    "too_long": QT_TRANSLATE_NOOP("VisitMessages", "The text is too long"),
    "control_character": QT_TRANSLATE_NOOP(
        "VisitMessages", "The text holds characters that cannot be saved"
    ),
    "not_a_date": QT_TRANSLATE_NOOP("VisitMessages", "Enter a date"),
    "not_an_instant": QT_TRANSLATE_NOOP("VisitMessages", "Enter the date and the time"),
    "too_early": QT_TRANSLATE_NOOP("VisitMessages", "The date is too early"),
    "in_the_future": QT_TRANSLATE_NOOP("VisitMessages", "The date is in the future"),
    "computed": QT_TRANSLATE_NOOP("VisitMessages", "Computed by the program, not typed"),
    "conversion_refused": QT_TRANSLATE_NOOP("VisitMessages", "Cannot convert: check %4"),
    "unknown_reason": QT_TRANSLATE_NOOP("VisitMessages", "Choose a reason from the list"),
    "reason_text_required": QT_TRANSLATE_NOOP("VisitMessages", "Say why the value is missing"),
    "reason_text_refused": QT_TRANSLATE_NOOP(
        "VisitMessages", "The reason holds characters that cannot be saved"
    ),
    "not_on_form": QT_TRANSLATE_NOOP("VisitMessages", "This field is not on this visit"),
}
_ARGUMENTS = {
    "drug_mg": QT_TRANSLATE_NOOP("VisitMessages", "the drug amount, mg"),
    "syringe_ml": QT_TRANSLATE_NOOP("VisitMessages", "the syringe volume, mL"),
    "weight_kg": QT_TRANSLATE_NOOP("VisitMessages", "the body weight, kg"),
    "value": QT_TRANSLATE_NOOP("VisitMessages", "the value"),
    "tartrate": QT_TRANSLATE_NOOP("VisitMessages", "the tartrate mark"),
    "mg_per_dl": QT_TRANSLATE_NOOP("VisitMessages", "the value"),
    "kpa": QT_TRANSLATE_NOOP("VisitMessages", "the value"),
    "percent": QT_TRANSLATE_NOOP("VisitMessages", "the value (21–100 %)"),
    "mcg_per_min": QT_TRANSLATE_NOOP("VisitMessages", "the value"),
    "rate_ml_per_h": QT_TRANSLATE_NOOP("VisitMessages", "the rate"),
    "tartrate_mg": QT_TRANSLATE_NOOP("VisitMessages", "the drug amount, mg"),
}
_FINDINGS = {
    "outside_window": QT_TRANSLATE_NOOP(
        "VisitMessages", "The visit is outside its window: a protocol deviation."
    ),
    "visit_after_death": QT_TRANSLATE_NOOP(
        "VisitMessages", "The visit is dated after the recorded death."
    ),
    "discharge_before_randomization": QT_TRANSLATE_NOOP(
        "VisitMessages", "The recorded discharge precedes randomization."
    ),
    "day28_vital_status_unknown": QT_TRANSLATE_NOOP(
        "VisitMessages", "Vital status at day 28 is not established."
    ),
    "vasopressors_without_dose": QT_TRANSLATE_NOOP(
        "VisitMessages", "On vasopressors, but no vasopressor dose is entered."
    ),
    "sex_differs_from_screening": QT_TRANSLATE_NOOP(
        "VisitMessages", "The sex differs from the one recorded at screening."
    ),
}


def _t(source: object) -> str:
    return QCoreApplication.translate("VisitMessages", str(source))


def _number(value: Decimal | None, language: str) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text.replace(".", ",") if language == "ru" else text


def problem_text(item: Field, problem: Problem, language: str) -> str:
    """What is wrong with a field's value, in words, with the range it broke."""
    template = _t(_PROBLEMS.get(problem.code, problem.code))
    argument = _t(_ARGUMENTS.get(problem.argument or "", problem.argument or ""))
    return (
        template.replace("%1", _number(problem.low, language))
        .replace("%2", _number(problem.high, language))
        .replace("%3", item.unit_text(language))
        .replace("%4", argument)
        .strip()
    )


def finding_text(finding: Finding) -> str:
    return _t(_FINDINGS.get(finding.code, finding.code))


def missing_reason_prompt() -> str:
    return QCoreApplication.translate("VisitMessages", "Empty: choose why the value is missing")
