"""Infusion refusals in words that name the value at fault."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from msc_desk.security.form_locks import FormLocked
from msc_desk.services.infusion import InfusionRefused
from msc_desk.services.input_rules import InvalidField
from msc_desk.ui.labels import fill
from msc_desk.ui.refusals import error_message

_CONTEXT = "InfusionMessages"


def _t(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def field_label(name: str | None) -> str:
    labels = {
        "weight_kg": _t("Weight"),
        "weight_source": _t("Source of the weight"),
        "target_dose": _t("Target dose"),
        "product_lot": _t("Product lot"),
        "concentration_cells_per_ml": _t("Cell concentration"),
        "viability_percent": _t("Cell viability"),
        "container_volume_ml": _t("Volume of one container"),
        "infusion_day": _t("Infusion day"),
        "weight_reason": _t("Reason for the weight"),
        "viability_reason": _t("Reason for the viability"),
        "volume_infused_ml": _t("Volume actually infused"),
        "rate_ml_per_hour": _t("Infusion rate"),
        "started_at": _t("Infusion start"),
        "ended_at": _t("Infusion end"),
        "late_deviation_reason": _t("Reason for starting after 10 h"),
        "dose_deviation_reason": _t("Reason for the achieved dose"),
        "reaction_other": _t("Other reaction"),
        "reactions": _t("Reactions"),
        "premedication": _t("Premedication"),
        "username": _t("Second person"),
        "password": _t("Password"),
    }
    for moment, word in (("before", _t("before")), ("after", _t("after"))):
        labels[f"temperature_{moment}"] = fill(_t("Temperature %1"), word)
        labels[f"heart_rate_{moment}"] = fill(_t("Heart rate %1"), word)
        labels[f"map_{moment}"] = fill(_t("MAP %1"), word)
        labels[f"spo2_{moment}"] = fill(_t("SpO₂ %1"), word)
    return labels.get(name or "", name or "")


def infusion_message(error: Exception) -> str:
    """The sentence for a refusal of the infusion services, naming the field."""
    if isinstance(error, InvalidField):
        reasons = {
            "required": _t("required"),
            "out_of_range": _t("outside the allowed range"),
            "not_a_number": _t("not a number"),
            "not_allowed": _t("not an allowed value"),
            "too_long": _t("too long"),
            "forbidden_character": _t("contains a forbidden character"),
            "too_precise": _t("too many decimal places"),
            "implausible_time": _t("not a plausible time"),
        }
        limit = "" if error.limit is None else f" ({error.limit})"
        reason = reasons.get(error.code, error.code)
        return fill(_t("%1: %2."), field_label(error.field), reason + limit)
    if isinstance(error, FormLocked):
        return _t(
            "The patient's casebook is signed: an investigator removes the signature with a"
            " reason before an infusion reaction can open its adverse event."
        )
    if not isinstance(error, InfusionRefused):
        return error_message(error)
    texts = {
        "not_msc_arm": _t("This patient is not in the MSC arm: there is no infusion."),
        "not_found": _t("The infusion record no longer exists."),
        "weight_confirmation": _t("The weight is outside 30–200 kg: confirm it and give a reason."),
        "viability_confirmation": _t(
            "The viability is under the release threshold: confirm it and give a reason."
        ),
        "daily_total": _t(
            "With this prescription the day's total would exceed 2.0 million/kg: lower the dose"
            " or choose another infusion day."
        ),
        "dose_out_of_range": _t("Target dose: from 1.0 to 2.0 million cells/kg."),
        "weight_invalid": _t("Weight: a positive number of kilograms."),
        "concentration_invalid": _t("Cell concentration: a positive number of cells/mL."),
        "viability_invalid": _t("Cell viability: more than 0 and at most 100 %."),
        "no_signing_key": _t(
            "This account holds no signing key yet: choose your own password first."
        ),
        "stale_key": _t(
            "Your keys were replaced after you signed in (password changed or reset): sign in"
            " again to sign."
        ),
        "not_checked": _t("The second person has not confirmed the infusion yet."),
        "already_started": _t("This infusion is already recorded as started."),
        "already_checked": _t("This infusion is already confirmed by a second person."),
        "same_person": _t("The second check must be done by another person."),
        "not_allowed": _t("This user may not verify an infusion."),
        "wrong_password": _t("Wrong user name or password."),
        "locked_out": _t("Too many wrong passwords: wait and try again."),
        "late_reason": _t(
            "The first infusion starts more than 10 h after shock onset: give the reason for"
            " this protocol deviation."
        ),
        "dose_reason": _t(
            "The achieved dose is outside 1–2 million/kg, or the day's total exceeds 2.0"
            " million/kg: give the reason for this deviation."
        ),
    }
    return texts.get(error.code, fill(_t("Refused: %1"), error.code))
