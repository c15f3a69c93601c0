"""Identity checks (key registry, signed heads, e-signatures, slot file) as integrity findings."""

# integrity.py runs whatever FULL_CHECKS / QUICK_CHECKS hold; this module adds the identity
# checks there (register_identity_checks, idempotent). The quick pass at sign-in verifies only
# the registry (a few rows per user); head signatures and e-signatures grow with the data and
# are verified by the full check. A database without any registry entry (built without
# workspaces) has no identities to verify: the audit chain and replay still see its users.

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from msc_desk.models.database import SessionFactory
from msc_desk.services import integrity
from msc_desk.services.identity_check import KeyProblem, verify_identities, verify_slot_file
from msc_desk.services.integrity import Finding
from msc_desk.services.integrity_infusion import infusion_checks
from msc_desk.services.registry import registry_size, verify_registry
from msc_desk.services.session import read_session

REGISTRY_TABLE = "user_key_registry"
SLOT_FILE = "keyslots"


def as_finding(problem: KeyProblem, table: str = REGISTRY_TABLE) -> Finding:
    """A key problem as an integrity finding: its code, and its detail as the place."""
    return Finding(problem.code, table=table, params={"detail": problem.detail})


def identity_findings(session: Session) -> list[Finding]:
    """Registry entries, signed audit heads and e-signatures (the full check)."""
    if not registry_size(session):
        return []
    return [as_finding(problem) for problem in verify_identities(session)]


def registry_findings(session: Session) -> list[Finding]:
    """The registry alone (the quick pass at sign-in)."""
    if not registry_size(session):
        return []
    return [as_finding(problem) for problem in verify_registry(session)]


def slot_file_findings(factory: SessionFactory, data_dir: Path | None = None) -> list[Finding]:
    """What the key-slot file beside the database holds beyond what the registry allows."""
    folder = data_dir if data_dir is not None else getattr(factory, "data_dir", None)
    if folder is None:
        return []
    with read_session(factory) as session:
        if not registry_size(session):
            return []
        return [as_finding(p, SLOT_FILE) for p in verify_slot_file(session, Path(folder))]


def register_identity_checks() -> None:
    """Add the identity checks, and the infusion confirmations, to the integrity check (once)."""
    if identity_findings not in integrity.FULL_CHECKS:
        integrity.FULL_CHECKS.append(identity_findings)
    if infusion_checks not in integrity.FULL_CHECKS:
        integrity.FULL_CHECKS.append(infusion_checks)
    if registry_findings not in integrity.QUICK_CHECKS:
        integrity.QUICK_CHECKS.append(registry_findings)
