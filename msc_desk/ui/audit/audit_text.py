"""Audit rows in words: catalogue labels, translated values, Moscow time, actions and rights."""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

import msc_desk.catalogue as catalogue
from msc_desk.catalogue import FieldType
from msc_desk.models.enums import Role
from msc_desk.services.audit_masking import HIDDEN
from msc_desk.services.permissions import Action
from msc_desk.timekeeping import to_moscow
from msc_desk.ui.labels import role_label

_ACTIONS = {
    "insert": QT_TRANSLATE_NOOP("AuditActions", "Created"),
    "update": QT_TRANSLATE_NOOP("AuditActions", "Changed"),
    "delete": QT_TRANSLATE_NOOP("AuditActions", "Deleted"),
    "login": QT_TRANSLATE_NOOP("AuditActions", "Sign-in"),
    "login_failed": QT_TRANSLATE_NOOP("AuditActions", "Failed sign-in"),
    "logout": QT_TRANSLATE_NOOP("AuditActions", "Sign-out"),
    "lock": QT_TRANSLATE_NOOP("AuditActions", "Screen locked"),
    "unlock": QT_TRANSLATE_NOOP("AuditActions", "Unlocked"),
    "randomize": QT_TRANSLATE_NOOP("AuditActions", "Randomization"),
    "sign": QT_TRANSLATE_NOOP("AuditActions", "Signature"),
    "sign_failed": QT_TRANSLATE_NOOP("AuditActions", "Failed signature"),
    "permission_denied": QT_TRANSLATE_NOOP("AuditActions", "Access denied"),
    "password_reset": QT_TRANSLATE_NOOP("AuditActions", "Password reset"),
    "export": QT_TRANSLATE_NOOP("AuditActions", "Export"),
    "audit_export": QT_TRANSLATE_NOOP("AuditActions", "Audit trail exported"),
    "screen": QT_TRANSLATE_NOOP("AuditActions", "Screening"),
    "import_allocation": QT_TRANSLATE_NOOP("AuditActions", "Allocation list imported"),
    "allocation_import_refused": QT_TRANSLATE_NOOP("AuditActions", "Allocation import refused"),
    "center_key_trusted": QT_TRANSLATE_NOOP("AuditActions", "Center key set"),
    "workspace_created": QT_TRANSLATE_NOOP("AuditActions", "Workspace created"),
}

# What a denied right was, as the detail of a "permission_denied" entry names it.
_RIGHTS = {
    Action.VIEW_CLINICAL: QT_TRANSLATE_NOOP("AuditRights", "viewing clinical data"),
    Action.VIEW_IDENTIFICATION: QT_TRANSLATE_NOOP("AuditRights", "viewing patient identifiers"),
    Action.VIEW_ALLOCATION: QT_TRANSLATE_NOOP("AuditRights", "viewing the allocation"),
    Action.SCREEN: QT_TRANSLATE_NOOP("AuditRights", "screening"),
    Action.ENTER_DATA: QT_TRANSLATE_NOOP("AuditRights", "entering data"),
    Action.RANDOMIZE: QT_TRANSLATE_NOOP("AuditRights", "randomization"),
    Action.SIGN: QT_TRANSLATE_NOOP("AuditRights", "signing"),
    Action.UNLOCK_SIGNED: QT_TRANSLATE_NOOP("AuditRights", "unlocking a signed form"),
    Action.EXPORT: QT_TRANSLATE_NOOP("AuditRights", "export"),
    Action.RAISE_QUERY: QT_TRANSLATE_NOOP("AuditRights", "raising a query"),
    Action.ANSWER_QUERY: QT_TRANSLATE_NOOP("AuditRights", "answering a query"),
    Action.VIEW_AUDIT: QT_TRANSLATE_NOOP("AuditRights", "viewing the audit trail"),
    Action.MANAGE_USERS: QT_TRANSLATE_NOOP("AuditRights", "managing users"),
    Action.MANAGE_KEYS: QT_TRANSLATE_NOOP("AuditRights", "managing keys"),
    Action.MANAGE_SETTINGS: QT_TRANSLATE_NOOP("AuditRights", "changing settings"),
    Action.IMPORT_ALLOCATION: QT_TRANSLATE_NOOP("AuditRights", "importing an allocation list"),
}


