"""Shared test set-up: cheap key derivation, new encrypted workspaces, seeded plain databases."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from msc_desk.models import Device, Role, Site, User
from msc_desk.models.database import SessionFactory
from msc_desk.security.keyslots import KdfParams, set_new_slot_kdf
from msc_desk.services.actor import Actor, system_actor
from msc_desk.services.session import unit_of_work
from msc_desk.services.users import add_user, set_randomization_delegation
from msc_desk.services.workspace import SetupResult, change_password, create_workspace, sign_in
from msc_desk.timekeeping import Clock

CHEAP_KDF = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
"""Argon2 parameters that take milliseconds: for tests only, never for real data."""

set_new_slot_kdf(CHEAP_KDF)

TEMPORARY_SUFFIX = "-temporary"
"""Staff are added with their password plus this, then choose their own at a first sign-in."""


class Staff(NamedTuple):
    """One account that `new_workspace` adds after the administrator."""

    username: str
    full_name: str
    role: Role
    password: str
    delegated: bool = False  # may randomize (nurses only)


def new_workspace(
    data_dir: Path,
    clock: Clock,
    staff: Sequence[Staff] = (),
    *,
    site_code: str = "MSK01",
    site_name: str = "ОРИТ",
    device_name: str = "Н-1",
    admin_username: str = "admin",
    admin_full_name: str = "Админ",
    admin_password: str = "admin-password",
    kdf: KdfParams = CHEAP_KDF,
) -> SetupResult:
    """A new encrypted workspace with `staff` added by its administrator, who stays signed in.

    Each member has chosen their own password (`member.password`) at a first sign-in, so their
    actions carry their own signature.
    """
    result = create_workspace(
        data_dir,
        site_code=site_code,
        site_name=site_name,
        device_name=device_name,
        admin_username=admin_username,
        admin_full_name=admin_full_name,
        admin_password=admin_password,
        clock=clock,
        kdf=kdf,
    )
    admin = result.workspace
    for member in staff:
        add_user(
            admin.factory,
            admin.actor,
            data_dir,
            member.username,
            member.full_name,
            member.role,
            member.password + TEMPORARY_SUFFIX,
            clock=clock,
        )
        choose_own_password(data_dir, member.username, member.password, clock)
    _delegate(data_dir, clock, [member for member in staff if member.delegated], staff)
    return result


def _delegate(data_dir: Path, clock: Clock, nurses: list[Staff], staff: Iterable[Staff]) -> None:
    """The first investigator of `staff` delegates randomization to `nurses`."""
    if not nurses:
        return
    investigator = next(member for member in staff if member.role is Role.INVESTIGATOR)
    workspace = sign_in(data_dir, investigator.username, investigator.password, clock=clock)
    try:
        for nurse in nurses:
            set_randomization_delegation(
                workspace.factory, workspace.actor, nurse.username, True,
                reason="delegation log", clock=clock,
            )  # fmt: skip
    finally:
        workspace.close()


def choose_own_password(
    data_dir: Path, username: str, password: str, clock: Clock, temporary: str | None = None
) -> None:
    """The first sign-in of a user the administrator added with `temporary` (by default
    `password` + TEMPORARY_SUFFIX): they choose `password`, which makes their own keys."""
    old = temporary if temporary is not None else password + TEMPORARY_SUFFIX
    change_password(data_dir, username, old, password, clock)


def seed_site(
    factory: SessionFactory,
    clock: Clock,
    *,
    site_name: str,
    device_uid: str,
    users: Mapping[str, tuple[Role, bool]],
    site_code: str = "01",
    device_name: str = "ward-1",
) -> dict[str, Actor]:
    """A site, this device and `users` ({username: (role, delegated)}) in a plain database."""
    actors: dict[str, Actor] = {}
    with unit_of_work(factory, system_actor(device_uid), clock=clock) as session:
        site = Site(code=site_code, name=site_name, created_at=clock())
        session.add(site)
        session.flush()
        session.add(
            Device(site_id=site.id, name=device_name, device_uid=device_uid, created_at=clock())
        )
        for username, (role, delegated) in users.items():
            user = User(
                username=username,
                full_name=username,
                role=role,
                can_randomize=delegated,
                created_at=clock(),
            )
            session.add(user)
            session.flush()
            actors[username] = Actor(user.id, username, role, device_uid, delegated)
    return actors
