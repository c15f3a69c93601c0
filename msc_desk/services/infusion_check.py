"""The two-person check before an MSC infusion starts: a second user signs with their own key."""

from __future__ import annotations

import base64
from pathlib import Path

from sqlalchemy import select

from msc_desk.models import Device, Infusion, User
from msc_desk.models.database import SessionFactory
from msc_desk.models.enums import Role
from msc_desk.security.credentials import SignInError, normalize_username, open_with_password
from msc_desk.security.layout import load_keystore
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.infusion import (
    PURPOSE_CHECKED,
    InfusionRefused,
    msc_patient,
    sign_confirmation,
)
from msc_desk.services.permissions import Action, is_allowed
from msc_desk.services.registry import verified_latest
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock


def checker_from_credentials(
    factory: SessionFactory, data_dir: Path, username: str, password: str, clock: Clock
) -> Actor:
    """The second person as the registry knows them, holding the keys their password opens.

    Raises:
        InfusionRefused: "wrong_password" (unknown name alike), "locked_out", "not_allowed".
    """
    paths, _store = load_keystore(data_dir)
    try:
        _store, slot = open_with_password(
            paths.keyslots, username, password, clock(), purpose="password_check"
        )
    except SignInError as exc:
        code = "locked_out" if exc.code == "locked_out" else "wrong_password"
        raise InfusionRefused(code, "password") from exc
    name = normalize_username(username)
    with read_session(factory) as session:
        user = session.scalar(select(User).where(User.username == name))
        entry = verified_latest(session).get(user.id) if user is not None else None
        device = session.scalar(select(Device.device_uid).order_by(Device.id))
        if user is None or entry is None or not entry.active:
            raise InfusionRefused("not_allowed", "username")
        publics = (slot.keys.encryption_public, slot.keys.signing_public)
        if (entry.encryption_public, entry.signing_public) != publics or entry.temporary:
            raise InfusionRefused("no_signing_key", "username")
        return Actor(
            user.id,
            name,
            Role(entry.role),
            str(device or ""),
            can_randomize=entry.can_randomize,
            keys=slot.keys,
            key_entry_id=entry.id,
        )


def confirm_check(
    factory: SessionFactory, checker: Actor, infusion_id: int, clock: Clock = system_clock
) -> None:
    """The second person confirms patient, lot, dose and volume; signed with their own key.

    Raises:
        InfusionRefused: "not_allowed" (no VERIFY_INFUSION), "same_person", "not_found",
            "not_msc_arm", "already_checked", "already_started", "no_signing_key", "stale_key".
    """
    if not is_allowed(checker, Action.VERIFY_INFUSION):
        with unit_of_work(factory, checker, clock=clock) as session:
            record_event(session, "permission_denied", detail=Action.VERIFY_INFUSION.value)
        raise InfusionRefused("not_allowed", "username")
    with unit_of_work(factory, checker, clock=clock) as session:
        infusion = session.get(Infusion, infusion_id)
        if infusion is None or infusion.deleted_at is not None:
            raise InfusionRefused("not_found")
        msc_patient(session, infusion.patient_id)
        if infusion.prepared_by_id == checker.user_id:
            raise InfusionRefused("same_person", "username")
        if infusion.started_at is not None:
            raise InfusionRefused("already_started")
        if infusion.checked_by_id is not None:
            raise InfusionRefused("already_checked")
        entry_id, signed = sign_confirmation(session, checker, infusion, PURPOSE_CHECKED)
        infusion.checked_by_id = checker.user_id
        infusion.checked_at = clock()
        infusion.checked_key_entry_id = entry_id
        infusion.checked_signature = base64.b64encode(signed).decode("ascii")


def verify_with_credentials(
    factory: SessionFactory,
    data_dir: Path,
    infusion_id: int,
    username: str,
    password: str,
    clock: Clock = system_clock,
) -> Actor:
    """The dialog's call: authenticate the second person, then record their signed check."""
    checker = checker_from_credentials(factory, data_dir, username, password, clock)
    confirm_check(factory, checker, infusion_id, clock)
    return checker
