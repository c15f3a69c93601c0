"""The center's receipts: a verified receipt acknowledges its batch, clearing it from the outbox."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from msc_desk.exchange import SignedDocumentError, verify_receipt
from msc_desk.models import Device, ExportedBatch
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.export_keys import current_center_bundle
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock


class ReceiptRefused(Exception):
    """A receipt not taken; `code`: bad_receipt, other_device, unknown_batch."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Acknowledged:
    sequence: int
    already: bool


def import_receipt(
    factory: SessionFactory, actor: Actor, data: bytes, clock: Clock = system_clock
) -> Acknowledged:
    """Verify a receipt with the center's receipt key and mark its batch acknowledged.

    Raises:
        PermissionDenied: the role may not export.
        ExportKeyError: no center key bundle to verify the receipt with.
        ReceiptRefused: altered or foreign receipt, another laptop's, or an unknown batch.
    """
    authorize(factory, actor, Action.EXPORT, clock)
    bundle = current_center_bundle(factory)
    try:
        receipt = verify_receipt(data, bundle.receipt_public_key)
    except SignedDocumentError as exc:
        raise ReceiptRefused("bad_receipt", str(exc)) from exc
    with read_session(factory) as session:
        device_uid = session.scalar(select(Device.device_uid).order_by(Device.id))
    if receipt.device_id != device_uid or receipt.study != bundle.study:
        raise ReceiptRefused("other_device", f"the receipt is for device {receipt.device_id}")
    with unit_of_work(factory, actor, clock=clock) as session:
        batch = session.scalars(
            select(ExportedBatch).where(ExportedBatch.sequence == receipt.sequence)
        ).first()
        if batch is None or batch.envelope_sha256 != receipt.envelope_sha256:
            raise ReceiptRefused(
                "unknown_batch", f"batch {receipt.sequence} with this envelope was not written here"
            )
        if batch.acknowledged_at is not None:
            return Acknowledged(batch.sequence, True)
        batch.acknowledged_at = clock()
        record_event(
            session, "batch_acknowledged", detail=f"{batch.folder_name} {receipt.imported_at}"
        )
    return Acknowledged(receipt.sequence, False)
