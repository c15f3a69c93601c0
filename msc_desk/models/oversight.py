"""Electronic signatures and monitors' data queries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from msc_desk.models.base import Base


class Signature(Base):
    """An investigator's signature of a form (visit) or a whole casebook (visit_id empty)."""

    __tablename__ = "signature"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"))
    signed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    signed_at: Mapped[datetime]
    meaning: Mapped[str] = mapped_column(String(200))
    voided_at: Mapped[datetime | None]
    void_reason: Mapped[str | None] = mapped_column(Text)
    # The signer's Ed25519 signature of the signed content, and the registry entry of that key.
    key_entry_id: Mapped[int | None] = mapped_column(ForeignKey("user_key_registry.id"))
    signer_signature: Mapped[str | None] = mapped_column(Text)


class DataQuery(Base):
    """A monitor's question about a value, answered by the site."""

    __tablename__ = "data_query"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"))
    field: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    raised_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    raised_at: Mapped[datetime]
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    answered_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Which form the query is on: "visit" (with visit_id), "adverse_event" (with record_id)
    # or "outcome"; `field` empty means the whole form.
    form: Mapped[str | None] = mapped_column(String(20))
    record_id: Mapped[int | None]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
