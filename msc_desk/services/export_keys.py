"""Keys of the export: the center's public keys (a signed bundle) and this device's signing key."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from msc_desk.exchange import KeyBundle, SignedDocumentError, verify_key_bundle
from msc_desk.exchange.canonical import ed25519_fingerprint, paper_fingerprint
from msc_desk.models import CenterKeyBundle, Device, DeviceSigningKey
from msc_desk.models.database import SessionFactory
from msc_desk.protocol import STUDY
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.services.trial_setup import center_key_info
from msc_desk.timekeeping import Clock, system_clock


class ExportKeyError(Exception):
    """A center key bundle refused, or none imported yet; `code` says why.

    Codes: no_center_key (no center root key is trusted), bad_bundle (unsigned, altered, or
    signed by another key than the trusted one), wrong_study, no_bundle (none imported yet).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class CenterKeysInfo:
    """The center's encryption keys as an administrator checks them on paper."""

    operational_fingerprint: str
    recovery_fingerprint: str
    receipt_key_fingerprint: str
    created_at: str


def _root_key(factory: SessionFactory) -> bytes:
    info = center_key_info(factory)
    if info is None:
        raise ExportKeyError("no_center_key", "no center key is trusted on this laptop yet")
    return bytes.fromhex(info.public_key_hex)


def _verified(factory: SessionFactory, data: bytes) -> KeyBundle:
    try:
        bundle = verify_key_bundle(data, _root_key(factory))
    except SignedDocumentError as exc:
        raise ExportKeyError("bad_bundle", str(exc)) from exc
    if bundle.study != STUDY:
        raise ExportKeyError("wrong_study", f"the key bundle is for study {bundle.study}")
    return bundle


def _info(bundle: KeyBundle) -> CenterKeysInfo:
    operational, recovery = bundle.recipients
    return CenterKeysInfo(
        paper_fingerprint(operational.fingerprint),
        paper_fingerprint(recovery.fingerprint),
        paper_fingerprint(ed25519_fingerprint(bundle.receipt_public_key)),
        bundle.created_at,
    )


def preview_center_bundle(factory: SessionFactory, data: bytes) -> CenterKeysInfo:
    """The fingerprints of a bundle, verified, for the administrator to compare on paper."""
    return _info(_verified(factory, data))


def import_center_bundle(
    factory: SessionFactory, actor: Actor, data: bytes, clock: Clock = system_clock
) -> CenterKeysInfo:
    """Keep a center key bundle signed by the trusted center root key (administrators only).

    Raises:
        PermissionDenied: the role may not manage keys.
        ExportKeyError: no_center_key, bad_bundle or wrong_study (nothing is kept then).
    """
    authorize(factory, actor, Action.MANAGE_KEYS, clock)
    bundle = _verified(factory, data)
    info = _info(bundle)
    operational, recovery = bundle.recipients
    with unit_of_work(factory, actor, clock=clock) as session:
        session.add(
            CenterKeyBundle(
                bundle=data.decode("utf-8"),
                operational_fingerprint=operational.fingerprint,
                recovery_fingerprint=recovery.fingerprint,
                imported_at=clock(),
                imported_by_id=actor.user_id,
            )
        )
        detail = f"{info.operational_fingerprint} / {info.recovery_fingerprint}"
        record_event(session, "center_keys_imported", detail=detail)
    return info


def current_center_bundle(factory: SessionFactory) -> KeyBundle:
    """The last imported bundle, verified again against the trusted center root key.

    Raises:
        ExportKeyError: no_bundle, or the stored bundle no longer verifies (bad_bundle).
    """
    with read_session(factory) as session:
        text = session.scalar(select(CenterKeyBundle.bundle).order_by(CenterKeyBundle.id.desc()))
    if text is None:
        raise ExportKeyError("no_bundle", "no center key bundle has been imported yet")
    return _verified(factory, text.encode("utf-8"))


def center_keys_info(factory: SessionFactory) -> CenterKeysInfo | None:
    try:
        return _info(current_center_bundle(factory))
    except ExportKeyError:
        return None


def device_signing_key(
    factory: SessionFactory, actor: Actor, clock: Clock = system_clock
) -> Ed25519PrivateKey:
    """This laptop's envelope signing key, made at the first export and kept from then on."""
    with read_session(factory) as session:
        stored = session.scalar(select(DeviceSigningKey.private_key).order_by(DeviceSigningKey.id))
    if stored is not None:
        return Ed25519PrivateKey.from_private_bytes(bytes(stored))
    key = Ed25519PrivateKey.generate()
    public_hex = key.public_key().public_bytes_raw().hex()
    with unit_of_work(factory, actor, clock=clock) as session:
        session.add(
            DeviceSigningKey(
                public_key=public_hex, private_key=key.private_bytes_raw(), created_at=clock()
            )
        )
        device = session.scalars(select(Device).order_by(Device.id)).first()
        if device is not None:
            device.signing_public_key = public_hex
        record_event(session, "device_key_created", detail=ed25519_fingerprint(key))
    return key


def device_public_key_hex(factory: SessionFactory) -> str | None:
    """The public half, for `msc-desk center enroll-device --public-key`."""
    with read_session(factory) as session:
        return session.scalar(select(DeviceSigningKey.public_key).order_by(DeviceSigningKey.id))
