"""Every role/action pair of the permission matrix, and the audit row of every denial."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from seeding import Staff, new_workspace
from sqlalchemy import func, select

from msc_desk.models import AuditEntry, Role
from msc_desk.services.actor import Actor
from msc_desk.services.audit_review import audit_entries, verify_chain
from msc_desk.services.permissions import MATRIX, Action, PermissionDenied, authorize, is_allowed
from msc_desk.services.session import read_session
from msc_desk.services.workspace import OpenWorkspace

A = Action
# The words, written out independently of MATRIX: investigator (everything clinical,
# randomize, sign, export, verify an infusion), nurse (enter data, verify an infusion;
# randomize only if delegated), monitor (read-only,
# can raise queries), site administrator (users, keys, settings; no clinical edits), blinded
# reviewer (reads clinical data and the audit, never the allocation).
EXPECTED: dict[Role, set[Action]] = {
    Role.INVESTIGATOR: {
        A.VIEW_CLINICAL,
        A.VIEW_IDENTIFICATION,
        A.SCREEN,
        A.ENTER_DATA,
        A.RANDOMIZE,
        A.SIGN,
        A.UNLOCK_SIGNED,
        A.EXPORT,
        A.ANSWER_QUERY,
        A.VIEW_AUDIT,
        A.VIEW_ALLOCATION,
        A.VERIFY_INFUSION,
    },
    Role.NURSE: {
        A.VIEW_CLINICAL,
        A.VIEW_IDENTIFICATION,
        A.SCREEN,
        A.ENTER_DATA,
        A.ANSWER_QUERY,
        A.VIEW_AUDIT,
        A.VIEW_ALLOCATION,
        A.VERIFY_INFUSION,
    },
    Role.MONITOR: {A.VIEW_CLINICAL, A.VIEW_AUDIT, A.RAISE_QUERY, A.VIEW_ALLOCATION},
    Role.BLINDED_REVIEWER: {A.VIEW_CLINICAL, A.VIEW_AUDIT},
    Role.ADMIN: {
        A.VIEW_AUDIT,
        A.MANAGE_USERS,
        A.MANAGE_KEYS,
        A.MANAGE_SETTINGS,
        A.IMPORT_ALLOCATION,
    },
}
CLOCK_TIME = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def clock() -> datetime:
    return CLOCK_TIME


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenWorkspace]:
    data_dir: Path = tmp_path_factory.mktemp("permissions") / "ws"
    staff = [
        Staff(role.value, role.value, role, "long-enough-password")
        for role in (Role.INVESTIGATOR, Role.NURSE, Role.MONITOR)
    ]
    admin = new_workspace(data_dir, clock, staff).workspace
    yield admin
    admin.close()


def _actor(workspace: OpenWorkspace, role: Role, can_randomize: bool = False) -> Actor:
    return Actor(
        user_id=None,
        username=role.value,
        role=role,
        device=workspace.actor.device,
        can_randomize=can_randomize,
    )


def _audit_count(workspace: OpenWorkspace) -> int:
    with read_session(workspace.factory) as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_the_matrix_names_every_role() -> None:
    assert set(MATRIX) == set(Role)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", list(Role))
def test_each_role_action_pair(workspace: OpenWorkspace, role: Role, action: Action) -> None:
    actor = _actor(workspace, role)
    allowed = action in EXPECTED[role]
    assert is_allowed(actor, action) is allowed
    before = _audit_count(workspace)
    if allowed:
        authorize(workspace.factory, actor, action, clock)
        assert _audit_count(workspace) == before
        return
    with pytest.raises(PermissionDenied) as caught:
        authorize(workspace.factory, actor, action, clock)
    assert (caught.value.actor, caught.value.action) == (actor, action)
    with read_session(workspace.factory) as session:
        rows = audit_entries(session)[before:]
        assert verify_chain(session) is None
    assert [(r.action, r.username, r.role, r.new_value, r.at) for r in rows] == [
        ("permission_denied", role.value, role.value, action.value, CLOCK_TIME)
    ]


@pytest.mark.parametrize("role", list(Role))
def test_randomization_delegation_only_ever_widens_a_nurse(
    workspace: OpenWorkspace, role: Role
) -> None:
    delegated = _actor(workspace, role, can_randomize=True)
    assert is_allowed(delegated, Action.RANDOMIZE) is (role in (Role.INVESTIGATOR, Role.NURSE))
    for action in set(Action) - {Action.RANDOMIZE}:
        assert is_allowed(delegated, action) is (action in EXPECTED[role])
