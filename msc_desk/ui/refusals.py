"""Words (translated) for the service layer's refusal codes, one table for every dialog."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from msc_desk.security.layout import WorkspaceError
from msc_desk.security.policy import PolicyError
from msc_desk.services.allocation import AllocationImportError
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
_DENIED = QT_TRANSLATE_NOOP("AdminMessages", "Your role does not allow this action.")
_FILE = QT_TRANSLATE_NOOP("AdminMessages", "The file could not be read or written: %1")
_UNKNOWN = QT_TRANSLATE_NOOP("AdminMessages", "The request was refused (%1).")


def _t(source: object) -> str:
    return QCoreApplication.translate(_CONTEXT, str(source))


def error_message(error: Exception) -> str:
    """The translated sentence for a refusal raised by the service layer."""
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
