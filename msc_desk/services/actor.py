"""Who is acting: the signed-in user, their role and this device."""

from __future__ import annotations

from dataclasses import dataclass

from msc_desk.models.enums import Role


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    role: Role
    device: str
    can_randomize: bool = False


def system_actor(device: str) -> Actor:
    """The application itself (first-run setup, demo data), never a person."""
    return Actor(user_id=None, username="system", role=Role.ADMIN, device=device)
