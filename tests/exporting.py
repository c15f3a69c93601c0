"""Export set-up for tests: a demo trial whose laptop trusts a test center and holds its keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from batches import Center
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from seeding import CHEAP_KDF  # noqa: F401  (tests derive keys cheaply)
from sqlalchemy import Engine

from msc_desk.center.allocation import public_key_bytes
from msc_desk.center.central_db import enroll_device
from msc_desk.center.importer import ImportResult, import_batch
from msc_desk.exchange import make_key_bundle
from msc_desk.exchange.canonical import ed25519_fingerprint
from msc_desk.exchange.enrolment import first_registry_fingerprint
from msc_desk.protocol import STUDY
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.export import ExportResult, export_batch
from msc_desk.services.export_collect import registry_json
from msc_desk.services.export_keys import (
    device_public_key_hex,
    device_signing_key,
    import_center_bundle,
)
from msc_desk.services.session import read_session
from msc_desk.services.trial_setup import this_device_uid, trust_center_key
from msc_desk.services.workspace import OpenWorkspace, sign_in

INVESTIGATOR = ("ivanova", "demo-doctor")
ADMIN = ("admin", "demo-admin")


@dataclass
class ExportSetup:
    data_dir: Path
    center: Center = field(default_factory=Center)
    root: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)

    def bundle(self, root: Ed25519PrivateKey | None = None) -> bytes:
        return make_key_bundle(
            root or self.root,
            study=STUDY,
            operational=self.center.operational.recipient,
            recovery=self.center.recovery.recipient,
            receipt_public_key=public_key_bytes(self.center.receipt_key),
            created_at=datetime.now(UTC),
        )

    def sign_in(self, who: tuple[str, str] = INVESTIGATOR) -> OpenWorkspace:
        return sign_in(self.data_dir, *who)


def prepare_export(
    data_dir: Path,
    *,
    screened: int = 4,
    first_study_number: int = 1,
    same_center_as: ExportSetup | None = None,
) -> ExportSetup:
    """A demo trial with `screened` patients; the admin trusts the test center and its bundle.

    `same_center_as`: a second laptop of the same trial, sending to that set-up's center.
    """
    create_demo_trial(data_dir, screened=screened, first_study_number=first_study_number)
    setup = ExportSetup(data_dir)
    if same_center_as is not None:
        setup.center, setup.root = same_center_as.center, same_center_as.root
    admin = setup.sign_in(ADMIN)
    try:
        trust_center_key(admin.factory, admin.actor, public_key_bytes(setup.root))
        import_center_bundle(admin.factory, admin.actor, setup.bundle())
    finally:
        admin.close()
    return setup


def laptop_registry_fingerprint(workspace: OpenWorkspace) -> str:
    """What the center pins at enrolment: the fingerprint of the laptop's first registry entry."""
    with read_session(workspace.factory) as session:
        return first_registry_fingerprint(registry_json(session))


@dataclass(frozen=True)
class Sent:
    """A laptop's batch as it went to the center: the device, what it exported and imported."""

    device_id: str
    exported: ExportResult
    imported: ImportResult


def send_to_center(engine: Engine, setup: ExportSetup, out: Path) -> Sent:
    """Enroll the laptop at the center, export its batch into `out` (made here), import it."""
    workspace = setup.sign_in()
    device_signing_key(workspace.factory, workspace.actor)
    public = bytes.fromhex(device_public_key_hex(workspace.factory) or "")
    device_id = this_device_uid(workspace.factory)
    enroll_device(
        engine, device_id=device_id, signing_public_key=public,
        key_id=ed25519_fingerprint(public),
        registry_fingerprint=laptop_registry_fingerprint(workspace), site="01",
        enrolled_at=datetime.now(UTC),
    )  # fmt: skip
    out.mkdir()
    exported = export_batch(workspace.factory, workspace.actor, out)
    workspace.close()
    imported = import_batch(engine, exported.path, setup.center.import_keys())
    return Sent(device_id, exported, imported)
