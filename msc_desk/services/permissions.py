"""The permission matrix, enforced here (not in widgets); every denial is audited."""

from __future__ import annotations

from enum import StrEnum

from msc_desk.models.database import SessionFactory
from msc_desk.models.enums import Role
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.session import unit_of_work
from msc_desk.timekeeping import Clock, system_clock


class Action(StrEnum):
    VIEW_CLINICAL = "view_clinical"
    VIEW_IDENTIFICATION = "view_identification"
    VIEW_ALLOCATION = "view_allocation"
    SCREEN = "screen"
    ENTER_DATA = "enter_data"
    RANDOMIZE = "randomize"
    SIGN = "sign"
    UNLOCK_SIGNED = "unlock_signed"
    EXPORT = "export"
    RAISE_QUERY = "raise_query"
    ANSWER_QUERY = "answer_query"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    MANAGE_KEYS = "manage_keys"
    MANAGE_SETTINGS = "manage_settings"
    IMPORT_ALLOCATION = "import_allocation"
    VERIFY_INFUSION = "verify_infusion"


_CLINICAL_WRITE = {Action.SCREEN, Action.ENTER_DATA, Action.ANSWER_QUERY}
_READ = {Action.VIEW_CLINICAL, Action.VIEW_AUDIT}
# The trial is open-label at the bedside: those who see the infusion see the arm too.
_UNBLINDED_READ = _READ | {Action.VIEW_ALLOCATION}

MATRIX: dict[Role, frozenset[Action]] = {
    Role.INVESTIGATOR: frozenset(
        _UNBLINDED_READ
        | _CLINICAL_WRITE
        | {
            Action.VIEW_IDENTIFICATION,
            Action.RANDOMIZE,
            Action.SIGN,
            Action.UNLOCK_SIGNED,
            Action.EXPORT,
            Action.VERIFY_INFUSION,
        }
    ),
    Role.NURSE: frozenset(
        _UNBLINDED_READ | _CLINICAL_WRITE | {Action.VIEW_IDENTIFICATION, Action.VERIFY_INFUSION}
    ),
    Role.MONITOR: frozenset(_UNBLINDED_READ | {Action.RAISE_QUERY}),
    Role.ADMIN: frozenset(
        {
            Action.VIEW_AUDIT,
            Action.MANAGE_USERS,
            Action.MANAGE_KEYS,
            Action.MANAGE_SETTINGS,
            Action.IMPORT_ALLOCATION,
        }
    ),
    Role.BLINDED_REVIEWER: frozenset(_READ),
}


class PermissionDenied(Exception):
    """The acting user's role does not allow the action."""

    def __init__(self, actor: Actor, action: Action) -> None:
        super().__init__(f"{actor.username} ({actor.role}) may not {action}")
        self.actor = actor
        self.action = action


def is_allowed(actor: Actor, action: Action) -> bool:
    """Whether the matrix lets `actor` do `action` (a nurse randomizes only if delegated)."""
    if action is Action.RANDOMIZE and actor.role is Role.NURSE:
        return actor.can_randomize
    return action in MATRIX[actor.role]


def authorize(
    factory: SessionFactory, actor: Actor, action: Action, clock: Clock = system_clock
) -> None:
    """Raise PermissionDenied, after auditing the denial in its own transaction, unless allowed."""
    if is_allowed(actor, action):
        return
    with unit_of_work(factory, actor, clock=clock) as session:
        record_event(session, "permission_denied", detail=action.value)
    raise PermissionDenied(actor, action)
