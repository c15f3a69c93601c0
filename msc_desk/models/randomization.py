"""The signed allocation list, stored sealed, and its slots revealed one at a time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from msc_desk.models.base import Base
from msc_desk.models.enums import Arm


class AllocationList(Base):
    """An imported allocation list; the signed file is kept verbatim for the center to check."""

    __tablename__ = "allocation_list"

    id: Mapped[int] = mapped_column(primary_key=True)
    list_uid: Mapped[str] = mapped_column(String(64), unique=True)
    study: Mapped[str] = mapped_column(String(40))
    device_uid: Mapped[str] = mapped_column(String(36))
    stratum: Mapped[str | None] = mapped_column(String(40))
    first_slot: Mapped[int]
    slot_count: Mapped[int]
    signer_fingerprint: Mapped[str] = mapped_column(String(128))
    signed_document: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime]
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class AllocationSlot(Base):
    """One slot: its arm is sealed until a randomization reveals it, then it is final."""

    __tablename__ = "allocation_slot"
    __table_args__ = (UniqueConstraint("list_id", "slot_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("allocation_list.id"))
    slot_number: Mapped[int]
    sealed_arm: Mapped[bytes] = mapped_column(LargeBinary)
    commitment: Mapped[str] = mapped_column(String(64))
    arm: Mapped[Arm | None] = mapped_column(String(10))
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patient.id"), unique=True)
    revealed_at: Mapped[datetime | None]
    revealed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reveal_hash: Mapped[str | None] = mapped_column(String(64))