def language() -> str:
    """The catalogue language matching the installed translation ("ru" or "en")."""
    # The Russian translation file translates this code: it says which language it is.
    code = QCoreApplication.translate("AuditText", "en")
    return code if code in ("ru", "en") else "en"


def action_label(action: str) -> str:
    """The action in words; an action without a translation is shown as recorded."""
    source = _ACTIONS.get(action)
    return action if source is None else QCoreApplication.translate("AuditActions", str(source))


def role_text(role: str | None) -> str:
    try:
        return role_label(Role(role)) if role else ""
    except ValueError:
        return role or ""


def moscow_stamp(instant: datetime) -> str:
    """dd.MM.yyyy HH:mm:ss МСК."""
    zone = QCoreApplication.translate("AuditText", "MSK")
    return f"{to_moscow(instant).strftime('%d.%m.%Y %H:%M:%S')} {zone}"


def table_title(table: str | None) -> str:
    if table is None:
        return ""
    found = catalogue.table(table)
    return table if found is None else found.title(language())


def field_title(table: str | None, field: str | None) -> str:
    if field is None:
        return ""
    found = catalogue.column(table or "", field)
    return field if found is None else found.label(language())


def _decimal(text: str) -> str:
    return text.replace(".", QLocale().decimalPoint())


def _instant(text: str) -> str:
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return text
    if parsed.utcoffset() is None:
        return text
    return moscow_stamp(parsed)


def _date(text: str) -> str:
    try:
        return date.fromisoformat(text).strftime("%d.%m.%Y")
    except ValueError:
        return text


def value_text(table: str | None, field: str | None, value: str | None) -> str:
    """A stored value as a Russian monitor reads it; a hidden value stays hidden.

    Choices and yes/no in words, numbers with their unit, instants in Moscow time, dates as
    dd.MM.yyyy.
    """
    if value is None:
        return ""
    if value == HIDDEN:
        return HIDDEN
    if (table, field) == ("observation", "code") and value in catalogue.FIELDS:
        return catalogue.field(value).label(language())  # which laboratory value
    item = catalogue.column(table or "", field or "")
    if item is None:
        return value
    words = catalogue.value_label(item, value, language())
    if words != value:
        return words or ""
    if item.type is FieldType.INSTANT:
        return _instant(value)
    if item.type is FieldType.DATE:
        return _date(value)
    if item.type in catalogue.NUMERIC_TYPES:
        unit = item.unit_text(language())
        return f"{_decimal(value)} {unit}".strip()
    return value


_SLOT = re.compile(r"slot (\d+): (\w+)")
_LIST = re.compile(r"list (\S+): slots (\d+)-(\d+)")


def _arm_words(code: str) -> str:
    arm = catalogue.column("allocation_slot", "arm")
    assert arm is not None
    return catalogue.value_label(arm, code, language()) or code


def detail_text(action: str, detail: str | None) -> str:
    """An event's detail in words where it is a code (a denied right, a slot, a list)."""
    if detail is None:
        return ""
    if detail == HIDDEN:
        return HIDDEN
    if action == "randomize" and (match := _SLOT.fullmatch(detail)):
        template = QCoreApplication.translate("AuditText", "slot %1: %2")
        return template.replace("%1", match[1]).replace("%2", _arm_words(match[2]))
    if action == "import_allocation" and (match := _LIST.fullmatch(detail)):
        template = QCoreApplication.translate("AuditText", "list %1: slots %2–%3")
        return template.replace("%1", match[1]).replace("%2", match[2]).replace("%3", match[3])
    if action == "sign_failed" and detail == "wrong password":
        return QCoreApplication.translate("AuditText", "wrong password")
    if action == "permission_denied":
        try:
            source = _RIGHTS[Action(detail)]
        except (KeyError, ValueError):
            return detail
        return QCoreApplication.translate("AuditRights", str(source))
    return detail
