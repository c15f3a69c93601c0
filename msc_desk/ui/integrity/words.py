"""Integrity findings in words: what is wrong (from the stable code) and where."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from msc_desk.services.integrity import Finding
from msc_desk.ui.audit.audit_text import field_title, table_title
from msc_desk.ui.labels import fill

_CONTEXT = "IntegrityWords"

_WHAT: dict[str, object] = {
    "audit_hash_mismatch": QT_TRANSLATE_NOOP(
        "IntegrityWords", "An audit trail entry was changed after it was written"
    ),
    "audit_link_broken": QT_TRANSLATE_NOOP(
        "IntegrityWords", "An audit trail entry does not follow the one before it"
    ),
    "audit_id_gap": QT_TRANSLATE_NOOP(
        "IntegrityWords", "Audit trail entries are missing (expected entry %1)"
    ),
    "audit_mark_mismatch": QT_TRANSLATE_NOOP(
        "IntegrityWords", "An audit trail entry verified earlier was changed or deleted"
    ),
    "database_pages_damaged": QT_TRANSLATE_NOOP(
        "IntegrityWords",
        "The database file is damaged: restore it from the latest backup copy and call the"
        " coordinating center",
    ),
    "head_not_prefix": QT_TRANSLATE_NOOP(
        "IntegrityWords",
        "The record version written down earlier (%1 · %2) is not the start of the audit trail"
        " now: the history was rewritten or truncated",
    ),
    "replay_mismatch": QT_TRANSLATE_NOOP(
        "IntegrityWords", "A value differs from what the audit trail says was entered"
    ),
    "replay_unaudited_row": QT_TRANSLATE_NOOP(
        "IntegrityWords", "A record exists that was added past the audit trail"
    ),
    "replay_missing_row": QT_TRANSLATE_NOOP(
        "IntegrityWords", "A record the audit trail created has been deleted"
    ),
    "slot_skipped": QT_TRANSLATE_NOOP(
        "IntegrityWords", "A randomization slot was used while slot %1 stays unused"
    ),
    "reveal_chain_broken": QT_TRANSLATE_NOOP(
        "IntegrityWords", "A randomization record does not match the chain of reveals"
    ),
    "registry_sequence": QT_TRANSLATE_NOOP(
        "IntegrityWords", "The user key registry has entries missing or out of order"
    ),
    "registry_self_signature": QT_TRANSLATE_NOOP(
        "IntegrityWords", "A key registry entry is not signed by the user's own key"
    ),
    "registry_no_authority": QT_TRANSLATE_NOOP(
        "IntegrityWords", "A key registry entry has no countersignature of an administrator"
    ),
    "registry_stale_authority": QT_TRANSLATE_NOOP(
        "IntegrityWords", "A key registry entry is countersigned with a key already replaced"
    ),
    "registry_authority_signature": QT_TRANSLATE_NOOP(
        "IntegrityWords", "The countersignature of a key registry entry is invalid"
    ),
    "registry_authority_role": QT_TRANSLATE_NOOP(
        "IntegrityWords", "A key registry entry is countersigned by a user without that right"
    ),
    "user_not_registered": QT_TRANSLATE_NOOP(
        "IntegrityWords", "A user account has no entry in the key registry"
    ),
    "user_differs_from_registry": QT_TRANSLATE_NOOP(
        "IntegrityWords",
        "A user account (role, delegation or status) differs from the key registry",
    ),
    "recovery_key_pin": QT_TRANSLATE_NOOP(
        "IntegrityWords", "The recovery key differs from the one recorded at set-up"
    ),
    "head_not_in_chain": QT_TRANSLATE_NOOP(
        "IntegrityWords", "A signed audit trail position is not in the audit trail"
    ),
    "head_signature": QT_TRANSLATE_NOOP(
        "IntegrityWords", "The signature of an audit trail position is invalid"
    ),
    "head_stale_key": QT_TRANSLATE_NOOP(
        "IntegrityWords", "An audit trail position is signed with a key already replaced"
    ),
    "unsigned_audit_row": QT_TRANSLATE_NOOP(
        "IntegrityWords", "Audit trail entries are not covered by any user's signature"
    ),
    "audit_row_not_by_signer": QT_TRANSLATE_NOOP(
        "IntegrityWords", "Audit trail entries name a user other than the one who signed them"
    ),
    "e_signature": QT_TRANSLATE_NOOP("IntegrityWords", "An electronic signature is invalid"),
    "e_signature_stale_key": QT_TRANSLATE_NOOP(
        "IntegrityWords", "An electronic signature was made with a key already replaced"
    ),
    "sealed_to_unregistered": QT_TRANSLATE_NOOP(
        "IntegrityWords",
        "The key-slot file opens the database for someone who is not an active user",
    ),
    "slot_recovery_key": QT_TRANSLATE_NOOP(
        "IntegrityWords", "The key-slot file holds a recovery key other than the recorded one"
    ),
    "slot_file_unreadable": QT_TRANSLATE_NOOP("IntegrityWords", "The key-slot file cannot be read"),
    "infusion_signature_invalid": QT_TRANSLATE_NOOP(
        "IntegrityWords",
        "An MSC infusion confirmation does not verify: the dose, lot or volume was changed after"
        " signing, or it was signed with a key other than the person's registered one",
    ),
    "infusion_signature_missing": QT_TRANSLATE_NOOP(
        "IntegrityWords", "An MSC infusion confirmation has no signature"
    ),
    "infusion_signature_stale_key": QT_TRANSLATE_NOOP(
        "IntegrityWords", "An MSC infusion confirmation was signed with a key already replaced"
    ),
    "infusion_same_person": QT_TRANSLATE_NOOP(
        "IntegrityWords", "One person both prepared and checked an MSC infusion"
    ),
    "infusion_started_unchecked": QT_TRANSLATE_NOOP(
        "IntegrityWords", "An MSC infusion is recorded as started without the second check"
    ),
    "adverse_event_incomplete": QT_TRANSLATE_NOOP(
        "IntegrityWords",
        "An adverse event is to be completed (grade, seriousness, action taken, outcome)",
    ),
}
_UNKNOWN = QT_TRANSLATE_NOOP("IntegrityWords", "Problem of an unknown kind (%1)")

FINDING_CODES = frozenset(_WHAT)
"""Every code this module words (a test compares it with the services' lists)."""


def _t(source: object) -> str:
    return QCoreApplication.translate(_CONTEXT, str(source))


def what_text(finding: Finding) -> str:
    """What is wrong, in a sentence."""
    source = _WHAT.get(finding.code)
    if source is None:
        return fill(_t(_UNKNOWN), finding.code)
    params = finding.params
    if finding.code == "audit_id_gap":
        return fill(_t(source), params.get("expected", "?"))
    if finding.code == "slot_skipped":
        return fill(_t(source), params.get("unused", "?"))
    if finding.code == "head_not_prefix":
        digits = params.get("hash", "?")[:16].upper()
        grouped = " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))
        return fill(_t(source), params.get("count", "?"), grouped)
    return _t(source)


def where_text(finding: Finding) -> str:
    """Where: the form and field, the record, the audit entry or the slot."""
    parts = []
    if finding.table == "keyslots":
        parts.append(_t(QT_TRANSLATE_NOOP("IntegrityWords", "Key-slot file")))
    elif finding.table == "audit_log":
        parts.append(_t(QT_TRANSLATE_NOOP("IntegrityWords", "Audit trail")))
    elif finding.table == "allocation_slot":
        parts.append(_t(QT_TRANSLATE_NOOP("IntegrityWords", "Randomization list")))
    elif finding.table == "user_key_registry":
        parts.append(_t(QT_TRANSLATE_NOOP("IntegrityWords", "User key registry")))
    elif finding.table is not None:
        parts.append(table_title(finding.table))
    if finding.field is not None:
        parts.append(fill(_t(QT_TRANSLATE_NOOP("IntegrityWords", "field «%1»")), field_title(
            finding.table, finding.field)))  # fmt: skip
    if finding.record is not None:
        parts.append(fill(_t(QT_TRANSLATE_NOOP("IntegrityWords", "record %1")), finding.record))
    if finding.audit_id is not None:
        parts.append(fill(_t(QT_TRANSLATE_NOOP("IntegrityWords", "entry %1")), finding.audit_id))
    if finding.slot is not None:
        parts.append(fill(_t(QT_TRANSLATE_NOOP("IntegrityWords", "slot %1")), finding.slot))
    detail = finding.params.get("detail")
    if detail:
        parts.append(detail)
    return ", ".join(parts)
