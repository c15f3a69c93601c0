"""The identity checks inside the integrity check: a swapped key is a finding, quick and full."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from seeding import Staff, new_workspace
from sqlalchemy import text

from msc_desk.models import Role
from msc_desk.security.identity import UserKeys
from msc_desk.services import integrity
from msc_desk.services.integrity import full_check, quick_check
from msc_desk.services.integrity_identities import (
    identity_findings,
    register_identity_checks,
    registry_findings,
    slot_file_findings,
)
from msc_desk.services.session import read_session
from msc_desk.services.workspace import sign_in

STAFF = (Staff("ivanov", "Иванов", Role.INVESTIGATOR, "ivanov-password"),)


def test_a_swapped_public_key_is_reported_by_the_full_and_the_quick_check(
    tmp_path: Path, fixed_clock: Any
) -> None:
    new_workspace(tmp_path, fixed_clock, STAFF).workspace.close()
    workspace = sign_in(tmp_path, "ivanov", "ivanov-password", clock=fixed_clock)
    full_before, quick_before = list(integrity.FULL_CHECKS), list(integrity.QUICK_CHECKS)
    try:
        register_identity_checks()
        register_identity_checks()  # once only
        assert integrity.FULL_CHECKS.count(identity_findings) == 1
        assert integrity.QUICK_CHECKS.count(registry_findings) == 1
        assert full_check(workspace.factory) == []
        assert quick_check(workspace.factory) == []
        assert slot_file_findings(workspace.factory) == []

        with workspace.engine.begin() as connection:
            connection.execute(text("DROP TRIGGER user_key_registry_no_update"))
            connection.execute(
                text(
                    "UPDATE user_key_registry SET signing_public = :key WHERE username = 'ivanov'"
                ),
                {"key": UserKeys.generate().signing_public},
            )
        full = {f.code for f in full_check(workspace.factory)}
        quick = {f.code for f in quick_check(workspace.factory)}
        assert {"registry_self_signature", "registry_authority_signature"} & quick
        assert quick <= full and "head_signature" in full
        with read_session(workspace.factory) as session:
            swapped = [f for f in identity_findings(session) if f.code == "head_signature"]
        assert swapped and swapped[0].table == "user_key_registry" and swapped[0].params["detail"]
    finally:
        integrity.FULL_CHECKS[:] = full_before
        integrity.QUICK_CHECKS[:] = quick_before
        workspace.close()
