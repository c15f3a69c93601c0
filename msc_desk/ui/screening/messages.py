"""What went wrong, in words: the screening and randomization services' refusals and errors."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from sqlalchemy.exc import SQLAlchemyError

from msc_desk.scoring import InvalidInput
from msc_desk.services.allocation import AllocationError, RandomizationError
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.permissions import Action, PermissionDenied
from msc_desk.services.screening import ScreeningError
from msc_desk.ui.labels import fill
from msc_desk.ui.refusals import field_message
from msc_desk.ui.screening.criteria_text import failures_text

SERVICE_ERRORS = (
    InvalidField,
    PermissionDenied,
    AllocationError,
    InvalidInput,
    ScreeningError,
    SQLAlchemyError,
    OSError,
)
"""What the screening and randomization services may raise for a reason the user can act on."""

_RANDOMIZATION: dict[str, object] = {
    "unknown_patient": QT_TRANSLATE_NOOP(
        "ScreeningMessages", "This patient is not in the database (was the record deleted?)."
    ),
    "already_randomized": QT_TRANSLATE_NOOP(
        "ScreeningMessages",
        "This patient has already been randomized. A randomization cannot be repeated.",
    ),
    "not_eligible": QT_TRANSLATE_NOOP(
        "ScreeningMessages", "At the moment of randomization the patient is not eligible: %1."
    ),
    "no_allocation_list": QT_TRANSLATE_NOOP(
        "ScreeningMessages",
        "No randomization list has been imported on this laptop: ask the site administrator"
        " to import it.",
    ),
    "allocation_list_exhausted": QT_TRANSLATE_NOOP(
        "ScreeningMessages",
        "The randomization list of this laptop is used up: ask the coordinating center for a"
        " new list.",
    ),
    "reveal_failed": QT_TRANSLATE_NOOP(
        "ScreeningMessages",
        "The randomization list does not open on this laptop (wrong key). No slot was used;"
        " call the coordinating center.",
    ),
    "commitment_mismatch": QT_TRANSLATE_NOOP(
        "ScreeningMessages",
        "The next slot does not match the signed randomization list. No slot was used;"
        " call the coordinating center.",
    ),
    "clock_unconfirmed": QT_TRANSLATE_NOOP(
        "ScreeningMessages",
        "Randomization is blocked: the laptop clock was set back. An investigator must check"
        " the time and confirm it (File → Confirm the time…, or the button in the red banner of"
        " the main window). No slot was used.",
    ),
    "no_user_keys": QT_TRANSLATE_NOOP(
        "ScreeningMessages",
        "Your keys are not unlocked: first choose your own password (a password set by the"
        " administrator cannot randomize). No slot was used.",
    ),
    "no_randomization_key": QT_TRANSLATE_NOOP(
        "ScreeningMessages",
        "This laptop has no randomization key yet: it is made at an investigator's first"
        " sign-in. No slot was used.",
    ),
    "no_seal": QT_TRANSLATE_NOOP(
        "ScreeningMessages",
        "The randomization key has not yet been handed to you. It is handed over when an"
        " investigator (or another user who randomizes) signs in on this laptop; ask one of them"
        " to sign in, then sign in again. No slot was used.",
    ),
    "seal_broken": QT_TRANSLATE_NOOP(
        "ScreeningMessages",
        "The randomization key sealed to you does not open (damaged or replaced). No slot was"
        " used; run View → Integrity check… and call the coordinating center.",
    ),
    "not_a_randomizer": QT_TRANSLATE_NOOP(
        "ScreeningMessages",
        "The key registry does not let you randomize: the investigator delegates randomization"
        " (File → Randomization delegation…), effective from your next sign-in.",
    ),
    "wrong_device_key": QT_TRANSLATE_NOOP(
        "ScreeningMessages",
        "The randomization list was encrypted for another laptop's key. No slot was used;"
        " call the coordinating center.",
    ),
}

_INVALID: dict[str, object] = {
    "anc": QT_TRANSLATE_NOOP(
        "ScreeningMessages",
        "Neutrophils: enter either the absolute count or the WBC with segmented and band"
        " percentages (together at most 100 %).",
    ),
    "age": QT_TRANSLATE_NOOP(
        "ScreeningMessages", "Age: enter either the age or the date of birth, not both."
    ),
    "date_of_birth": QT_TRANSLATE_NOOP(
        "ScreeningMessages", "The date of birth is after today: check it."
    ),
    "pregnant": QT_TRANSLATE_NOOP(
        "ScreeningMessages", "Pregnancy is marked for a male patient: check the sex."
    ),
}


def _t(source: object) -> str:
    return QCoreApplication.translate("ScreeningMessages", str(source))


def invalid_input_text(exc: InvalidInput) -> str:
    """An impossible or contradictory entry, in words, naming what to correct."""
    source = _INVALID.get(exc.field)
    if source is not None:
        return _t(source)
    return fill(
        QCoreApplication.translate(
            "ScreeningMessages", "Impossible value (%1): check what was entered."
        ),
        exc.field,
    )


def randomization_error_text(exc: AllocationError) -> str:
    """A refused randomization, in words."""
    source = _RANDOMIZATION.get(exc.code)
    if source is None:
        return fill(
            QCoreApplication.translate("ScreeningMessages", "Randomization was refused (%1): %2"),
            exc.code,
            exc.message,
        )
    text = _t(source)
    if isinstance(exc, RandomizationError) and exc.code == "not_eligible":
        return fill(text, failures_text(exc.failed_criteria) or exc.code)
    return text


def permission_text(exc: PermissionDenied) -> str:
    """A refused action, in words, saying who may do it."""
    if exc.action is Action.RANDOMIZE:
        return randomize_permission_text()
    if exc.action is Action.SCREEN:
        return QCoreApplication.translate(
            "ScreeningMessages", "Only investigators and nurses may screen patients."
        )
    return fill(
        QCoreApplication.translate("ScreeningMessages", "You may not do this (%1)."), exc.action
    )


def randomize_permission_text() -> str:
    """Who may randomize."""
    return QCoreApplication.translate(
        "ScreeningMessages",
        "Only an investigator, or a nurse to whom randomization has been delegated, may"
        " randomize. Save the patient and ask one of them to sign in.",
    )


def error_text(exc: Exception) -> str:
    """Any error of the screening or randomization services, in words."""
    if isinstance(exc, PermissionDenied):
        return permission_text(exc)
    if isinstance(exc, InvalidField):
        return field_message(exc)
    if isinstance(exc, AllocationError):
        return randomization_error_text(exc)
    if isinstance(exc, InvalidInput):
        return invalid_input_text(exc)
    if isinstance(exc, ScreeningError) and exc.code == "unknown_site":
        return QCoreApplication.translate(
            "ScreeningMessages",
            "This laptop is not registered to a site, so no study id can be issued."
            " Ask the site administrator.",
        )
    if isinstance(exc, SQLAlchemyError | OSError):
        return fill(
            QCoreApplication.translate(
                "ScreeningMessages",
                "The database could not be written (%1); this step was not saved. Try again.",
            ),
            type(exc).__name__,
        )
    return fill(QCoreApplication.translate("ScreeningMessages", "Unexpected error: %1"), exc)
