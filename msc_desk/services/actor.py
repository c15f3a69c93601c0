"""Who is acting: the signed-in user, their role, this device, and their own keys."""

from __future__ import annotations

from dataclasses import dataclass, field

from msc_desk.models.enums import Role
from msc_desk.security.identity import UserKeys


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    role: Role
    device: str
    can_randomize: bool = False
    # The private keys unwrapped at sign-in; None for the system actor and in read-only contexts.
    keys: UserKeys | None = field(default=None, repr=False, compare=False)
    # The registry entry that holds `keys`' public halves (what signatures are checked against).
    key_entry_id: int | None = None


def system_actor(device: str) -> Actor:
    """The application itself (first-run setup, demo data), never a person."""
    return Actor(user_id=None, username="system", role=Role.ADMIN, device=device)
