"""The append-only, hash-chained audit trail, and the per-column rules for what it may copy."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Index, Integer, LargeBinary, String, Table, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from msc_desk.models.base import Base

# Column metadata read by the audit hook, replay, exports and the data catalogue:
# - SECRET: sealed material, signed documents, keys, nonces; the audit copies a fixed marker.
# - KEYED: secret, but replay must compare it: the audit copies an HMAC under the audit key.
# - IDENTIFIER: a direct identifier; the audit copies a marker (its history is kept apart).
# - REVEALS_ARM: shows the allocation; hidden from a blinded reviewer.
SECRET: dict[str, Any] = {"audit": "secret"}
KEYED: dict[str, Any] = {"audit": "keyed"}
IDENTIFIER: dict[str, Any] = {"audit": "identifier"}
REVEALS_ARM: dict[str, Any] = {"reveals_arm": True}
CLOCK_BACKWARD = "clock_backward"
CLOCK_BACKWARD_WHERE = f"action = '{CLOCK_BACKWARD}'"
"""The audit action of a clock seen going back, as the partial index (and its query) spell it."""


class ChainedEntry:
    """The columns of a row of an append-only, hash-chained trail (audit log, identification).

    `entry_hash` = SHA-256 over the previous hash and the row's fields.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    user_id: Mapped[int | None]
    username: Mapped[str | None] = mapped_column(String(64))
    role: Mapped[str | None] = mapped_column(String(20))
    device: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[str | None] = mapped_column(String(40))
    patient_id: Mapped[int | None] = mapped_column(index=True)
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditEntry(ChainedEntry, Base):
    """One audited event: a changed column of any record, or an event (login, export...)."""

    __tablename__ = "audit_log"
    # The clock guard's lookup of a rare event reads this small index, not the whole log; a
    # partial index costs an insert nothing unless the row is such an event.
    __table_args__ = (
        Index(
            "ix_audit_log_clock_backward",
            "id",
            sqlite_where=text(CLOCK_BACKWARD_WHERE),
        ),
    )

    table_name: Mapped[str | None] = mapped_column(String(40))


# Not mapped, so never audited: the random key of the audit's HMACs (made by the migration,
# stable across database rekeys), and where the last incremental chain check stopped.
audit_key_table = Table(
    "audit_key",
    Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("key", LargeBinary, nullable=False),
)
integrity_mark_table = Table(
    "integrity_mark",
    Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("verified_audit_id", Integer, nullable=False),
    Column("verified_hash", String(64), nullable=False),
)
