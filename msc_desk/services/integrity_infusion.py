"""Integrity findings of the MSC infusions (the two signed confirmations) and open reactions."""

# Each infusion carries two confirmations of the same payload (patient, day, lot, dose,
# weight, volume, concentration, viability): the preparer's and the second person's, each
# signed with the key of their own registry entry. A value changed after signing, a signature
# by a key that is not the person's registered one, a key already replaced when the signature
# was written, or one person in both roles is a finding. Demo infusions are signed the same
# way and are checked like any other.

from __future__ import annotations

import base64

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from msc_desk.models import AuditEntry, Infusion, UserKeyEntry
from msc_desk.services.adverse_event_reactions import incomplete_adverse_events
from msc_desk.services.infusion import PURPOSE_CHECKED, PURPOSE_PREPARED, check_payload
from msc_desk.services.integrity import Finding
from msc_desk.services.registry import superseded_at, valid_entry_ids, verify_for_entry

INFUSION_TABLE = Infusion.__tablename__
INFUSION_SIGNATURE_INVALID = "infusion_signature_invalid"
INFUSION_SIGNATURE_MISSING = "infusion_signature_missing"
INFUSION_SIGNATURE_STALE_KEY = "infusion_signature_stale_key"
INFUSION_SAME_PERSON = "infusion_same_person"
INFUSION_STARTED_UNCHECKED = "infusion_started_unchecked"
ADVERSE_EVENT_INCOMPLETE = "adverse_event_incomplete"
CODES = frozenset(
    {
        INFUSION_SIGNATURE_INVALID,
        INFUSION_SIGNATURE_MISSING,
        INFUSION_SIGNATURE_STALE_KEY,
        INFUSION_SAME_PERSON,
        INFUSION_STARTED_UNCHECKED,
        ADVERSE_EVENT_INCOMPLETE,
    }
)
"""Every code this module reports (the UI words each one)."""


def _signer(
    session: Session,
    infusion: Infusion,
    valid: set[int],
    *,
    purpose: str,
    user_id: int | None,
    entry_id: int | None,
    signature: str | None,
) -> tuple[str | None, UserKeyEntry | None]:
    """(finding code or None, the registry entry whose key made the signature)."""
    if signature is None and entry_id is None:
        return INFUSION_SIGNATURE_MISSING, None
    entry = session.get(UserKeyEntry, entry_id) if entry_id is not None else None
    try:
        signed = base64.b64decode(signature or "", validate=True)
    except ValueError:
        signed = b""
    if (
        entry is None
        or entry.id not in valid
        or entry.user_id != user_id
        or not verify_for_entry(session, entry.id, purpose, check_payload(infusion), signed)
    ):
        return INFUSION_SIGNATURE_INVALID, None
    return None, entry


def _signatures_written(session: Session) -> dict[tuple[str, str], int]:
    """{(infusion id, signature column): the audit row that last wrote it}."""
    rows = session.execute(
        select(AuditEntry.record_id, AuditEntry.field, func.max(AuditEntry.id))
        .where(
            AuditEntry.table_name == INFUSION_TABLE,
            AuditEntry.field.in_(("prepared_signature", "checked_signature")),
        )
        .group_by(AuditEntry.record_id, AuditEntry.field)
    )
    return {(str(record), str(field)): int(position) for record, field, position in rows}


def infusion_findings(session: Session) -> list[Finding]:
    """Both confirmations of every infusion, verified against the key registry."""
    valid = valid_entry_ids(session)
    superseded = superseded_at(session)
    written = _signatures_written(session)
    query = select(Infusion).order_by(Infusion.id)
    findings: list[Finding] = []
    for infusion in session.scalars(query):
        record = str(infusion.id)
        prepared_code, prepared_entry = _signer(
            session, infusion, valid, purpose=PURPOSE_PREPARED,
            user_id=infusion.prepared_by_id, entry_id=infusion.prepared_key_entry_id,
            signature=infusion.prepared_signature,
        )  # fmt: skip
        if prepared_code is not None:
            findings.append(
                Finding(prepared_code, INFUSION_TABLE, record, field="prepared_signature")
            )
        checked = infusion.checked_by_id is not None or infusion.checked_signature is not None
        checked_entry = None
        if checked:
            checked_code, checked_entry = _signer(
                session, infusion, valid, purpose=PURPOSE_CHECKED,
                user_id=infusion.checked_by_id, entry_id=infusion.checked_key_entry_id,
                signature=infusion.checked_signature,
            )  # fmt: skip
            if checked_code is not None:
                findings.append(
                    Finding(checked_code, INFUSION_TABLE, record, field="checked_signature")
                )
        elif infusion.started_at is not None:
            findings.append(Finding(INFUSION_STARTED_UNCHECKED, INFUSION_TABLE, record))
        for column, entry in (
            ("prepared_signature", prepared_entry),
            ("checked_signature", checked_entry),
        ):
            replaced = superseded.get(entry.id) if entry is not None else None
            position = written.get((record, column))
            if replaced is not None and position is not None and position > replaced:
                findings.append(
                    Finding(INFUSION_SIGNATURE_STALE_KEY, INFUSION_TABLE, record, field=column)
                )
        preparer = prepared_entry.user_id if prepared_entry is not None else None
        checker = checked_entry.user_id if checked_entry is not None else None
        same_ids = (
            infusion.prepared_by_id is not None
            and infusion.prepared_by_id == infusion.checked_by_id
        )
        if same_ids or (preparer is not None and preparer == checker):
            findings.append(Finding(INFUSION_SAME_PERSON, INFUSION_TABLE, record))
    return findings


def incomplete_event_findings(session: Session) -> list[Finding]:
    """Adverse events a reaction opened that nobody has completed yet.

    Only the record is named: the check is open to every reader, and a patient with an event
    waiting for completion is an MSC-arm patient.
    """
    return [
        Finding(ADVERSE_EVENT_INCOMPLETE, "adverse_event", str(event.id))
        for event in incomplete_adverse_events(session)
    ]


def infusion_checks(session: Session) -> list[Finding]:
    """The infusion confirmations, then the adverse events still to be completed."""
    return infusion_findings(session) + incomplete_event_findings(session)
