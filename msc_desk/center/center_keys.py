"""The center's key set: root key, operational and recovery age identities, receipt key, sheet."""

# Beside the root key file (e.g. keys/center.key) keygen writes, never overwriting anything:
#   center.pub                    root public key, hex (for laptops: allocation lists)
#   center-operational.agekey     age identity that opens batches day to day (0600)
#   center-recovery.agekey        age identity for when the operational one is lost (0600;
#                                 print the sheet, then move this file offline)
#   center-receipt.key            Ed25519 key that signs import receipts (0600)
#   center-public.json            the public halves, which `key-bundle` signs for the laptops
#   center-recovery-sheet.txt     the printable recovery sheet (0600)

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from msc_desk.center.allocation import generate_center_key, load_center_key
from msc_desk.center.importer import CenterKeys
from msc_desk.exchange import (
    canonical_json,
    generate_age_identity,
    make_key_bundle,
    read_identity_file,
    write_identity_file,
)
from msc_desk.exchange.age_keys import AgeKeyPair
from msc_desk.exchange.canonical import ed25519_fingerprint, paper_fingerprint
from msc_desk.exchange.envelope import utc_stamp
from msc_desk.security.files import atomic_write_bytes

PUBLIC_FORMAT = "center-public-keys/1"


@dataclass(frozen=True)
class CenterKeyPaths:
    root: Path
    root_public: Path
    operational: Path
    recovery: Path
    receipt: Path
    public: Path
    recovery_sheet: Path

    @classmethod
    def beside(cls, root: Path) -> CenterKeyPaths:
        stem, folder = root.stem, root.parent
        return cls(
            root=root,
            root_public=root.with_suffix(".pub"),
            operational=folder / f"{stem}-operational.agekey",
            recovery=folder / f"{stem}-recovery.agekey",
            receipt=folder / f"{stem}-receipt.key",
            public=folder / f"{stem}-public.json",
            recovery_sheet=folder / f"{stem}-recovery-sheet.txt",
        )

    def all(self) -> tuple[Path, ...]:
        return (
            self.root,
            self.root_public,
            self.operational,
            self.recovery,
            self.receipt,
            self.public,
            self.recovery_sheet,
        )


def generate_center_keys(root: Path, *, study: str, now: datetime) -> str:
    """Create the whole key set beside `root`; return what to print.

    Raises:
        FileExistsError: any of the files exists (nothing is written then).
    """
    paths = CenterKeyPaths.beside(root)
    existing = [path.name for path in paths.all() if path.exists()]
    if existing:
        raise FileExistsError(f"{', '.join(existing)} exists; center keys are never overwritten")
    root_key = generate_center_key(paths.root)
    atomic_write_bytes(paths.root_public, root_key.public_key.hex().encode("ascii") + b"\n", 0o644)
    operational, recovery = generate_age_identity(), generate_age_identity()
    write_identity_file(paths.operational, operational, now)
    write_identity_file(paths.recovery, recovery, now)
    receipt = generate_center_key(paths.receipt)
    public = {
        "format": PUBLIC_FORMAT,
        "study": study,
        "root_public_key": root_key.public_key.hex(),
        "operational": operational.recipient,
        "recovery": recovery.recipient,
        "receipt_public_key": receipt.public_key.hex(),
    }
    atomic_write_bytes(paths.public, canonical_json(public) + b"\n", 0o644)
    sheet = recovery_sheet(
        study, now, root_key.fingerprint, operational, recovery, receipt.fingerprint
    )
    atomic_write_bytes(paths.recovery_sheet, sheet.encode("utf-8"), 0o600)
    return (
        f"Center root key: {paths.root} (keep it offline)\n"
        f"Public key for the laptops: {paths.root_public}\n"
        f"Fingerprint to compare on paper: {root_key.paper_fingerprint}\n"
        f"Operational age identity: {paths.operational}\n"
        f"  {operational.recipient}\n  fingerprint {paper_fingerprint(operational.fingerprint)}\n"
        f"Recovery age identity: {paths.recovery} (print the sheet, then move it offline)\n"
        f"  {recovery.recipient}\n  fingerprint {paper_fingerprint(recovery.fingerprint)}\n"
        f"Receipt signing key: {paths.receipt}\n"
        f"Recovery sheet to print: {paths.recovery_sheet}"
    )


def recovery_sheet(
    study: str,
    now: datetime,
    root_fingerprint: str,
    operational: AgeKeyPair,
    recovery: AgeKeyPair,
    receipt_fingerprint: str,
) -> str:
    """The printable recovery sheet: fingerprints, the recovery secret, how to decrypt by hand."""
    return (
        "MSC Desk: coordinating center key recovery sheet\n"
        f"Study {study}, keys created {utc_stamp(now)}\n\n"
        "Keep this sheet sealed in a safe. The secret below opens every export batch.\n\n"
        f"Root signing key fingerprint:\n  {paper_fingerprint(root_fingerprint)}\n"
        f"Operational key: {operational.recipient}\n"
        f"  fingerprint {paper_fingerprint(operational.fingerprint)}\n"
        f"Recovery key: {recovery.recipient}\n"
        f"  fingerprint {paper_fingerprint(recovery.fingerprint)}\n"
        f"Receipt key fingerprint:\n  {paper_fingerprint(receipt_fingerprint)}\n\n"
        "RECOVERY SECRET (age identity):\n"
        f"  {recovery.secret}\n\n"
        "To open a batch without MSC Desk:\n"
        "  1. type the secret line above, alone, into a file recovery.agekey;\n"
        "  2. age -d -i recovery.agekey payload.age > payload.zip\n"
        "  3. compare sha256sum of payload.age with payload_sha256 in envelope.json, and each\n"
        "     file of the ZIP with its sha256 in manifest.json.\n"
    )


def key_bundle(root: Path, *, now: datetime) -> bytes:
    """The key bundle for the laptops, from the public key file beside `root`, signed by it.

    Raises:
        ValueError: the public key file does not belong to this root key, or is malformed.
    """
    paths = CenterKeyPaths.beside(root)
    root_key = load_center_key(paths.root)
    public = json.loads(paths.public.read_text(encoding="ascii"))
    if public.get("format") != PUBLIC_FORMAT:
        raise ValueError(f"{paths.public.name}: not a center public key file")
    if public["root_public_key"] != root_key.public_key().public_bytes_raw().hex():
        raise ValueError(f"{paths.public.name} belongs to another root key")
    return make_key_bundle(
        root_key,
        study=public["study"],
        operational=public["operational"],
        recovery=public["recovery"],
        receipt_public_key=bytes.fromhex(public["receipt_public_key"]),
        created_at=now,
    )


def load_import_keys(identities: list[Path], receipt_key: Path) -> CenterKeys:
    """The age identities and receipt key an import uses."""
    return CenterKeys(
        identities=[read_identity_file(path) for path in identities],
        receipt_key=load_center_key(receipt_key),
    )


def device_key_id(public_key: bytes) -> str:
    """The key id a device's envelopes carry (the SHA-256 fingerprint of its public key).

    Raises:
        ValueError: not a 32-byte Ed25519 public key.
    """
    return ed25519_fingerprint(Ed25519PublicKey.from_public_bytes(public_key))
