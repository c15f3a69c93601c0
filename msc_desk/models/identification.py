"""The identification trail: the history of the identification log, kept apart from the audit."""

from __future__ import annotations

from msc_desk.models.audit import ChainedEntry
from msc_desk.models.base import Base


class IdentificationAuditEntry(ChainedEntry, Base):
    """One changed identifier, hash-chained like the audit log; read only with the right to.

    Append-only like the audit log: the triggers that refuse UPDATE, DELETE and REPLACE are
    created by the migration.
    """

    __tablename__ = "identification_audit"
