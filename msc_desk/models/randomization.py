"""The signed allocation list, its slots revealed one at a time, and who holds the reveal key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from msc_desk.models.audit import KEYED, REVEALS_ARM, SECRET
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
    signed_document: Mapped[str] = mapped_column(Text, info=KEYED)
    imported_at: Mapped[datetime]
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # The list key, sealed by the center to this laptop's randomization public key.
    sealed_list_key: Mapped[bytes] = mapped_column(LargeBinary, info=SECRET)
    first_study_number: Mapped[int]
    study_number_count: Mapped[int]


class AllocationSlot(Base):
    """One slot: its arm is sealed until a randomization reveals it, then it is final."""

    __tablename__ = "allocation_slot"
    __table_args__ = (UniqueConstraint("list_id", "slot_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("allocation_list.id"))
    slot_number: Mapped[int]
    sealed_arm: Mapped[bytes] = mapped_column(LargeBinary, info=KEYED)
    commitment: Mapped[str] = mapped_column(String(64))
    arm: Mapped[Arm | None] = mapped_column(String(10), info=REVEALS_ARM)
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patient.id"), unique=True)
    revealed_at: Mapped[datetime | None]
    revealed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reveal_hash: Mapped[str | None] = mapped_column(String(64))
    # The carbon copy: SHA-256 of the eligibility result the reveal was made on.
    eligibility_sha256: Mapped[str | None] = mapped_column(String(64))


class RandomizationKey(Base):
    """This laptop's randomization X25519 key pair: the public half, given to the center."""

    __tablename__ = "randomization_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class RandomizationKeySeal(Base):
    """The randomization private key, sealed to one randomizing user's X25519 public key."""

    __tablename__ = "randomization_key_seal"
    __table_args__ = (UniqueConstraint("key_id", "user_public_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("randomization_key.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user_public_key: Mapped[str] = mapped_column(String(64))
    sealed_private_key: Mapped[bytes] = mapped_column(LargeBinary, info=SECRET)
    granted_at: Mapped[datetime]
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class ClockConfirmation(Base):
    """An investigator's signed confirmation of the laptop's time after a backward jump."""

    __tablename__ = "clock_confirmation"

    id: Mapped[int] = mapped_column(primary_key=True)
    confirmed_at: Mapped[datetime]
    confirmed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    reason: Mapped[str] = mapped_column(Text)
    # The last audit row when confirmed: instants audited up to it no longer count as "seen".
    last_audit_id: Mapped[int]
    payload: Mapped[str] = mapped_column(Text)
    signer_public_key: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(100))
