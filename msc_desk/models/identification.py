"""The identification trail: the history of the identification log, kept apart from the audit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DDL, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from msc_desk.models.base import Base


class IdentificationAuditEntry(Base):
    """One changed identifier, hash-chained like the audit log; read only with the right to."""

    __tablename__ = "identification_audit"

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


_REFUSED = "RAISE(ABORT, 'identification_audit is append-only')"
IDENTIFICATION_AUDIT_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS identification_audit_no_update BEFORE UPDATE ON "
    f"identification_audit BEGIN SELECT {_REFUSED}; END",
    "CREATE TRIGGER IF NOT EXISTS identification_audit_no_delete BEFORE DELETE ON "
    f"identification_audit BEGIN SELECT {_REFUSED}; END",
    # REPLACE, upserts and OR IGNORE act on a clash with a unique column: refuse the clash first.
    "CREATE TRIGGER IF NOT EXISTS identification_audit_no_replace BEFORE INSERT ON "
    "identification_audit WHEN EXISTS (SELECT 1 FROM identification_audit "
    "WHERE id = NEW.id OR entry_hash = NEW.entry_hash) "
    f"BEGIN SELECT {_REFUSED}; END",
)
for _statement in IDENTIFICATION_AUDIT_TRIGGERS:
    event.listen(IdentificationAuditEntry.__table__, "after_create", DDL(_statement))
