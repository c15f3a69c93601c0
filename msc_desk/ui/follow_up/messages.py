"""Follow-up refusals in words: locked forms, contradictions, queries; the rest as elsewhere."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from msc_desk import catalogue
from msc_desk.security.form_locks import FormLocked
from msc_desk.services.follow_up import FollowUpError
from msc_desk.services.input_rules import InvalidField
from msc_desk.ui.audit.audit_text import language
from msc_desk.ui.labels import fill
from msc_desk.ui.refusals import HANDLED as COMMON_HANDLED
from msc_desk.ui.refusals import error_message

_CONTEXT = "FollowUpMessages"
_LOCKED = QT_TRANSLATE_NOOP(
    "FollowUpMessages",
    "The form is signed and locked. To change it, an investigator first removes the signature"
    " with a reason (the signature is then void).",
)
_FOLLOW_UP = {
    "not_found": QT_TRANSLATE_NOOP("FollowUpMessages", "The record was not found."),
    "not_randomized": QT_TRANSLATE_NOOP(
        "FollowUpMessages", "Follow-up starts at randomization: the patient is not randomized."
    ),
    "query_closed": QT_TRANSLATE_NOOP("FollowUpMessages", "The query is already closed."),
    "already_complete": QT_TRANSLATE_NOOP(
        "FollowUpMessages", "The event is already completed: correct it with a reason."
    ),
    "query_not_answered": QT_TRANSLATE_NOOP(
        "FollowUpMessages", "The query is not answered yet: close it after the answer."
    ),
}
_FIELD_CODES = {
    "before_randomization": QT_TRANSLATE_NOOP(
        "FollowUpMessages", "%1: the date is before randomization. Check it."
    ),
    "before_onset": QT_TRANSLATE_NOOP(
        "FollowUpMessages", "%1: the end is before the onset. Check the dates."
    ),
    "after_death": QT_TRANSLATE_NOOP(
        "FollowUpMessages", "%1: the date is after the recorded death. Check it."
    ),
    "after_hospital_discharge": QT_TRANSLATE_NOOP(
        "FollowUpMessages", "%1: the ICU discharge is after the hospital discharge."
    ),
    "serious_reason_required": QT_TRANSLATE_NOOP(
        "FollowUpMessages", "%1: a serious event needs the criterion of seriousness."
    ),
    "not_serious": QT_TRANSLATE_NOOP(
        "FollowUpMessages", "%1: the event is not marked as serious: leave this empty."
    ),
    "not_died": QT_TRANSLATE_NOOP(
        "FollowUpMessages", "%1: the patient is not marked as dead: leave this empty."
    ),
    "not_withdrawn": QT_TRANSLATE_NOOP(
        "FollowUpMessages", "%1: the patient is not marked as withdrawn: leave this empty."
    ),
    "required": QT_TRANSLATE_NOOP("FollowUpMessages", "%1: fill in this field."),
    "not_allowed": QT_TRANSLATE_NOOP("FollowUpMessages", "%1: this value is not allowed."),
    "out_of_range": QT_TRANSLATE_NOOP(
        "FollowUpMessages", "%1: the value is outside the allowed range (limit: %2)."
    ),
}
_FIELD_NAMES = {
    "answer": QT_TRANSLATE_NOOP("FollowUpMessages", "Answer"),
    "text": QT_TRANSLATE_NOOP("FollowUpMessages", "Query text"),
    "field": QT_TRANSLATE_NOOP("FollowUpMessages", "Field"),
    "reason": QT_TRANSLATE_NOOP("FollowUpMessages", "Reason for the change"),
}

HANDLED: tuple[type[Exception], ...] = (*COMMON_HANDLED, FollowUpError, FormLocked)


def _t(source: object) -> str:
    return QCoreApplication.translate(_CONTEXT, str(source))


def field_name(field: str) -> str:
    """A field in words: the catalogue's label, or one of the dialogs' own fields."""
    if field in _FIELD_NAMES:
        return _t(_FIELD_NAMES[field])
    item = catalogue.FIELDS.get(field)
    return field if item is None else item.label(language())


def follow_up_message(error: Exception) -> str:
    """The translated sentence for a refusal of the follow-up services."""
    if isinstance(error, FormLocked):
        return _t(_LOCKED)
    if isinstance(error, FollowUpError) and error.code in _FOLLOW_UP:
        return _t(_FOLLOW_UP[error.code])
    if isinstance(error, InvalidField) and error.code in _FIELD_CODES:
        limit = "" if error.limit is None else error.limit
        return fill(_t(_FIELD_CODES[error.code]), field_name(error.field), limit)
    if isinstance(error, InvalidField) and (
        error.field in catalogue.FIELDS or error.field in _FIELD_NAMES
    ):
        # The common wording, with the field named by the catalogue.
        text = error_message(error)
        return text.replace(error.field, field_name(error.field), 1)
    return error_message(error)
