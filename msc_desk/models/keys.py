"""The append-only registry of users' public keys, and the signatures of the audit chain's head."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from msc_desk.models.base import Base


class UserKeyEntry(Base):
    """One state of a user: public keys, role, delegation, active; signed, never changed.

    `self_signature` is by the entry's own signing key, whenever the entry brings new keys (an
    entry that only changes the role, delegation or active status repeats the previous keys);
    `authority_signature` by the signing key
    of the entry `authority_entry_id` (an administrator, the investigator who delegates, or the
    user's own previous entry). The first administrator's first entry has no authority.
    """

    __tablename__ = "user_key_registry"
    __table_args__ = (UniqueConstraint("user_id", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    sequence: Mapped[int]
    username: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(20))
    can_randomize: Mapped[bool]
    active: Mapped[bool]
    # Keys an administrator made with a password they chose: they sign nothing but their own
    # replacement at the user's first sign-in.
    temporary: Mapped[bool]
    action: Mapped[str] = mapped_column(String(30))
    encryption_public: Mapped[str] = mapped_column(String(64))
    signing_public: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    authority_entry_id: Mapped[int | None] = mapped_column(ForeignKey("user_key_registry.id"))
    self_signature: Mapped[str | None] = mapped_column(Text)
    authority_signature: Mapped[str | None] = mapped_column(Text)


class AuditHeadSignature(Base):
    """The acting user's signature of the audit chain's head (row count and hash) after a write."""

    __tablename__ = "audit_head_signature"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(unique=True)
    audit_count: Mapped[int]
    entry_hash: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    key_entry_id: Mapped[int] = mapped_column(ForeignKey("user_key_registry.id"))
    signature: Mapped[str] = mapped_column(Text)
