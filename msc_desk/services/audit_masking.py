"""What the audit viewer and its CSV hide: identifiers from everyone, arms from blinded readers."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table

from msc_desk.models import AdverseEvent, AllocationSlot, Arm, Base, Infusion, PatientIdentification
from msc_desk.services.actor import Actor
from msc_desk.services.permissions import Action, is_allowed

if TYPE_CHECKING:  # audit_review masks what it exports, so it imports this module
    from msc_desk.services.audit_review import AuditRow

HIDDEN = "[скрыто]"
"""Shown instead of a value the reader may not see (Russian: the viewer and CSV are the ward's)."""

ARM_LABEL_SETTING = "blinding.arm_labels"

# Declared here until every such column carries its `info` marker; the markers are read too.
_IDENTIFIER_COLUMNS = {
    (PatientIdentification.__tablename__, name)
    for name in (
        "full_name",
        "medical_record_number",
        "date_of_birth",
        "consent_representative_name",
    )
}
_ARM_COLUMNS = {
    (AllocationSlot.__tablename__, name)
    for name in ("arm", "sealed_arm", "commitment", "reveal_hash")
} | {(AdverseEvent.__tablename__, "related_to_msc")}
# Whose existence alone tells the arm: only the MSC arm is infused.
ARM_TABLES = frozenset({Infusion.__tablename__})
_ARM_EVENTS = frozenset({"randomize"})
_ARM_WORD = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(arm.value) for arm in Arm) + r")(?![\w-])", re.IGNORECASE
)


def _marked_columns(key: str, wanted: object) -> set[tuple[str, str]]:
    found = set()
    for name, table in Base.metadata.tables.items():
        assert isinstance(table, Table)
        for column in table.columns:
            if column.info.get(key) == wanted:
                found.add((name, column.name))
    return found


def identifier_columns() -> frozenset[tuple[str, str]]:
    """(table, column) pairs whose values never appear in the general audit's views."""
    return frozenset(_IDENTIFIER_COLUMNS | _marked_columns("audit", "identifier"))


def arm_columns() -> frozenset[tuple[str, str]]:
    """(table, column) pairs whose values reveal an arm."""
    return frozenset(_ARM_COLUMNS | _marked_columns("reveals_arm", True))


def reveals_arm(text: str | None) -> bool:
    """Whether free text names an arm as a word of its own ("msc", not the study id "MSC-001")."""
    return text is not None and _ARM_WORD.search(text) is not None


def _hide(row: AuditRow, *, reason: bool = False) -> AuditRow:
    changes: dict[str, Any] = {
        "old_value": None if row.old_value is None else HIDDEN,
        "new_value": None if row.new_value is None else HIDDEN,
    }
    if reason and row.reason is not None:
        changes["reason"] = HIDDEN
    return replace(row, **changes)


def _blinded(row: AuditRow, arm_cells: frozenset[tuple[str, str]]) -> AuditRow | None:
    if row.table_name in ARM_TABLES:
        return None
    if (row.table_name, row.field) in arm_cells or row.action in _ARM_EVENTS:
        return _hide(row, reason=True)
    if row.table_name == "setting" and row.record_id == ARM_LABEL_SETTING:
        return _hide(row)
    if any(reveals_arm(text) for text in (row.old_value, row.new_value)):
        row = _hide(row)
    if reveals_arm(row.reason):
        row = replace(row, reason=HIDDEN)
    return row


def mask_rows(rows: list[AuditRow], actor: Actor | None) -> list[AuditRow]:
    """The rows as `actor` may read them.

    Identifier values are hidden from everyone (their history is the identification trail).
    A reader without VIEW_ALLOCATION gets no infusion rows, and every value, event detail or
    reason that reveals an arm is hidden. `actor` None masks identifiers only.
    """
    identifiers = identifier_columns()
    blinded = actor is not None and not is_allowed(actor, Action.VIEW_ALLOCATION)
    arm_cells = arm_columns()
    masked = []
    for row in rows:
        if (row.table_name, row.field) in identifiers:
            row = _hide(row)
        if blinded:
            shown = _blinded(row, arm_cells)
            if shown is None:
                continue
            row = shown
        masked.append(row)
    return masked
