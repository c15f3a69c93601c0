"""Words (translated) for the service layer's refusal codes, one table for every dialog."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from msc_desk.security.layout import WorkspaceError
from msc_desk.security.policy import PolicyError
from msc_desk.services.allocation import AllocationImportError
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.signatures import SignatureError
from msc_desk.services.trial_setup import CenterKeyError
from msc_desk.services.users import UserError
from msc_desk.ui.labels import fill

_CONTEXT = "AdminMessages"

_POLICY = {
    "invalid_username": QT_TRANSLATE_NOOP(
        "AdminMessages",
        "The login must be 2–64 letters, digits, dots, hyphens or underscores, "
        "starting with a letter or a digit.",
    ),
    "password_too_short": QT_TRANSLATE_NOOP(
        "AdminMessages", "The password must be at least 8 characters long."
    ),
    "password_too_long": QT_TRANSLATE_NOOP(
        "AdminMessages", "The password is too long (at most 256 characters)."
    ),
    "password_blank": QT_TRANSLATE_NOOP("AdminMessages", "The password cannot be blank."),
    "password_is_username": QT_TRANSLATE_NOOP(
        "AdminMessages", "The password must not be the same as the login."
    ),
    "password_unchanged": QT_TRANSLATE_NOOP(
        "AdminMessages", "The new password must differ from the old one."
    ),
}
_USER = {
    "username_taken": QT_TRANSLATE_NOOP("AdminMessages", "This login is already taken."),
    "not_found": QT_TRANSLATE_NOOP("AdminMessages", "No such user."),
    "full_name_required": QT_TRANSLATE_NOOP("AdminMessages", "Enter the user's full name."),
    "reason_required": QT_TRANSLATE_NOOP("AdminMessages", "Enter the reason."),
    "cannot_deactivate_self": QT_TRANSLATE_NOOP(
        "AdminMessages", "You cannot deactivate your own account."
    ),
    "already_inactive": QT_TRANSLATE_NOOP("AdminMessages", "This account is already deactivated."),
    "last_admin": QT_TRANSLATE_NOOP(
        "AdminMessages", "The last active administrator cannot be deactivated."
    ),
    "not_a_nurse": QT_TRANSLATE_NOOP(
        "AdminMessages", "Randomization can be delegated to nurses only."
    ),
    "delegation_by_investigator": QT_TRANSLATE_NOOP(
        "AdminMessages",
        "Randomization is delegated by the investigator, once the account exists.",
    ),
    "no_signing_key": QT_TRANSLATE_NOOP(
        "AdminMessages",
        "First choose your own password: a password set by the administrator signs nothing.",
    ),
}
_SIGNATURE = {
    "wrong_password": QT_TRANSLATE_NOOP(
        "AdminMessages", "Wrong password. Nothing was signed; the attempt has been recorded."
    ),
    "locked_out": QT_TRANSLATE_NOOP(
        "AdminMessages", "Too many wrong passwords. Try again in %1 s."
    ),
    "meaning_required": QT_TRANSLATE_NOOP("AdminMessages", "State the meaning of the signature."),
    "reason_required": QT_TRANSLATE_NOOP("AdminMessages", "Enter the reason."),
    "not_found": QT_TRANSLATE_NOOP("AdminMessages", "The patient or form was not found."),
    "not_complete": QT_TRANSLATE_NOOP(
        "AdminMessages", "The casebook cannot be signed while visits are still scheduled."
    ),
    "already_signed": QT_TRANSLATE_NOOP("AdminMessages", "It is already signed."),
    "not_signed": QT_TRANSLATE_NOOP("AdminMessages", "There is no signature to remove."),
    "not_a_person": QT_TRANSLATE_NOOP("AdminMessages", "Only a named user can sign."),
    "no_signing_key": QT_TRANSLATE_NOOP(
        "AdminMessages",
        "First choose your own password: a password set by the administrator signs nothing.",
    ),
}
_ALLOCATION = {
    "unsigned": QT_TRANSLATE_NOOP(
        "AdminMessages", "The file is not signed by the coordinating center."
    ),
    "bad_signature": QT_TRANSLATE_NOOP(
        "AdminMessages", "The file has been altered or its signature is invalid."
    ),
    "malformed": QT_TRANSLATE_NOOP(
        "AdminMessages", "The file is not an allocation list, or it is damaged."
    ),
    "wrong_study": QT_TRANSLATE_NOOP("AdminMessages", "The list was issued for another study."),
    "wrong_device": QT_TRANSLATE_NOOP(
        "AdminMessages", "The list was issued for another laptop (a different device ID)."
    ),
    "overlapping_slots": QT_TRANSLATE_NOOP(
        "AdminMessages", "The list's slots overlap a list already imported or slots already used."
    ),
    "already_imported": QT_TRANSLATE_NOOP("AdminMessages", "This list has already been imported."),
    "wrong_device_key": QT_TRANSLATE_NOOP(
        "AdminMessages",
        "The list was encrypted for another randomization key, not this laptop's. Send the"
        " coordinating center the key shown in this window and ask for a new list.",
    ),
    "no_randomization_key": QT_TRANSLATE_NOOP(
        "AdminMessages",
        "This laptop has no randomization key yet: it is made at an investigator's first"
        " sign-in. Ask the investigator to sign in, send the key to the coordinating center,"
        " then import the list it issues.",
    ),
}
_CENTER_KEY = {
    "missing": QT_TRANSLATE_NOOP(
        "AdminMessages",
        "The coordinating center key has not been set. Load it first: "
        "Administration → Coordinating center key…",
    ),
    "unreadable": QT_TRANSLATE_NOOP(
        "AdminMessages", "The file does not hold an Ed25519 public key of the center."
    ),
}
_WORKSPACE = {
    "exists": QT_TRANSLATE_NOOP("AdminMessages", "This folder already holds a study database."),
    "missing_field": QT_TRANSLATE_NOOP("AdminMessages", "Fill in every field."),
    "incomplete": QT_TRANSLATE_NOOP("AdminMessages", "Fill in every field."),
}
_FIELD_CONTEXT = "FieldRefusals"
_FIELD_CODES = {
    "required": QT_TRANSLATE_NOOP("FieldRefusals", "%1: fill in this field."),
    "too_long": QT_TRANSLATE_NOOP("FieldRefusals", "%1: too long (at most %2 characters)."),
    "forbidden_character": QT_TRANSLATE_NOOP(
        "FieldRefusals",
        "%1: the text holds a control or invisible character (often pasted from another"
        " program). Type it again.",
    ),
    "not_allowed": QT_TRANSLATE_NOOP("FieldRefusals", "%1: this value is not allowed."),
    "not_a_flag": QT_TRANSLATE_NOOP("FieldRefusals", "%1: answer yes, no or unknown."),
    "not_a_number": QT_TRANSLATE_NOOP("FieldRefusals", "%1: enter a number."),
    "not_finite": QT_TRANSLATE_NOOP("FieldRefusals", "%1: enter a finite number."),
    "out_of_range": QT_TRANSLATE_NOOP(
        "FieldRefusals", "%1: the value is outside the allowed range (limit: %2)."
    ),
    "too_precise": QT_TRANSLATE_NOOP("FieldRefusals", "%1: too many digits."),
    "not_a_date": QT_TRANSLATE_NOOP("FieldRefusals", "%1: enter a date and time."),
    "no_time_zone": QT_TRANSLATE_NOOP("FieldRefusals", "%1: the time has no time zone."),
    "implausible_time": QT_TRANSLATE_NOOP(
        "FieldRefusals", "%1: implausible date (before 1900 or after tomorrow). Check it."
    ),
    "consent_incomplete": QT_TRANSLATE_NOOP(
        "FieldRefusals", "The consent is marked as signed: state who signed it and when."
    ),
    "consent_not_signed": QT_TRANSLATE_NOOP(
        "FieldRefusals",
        "The consent is not marked as signed, yet «%1» is filled in: clear it, or mark the"
        " consent as signed.",
    ),
    "consent_after_decision": QT_TRANSLATE_NOOP(
        "FieldRefusals",
        "The consent is dated after the screening decision; it must be signed before. Check"
        " the time of signing.",
    ),
    "consent_before_onset": QT_TRANSLATE_NOOP(
        "FieldRefusals",
        "The consent is dated more than %2 days before shock onset. Check the time of signing.",
    ),
}
_FIELD_NAMES = {
    "full_name": QT_TRANSLATE_NOOP("FieldRefusals", "Full name"),
    "medical_record_number": QT_TRANSLATE_NOOP("FieldRefusals", "Medical record number"),
    "consent_representative_name": QT_TRANSLATE_NOOP("FieldRefusals", "Representative's name"),
    "consent_signed": QT_TRANSLATE_NOOP("FieldRefusals", "Consent signed"),
    "consent_signer": QT_TRANSLATE_NOOP("FieldRefusals", "Signed by"),
    "consent_at": QT_TRANSLATE_NOOP("FieldRefusals", "Consent signed on"),
    "shock_onset": QT_TRANSLATE_NOOP("FieldRefusals", "Shock onset"),
    "shock_definition": QT_TRANSLATE_NOOP("FieldRefusals", "Shock defined by"),
    "anc_10e9_per_l": QT_TRANSLATE_NOOP("FieldRefusals", "Absolute neutrophil count"),
    "wbc_10e9_per_l": QT_TRANSLATE_NOOP("FieldRefusals", "WBC"),
    "neutrophils_segmented_percent": QT_TRANSLATE_NOOP("FieldRefusals", "Segmented neutrophils"),
    "neutrophils_band_percent": QT_TRANSLATE_NOOP("FieldRefusals", "Band neutrophils"),
    "age_years": QT_TRANSLATE_NOOP("FieldRefusals", "Age"),
    "date_of_birth": QT_TRANSLATE_NOOP("FieldRefusals", "Date of birth"),
    "sex": QT_TRANSLATE_NOOP("FieldRefusals", "Sex"),
    "pregnant": QT_TRANSLATE_NOOP("FieldRefusals", "Pregnancy"),
    "chemo_resistant_oncohematologic": QT_TRANSLATE_NOOP(
        "FieldRefusals", "Chemotherapy-resistant onco-haematological disease"
    ),
    "site_code": QT_TRANSLATE_NOOP("FieldRefusals", "Site code"),
    "site_name": QT_TRANSLATE_NOOP("FieldRefusals", "Site name"),
    "device_name": QT_TRANSLATE_NOOP("FieldRefusals", "Laptop name"),
    "username": QT_TRANSLATE_NOOP("FieldRefusals", "Login"),
    "password": QT_TRANSLATE_NOOP("FieldRefusals", "Password"),
    "role": QT_TRANSLATE_NOOP("FieldRefusals", "Role"),
    "reason": QT_TRANSLATE_NOOP("FieldRefusals", "Reason"),
    "meaning": QT_TRANSLATE_NOOP("FieldRefusals", "Meaning of the signature"),
    "can_randomize": QT_TRANSLATE_NOOP("FieldRefusals", "Randomization delegated"),
}
_SITE_CODE_RULE = QT_TRANSLATE_NOOP(
    "FieldRefusals",
    "Site code: Latin letters and digits only, at most 10 (it is part of every study ID).",
)
_DENIED = QT_TRANSLATE_NOOP("AdminMessages", "Your role does not allow this action.")
_FILE = QT_TRANSLATE_NOOP("AdminMessages", "The file could not be read or written: %1")
_UNKNOWN = QT_TRANSLATE_NOOP("AdminMessages", "The request was refused (%1).")


def _t(source: object) -> str:
    return QCoreApplication.translate(_CONTEXT, str(source))


def field_message(error: InvalidField) -> str:
    """A refused field, in words that name it."""
    translate = QCoreApplication.translate
    if error.field == "site_code" and error.code in ("too_long", "not_allowed"):
        return translate(_FIELD_CONTEXT, str(_SITE_CODE_RULE))
    source = _FIELD_NAMES.get(error.field)
    label = error.field if source is None else translate(_FIELD_CONTEXT, str(source))
    template = _FIELD_CODES.get(error.code)
    if template is None:
        return fill(_t(_UNKNOWN), f"{error.field}: {error.code}")
    limit = "" if error.limit is None else error.limit
    return fill(translate(_FIELD_CONTEXT, str(template)), label, limit)


def error_message(error: Exception) -> str:
    """The translated sentence for a refusal raised by the service layer."""
    if isinstance(error, InvalidField):
        return field_message(error)
    if isinstance(error, PermissionDenied):
        return _t(_DENIED)
    if isinstance(error, OSError):
        return fill(_t(_FILE), error.strerror or error)
    tables: list[tuple[type[Exception], dict[str, object]]] = [
        (PolicyError, _POLICY),
        (UserError, _USER),
        (SignatureError, _SIGNATURE),
        (AllocationImportError, _ALLOCATION),
        (CenterKeyError, _CENTER_KEY),
        (WorkspaceError, _WORKSPACE),
    ]
    code = str(getattr(error, "code", "")) or type(error).__name__
    for kind, table in tables:
        if isinstance(error, kind) and code in table:
            text = _t(table[code])
            if isinstance(error, SignatureError) and code == "locked_out":
                text = fill(text, error.retry_after_seconds or 0)
            return text
    return fill(_t(_UNKNOWN), code)


HANDLED: tuple[type[Exception], ...] = (
    InvalidField,
    PermissionDenied,
    PolicyError,
    UserError,
    SignatureError,
    AllocationImportError,
    CenterKeyError,
    WorkspaceError,
    OSError,
)
"""The refusals `error_message` words; anything else is a bug and is not caught."""
