"""One call for the integrity check: the key registry, signed audit heads and e-signatures."""

from __future__ import annotations

from sqlalchemy.orm import Session

from msc_desk.services.head_signatures import verify_head_signatures
from msc_desk.services.keyring import verify_slot_file
from msc_desk.services.registry import KeyProblem, identity_events, verify_registry
from msc_desk.services.signatures import verify_e_signatures

__all__ = ["KeyProblem", "identity_events", "verify_identities", "verify_slot_file"]


def verify_identities(session: Session) -> list[KeyProblem]:
    """Every identity problem: registry entries, head signatures, e-signatures, in that order.

    Codes (stable): registry_sequence, registry_self_signature, registry_no_authority,
    registry_stale_authority, registry_authority_signature, registry_authority_role,
    user_not_registered, user_differs_from_registry, recovery_key_pin, head_not_in_chain,
    head_signature, head_stale_key, unsigned_audit_row, audit_row_not_by_signer, e_signature,
    e_signature_stale_key. Resets and recoveries are not problems: list them with
    identity_events. The slot file beside the database is checked by verify_slot_file
    (sealed_to_unregistered, slot_recovery_key, slot_file_unreadable).
    """
    return verify_registry(session) + verify_head_signatures(session) + verify_e_signatures(session)
