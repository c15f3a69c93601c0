"""The laptop's enrolment file for the center: device id, signing key, first registry entry."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from msc_desk.exchange.canonical import ed25519_public_bytes, paper_fingerprint
from msc_desk.exchange.enrolment import Enrolment, first_registry_fingerprint, make_enrolment
from msc_desk.exchange.envelope import utc_stamp
from msc_desk.models import Device, Site
from msc_desk.models.database import SessionFactory
from msc_desk.protocol import STUDY
from msc_desk.security.files import atomic_write_bytes
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.export_collect import registry_json
from msc_desk.services.export_keys import device_signing_key
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock


class EnrolmentRefused(Exception):
    """The laptop cannot describe itself yet (no device or no key registry)."""


@dataclass(frozen=True)
class DeviceKeyExport:
    """What was written, and the fingerprints to read aloud or print for the center."""

    path: Path
    device_id: str
    key_fingerprint: str
    registry_fingerprint: str


def export_device_key(
    factory: SessionFactory, actor: Actor, out: Path, clock: Clock = system_clock
) -> DeviceKeyExport:
    """Write this laptop's signed enrolment file to `out` (the device key is made if needed).

    Raises:
        PermissionDenied: the role may not export.
        EnrolmentRefused: the laptop has no device record or no key registry entry.
        FileExistsError: `out` exists.
    """
    authorize(factory, actor, Action.EXPORT, clock)
    if out.exists():
        raise FileExistsError(f"{out} exists; an enrolment file is never overwritten")
    key = device_signing_key(factory, actor, clock)
    with read_session(factory) as session:
        device_id = session.scalar(select(Device.device_uid).order_by(Device.id))
        site = session.scalar(select(Site.code).order_by(Site.id))
        registry = registry_json(session)
    if not device_id or not site:
        raise EnrolmentRefused("this laptop has no device or site record yet")
    try:
        registry_fingerprint = first_registry_fingerprint(registry)
    except ValueError as exc:
        raise EnrolmentRefused("this laptop's key registry has no entry yet") from exc
    enrolment = Enrolment(
        study=STUDY,
        site=site,
        device_id=device_id,
        signing_public_key=ed25519_public_bytes(key),
        registry_fingerprint=registry_fingerprint,
        created_at=utc_stamp(clock()),
    )
    atomic_write_bytes(out, make_enrolment(key, enrolment), mode=0o644)
    with unit_of_work(factory, actor, clock=clock) as session:
        record_event(session, "device_key_exported", detail=enrolment.key_fingerprint)
    return DeviceKeyExport(
        out,
        device_id,
        paper_fingerprint(enrolment.key_fingerprint),
        paper_fingerprint(registry_fingerprint),
    )
