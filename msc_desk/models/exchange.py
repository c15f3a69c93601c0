"""Export to the coordinating center: this device's signing key, center keys, the outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from msc_desk.models.audit import SECRET
from msc_desk.models.base import Base


class DeviceSigningKey(Base):
    """This laptop's Ed25519 key that signs its batch envelopes; made once.

    The private half lives only inside the encrypted database (see docs/security-notes.md):
    it is SECRET, so the audit copies a marker and no export carries it.
    """

    __tablename__ = "device_signing_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64), unique=True)
    private_key: Mapped[bytes] = mapped_column(LargeBinary, info=SECRET)
    created_at: Mapped[datetime]


class CenterKeyBundle(Base):
    """A key bundle of the center, verified with the trusted center root key when imported."""

    __tablename__ = "center_key_bundle"

    id: Mapped[int] = mapped_column(primary_key=True)
    bundle: Mapped[str] = mapped_column(Text)
    operational_fingerprint: Mapped[str] = mapped_column(String(64))
    recovery_fingerprint: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime]
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class ExportedBatch(Base):
    """One batch written and read back; acknowledged once the center's receipt is imported."""

    __tablename__ = "export_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence: Mapped[int] = mapped_column(unique=True)
    envelope_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    previous_envelope_sha256: Mapped[str] = mapped_column(String(64))
    folder_name: Mapped[str] = mapped_column(String(120))
    audit_rows: Mapped[int]
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    acknowledged_at: Mapped[datetime | None]
