"""This laptop's link to the coordinating center: the trusted center key and allocation lists."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from sqlalchemy import select

from msc_desk.center.allocation import key_fingerprint, paper_fingerprint
from msc_desk.models import Device, Setting
from msc_desk.models.database import SessionFactory
from msc_desk.protocol import STUDY
from msc_desk.services.actor import Actor
from msc_desk.services.allocation import ImportedList, import_allocation_list
from msc_desk.services.audit import record_event
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.randomization_key import randomization_public_key
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock

CENTER_KEY_SETTING = "center_public_key"


class CenterKeyError(Exception):
    """The center key is missing or unreadable; `code` is "missing" or "unreadable"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class CenterKeyInfo:
    public_key_hex: str
    paper_fingerprint: str


def read_center_public_key(data: bytes) -> bytes:
    """The raw Ed25519 public key from a PEM file or a 64-character hex line."""
    text = data.strip()
    try:
        if text.startswith(b"-----BEGIN"):
            key = load_pem_public_key(text)
            if not isinstance(key, Ed25519PublicKey):
                raise CenterKeyError("unreadable")
            return key.public_bytes_raw()
        raw = bytes.fromhex(text.decode("ascii"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise CenterKeyError("unreadable") from exc
    if len(raw) != 32:
        raise CenterKeyError("unreadable")
    return raw


def trust_center_key(
    factory: SessionFactory, actor: Actor, public_key: bytes, clock: Clock = system_clock
) -> CenterKeyInfo:
    """Store the center's root public key (administrators only; checked on paper first).

    Raises:
        PermissionDenied: not an administrator.
        CenterKeyError: "unreadable" when `public_key` is not 32 raw bytes.
    """
    authorize(factory, actor, Action.MANAGE_KEYS, clock)
    if not isinstance(public_key, bytes) or len(public_key) != 32:
        raise CenterKeyError("unreadable")
    info = _info(public_key)
    reason = "center key replaced by the site administrator"
    with unit_of_work(factory, actor, reason=reason, clock=clock) as session:
        setting = session.get(Setting, CENTER_KEY_SETTING)
        if setting is None:
            session.add(Setting(key=CENTER_KEY_SETTING, value=info.public_key_hex))
        else:
            setting.value = info.public_key_hex
        record_event(session, "center_key_trusted", detail=info.paper_fingerprint)
    return info


def center_key_info(factory: SessionFactory) -> CenterKeyInfo | None:
    with read_session(factory) as session:
        value = session.scalar(select(Setting.value).where(Setting.key == CENTER_KEY_SETTING))
    return None if value is None else _info(bytes.fromhex(value))


def _info(public_key: bytes) -> CenterKeyInfo:
    return CenterKeyInfo(public_key.hex(), paper_fingerprint(key_fingerprint(public_key)))


def this_device_uid(factory: SessionFactory) -> str:
    with read_session(factory) as session:
        return session.scalars(select(Device.device_uid).order_by(Device.id)).first() or ""


def import_allocation_file(
    factory: SessionFactory,
    actor: Actor,
    signed_file: Path | bytes,
    clock: Clock = system_clock,
) -> ImportedList:
    """Import a signed allocation list for this study and this laptop.

    Raises:
        CenterKeyError: no center key is trusted yet ("missing").
        PermissionDenied, AllocationImportError: see `import_allocation_list`.
    """
    info = center_key_info(factory)
    if info is None:
        raise CenterKeyError("missing")
    return import_allocation_list(
        factory,
        actor,
        signed_file,
        trusted_center_key=bytes.fromhex(info.public_key_hex),
        device_uid=this_device_uid(factory),
        study=STUDY,
        device_key=randomization_public_key(factory),
        clock=clock,
    )
