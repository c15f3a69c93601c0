"""The laptop's randomization key pair, sealed only to the users who may randomize."""

# The private half never exists in clear outside memory: one sealed box per randomizing user,
# to that user's own X25519 public key (context RANDOMIZATION_KEY_CONTEXT). A site
# administrator or a monitor has no box, so their password opens nothing that reveals an arm.
# If every randomizer's key is lost, no box opens: the center issues a new list, sealed to a
# new randomization key, for the remaining slots (see README).

from __future__ import annotations

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.models import RandomizationKey, RandomizationKeySeal, Role, User
from msc_desk.models.database import SessionFactory
from msc_desk.security.identity import UserKeys, encode_public
from msc_desk.security.sealing import SealedBoxError, open_sealed, seal_to
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.permissions import Action, is_allowed
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock

RANDOMIZATION_KEY_CONTEXT = "randomization-private-key"


class RevealKeyError(Exception):
    """The randomization key cannot be made, opened or granted; `code` says why.

    Codes: not_a_randomizer (the user may not randomize), no_user_keys (no key pair unwrapped
    at sign-in), no_randomization_key (none made yet), no_seal (not sealed to this user's key),
    seal_broken (the box does not open), unknown_user, bad_public_key.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def randomization_public_key(factory: SessionFactory) -> str | None:
    """This laptop's randomization public key (base64), shown beside the device id; or None."""
    with read_session(factory) as session:
        return session.scalar(select(RandomizationKey.public_key).order_by(RandomizationKey.id))


def ensure_randomization_key(
    factory: SessionFactory, actor: Actor, clock: Clock = system_clock
) -> str:
    """Make the key pair at the first randomizing user's first need; return its public key.

    Raises:
        RevealKeyError: not_a_randomizer or no_user_keys (nothing is made then).
    """
    keys = _randomizer_keys(actor)
    existing = randomization_public_key(factory)
    if existing is not None:
        return existing
    private = X25519PrivateKey.generate()
    public = encode_public(private.public_key())
    with unit_of_work(factory, actor, clock=clock) as session:
        if session.scalar(select(RandomizationKey.id).limit(1)) is not None:
            return _current_key(session).public_key
        key = RandomizationKey(public_key=public, created_at=clock(), created_by_id=actor.user_id)
        session.add(key)
        session.flush()
        _add_seal(session, key, actor.user_id, keys.encryption.public_key(), private, actor, clock)
        record_event(session, "randomization_key_created", detail=public)
    return public


def grant_randomization_key(
    factory: SessionFactory,
    granting_actor: Actor,
    user_id: int,
    user_public_x25519_b64: str,
    clock: Clock = system_clock,
) -> None:
    """Seal the randomization private key to a new investigator or newly delegated nurse.

    The granting actor must hold the key (a randomizing user signed in with their keys).

    Raises:
        RevealKeyError: see its codes.
    """
    reason = "randomization key granted"
    with unit_of_work(factory, granting_actor, reason=reason, clock=clock) as session:
        grant_in_session(session, granting_actor, user_id, user_public_x25519_b64, clock)


def grant_in_session(
    session: Session,
    granting_actor: Actor,
    user_id: int,
    user_public_x25519_b64: str,
    clock: Clock = system_clock,
) -> None:
    """`grant_randomization_key` inside a unit of work already open (e.g. a delegation).

    The unit of work needs a reason when the user held the key before (the emptied seal is
    filled again).
    """
    recipient = _public_key(user_public_x25519_b64)
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise RevealKeyError("unknown_user", "no such active user")
    if user.role != Role.INVESTIGATOR and not (user.role == Role.NURSE and user.can_randomize):
        raise RevealKeyError("not_a_randomizer", "the user may not randomize")
    private = open_randomization_key(session, granting_actor)
    key = _current_key(session)
    already = session.scalar(
        select(RandomizationKeySeal).where(
            RandomizationKeySeal.key_id == key.id,
            RandomizationKeySeal.user_public_key == user_public_x25519_b64,
        )
    )
    if already is not None:
        if not already.sealed_private_key:  # granted again after a withdrawal
            already.sealed_private_key = _sealed(recipient, private)
            already.granted_at, already.granted_by_id = clock(), granting_actor.user_id
            session.flush()
            record_event(
                session,
                "randomization_key_granted",
                record_id=str(user_id),
                table_name="user_account",
            )
        return
    _add_seal(session, key, user_id, recipient, private, granting_actor, clock)
    record_event(
        session, "randomization_key_granted", record_id=str(user_id), table_name="user_account"
    )


def withdraw_in_session(session: Session, user_id: int) -> int:
    """Empty every seal of `user_id` (delegation withdrawn, user deactivated); how many.

    Call inside a unit of work opened with a reason (an overwrite needs one). The emptied
    seal stays as a row, so the audit keeps who held the key and until when.
    """
    seals = session.scalars(
        select(RandomizationKeySeal).where(
            RandomizationKeySeal.user_id == user_id, RandomizationKeySeal.sealed_private_key != b""
        )
    ).all()
    for seal in seals:
        seal.sealed_private_key = b""
    session.flush()
    if seals:
        record_event(
            session,
            "randomization_key_withdrawn",
            record_id=str(user_id),
            table_name="user_account",
        )
    return len(seals)


def open_randomization_key(session: Session, actor: Actor) -> X25519PrivateKey:
    """The randomization private key, opened with the acting user's own key.

    Raises:
        RevealKeyError: not_a_randomizer, no_user_keys, no_randomization_key, no_seal,
            seal_broken.
    """
    keys = _randomizer_keys(actor)
    key = _current_key(session)
    seal = session.scalar(
        select(RandomizationKeySeal.sealed_private_key).where(
            RandomizationKeySeal.key_id == key.id,
            RandomizationKeySeal.user_id == actor.user_id,
            RandomizationKeySeal.user_public_key == keys.encryption_public,
        )
    )
    if not seal:
        raise RevealKeyError("no_seal", "the randomization key is not sealed to this user")
    try:
        raw = open_sealed(keys.encryption, seal, context=RANDOMIZATION_KEY_CONTEXT)
    except SealedBoxError as exc:
        raise RevealKeyError("seal_broken", "the randomization key does not open") from exc
    private = X25519PrivateKey.from_private_bytes(raw)
    if encode_public(private.public_key()) != key.public_key:
        raise RevealKeyError("seal_broken", "the sealed key is not this laptop's key")
    return private


def _randomizer_keys(actor: Actor) -> UserKeys:
    if not is_allowed(actor, Action.RANDOMIZE):
        raise RevealKeyError("not_a_randomizer", "only users who may randomize hold the key")
    if actor.keys is None or actor.user_id is None:
        raise RevealKeyError("no_user_keys", "the user's own keys are not unlocked")
    return actor.keys


def _current_key(session: Session) -> RandomizationKey:
    key = session.scalar(select(RandomizationKey).order_by(RandomizationKey.id.desc()).limit(1))
    if key is None:
        raise RevealKeyError("no_randomization_key", "this laptop has no randomization key yet")
    return key


def _add_seal(
    session: Session,
    key: RandomizationKey,
    user_id: int | None,
    recipient: X25519PublicKey,
    private: X25519PrivateKey,
    actor: Actor,
    clock: Clock,
) -> None:
    assert user_id is not None
    session.add(
        RandomizationKeySeal(
            key_id=key.id,
            user_id=user_id,
            user_public_key=encode_public(recipient),
            sealed_private_key=_sealed(recipient, private),
            granted_at=clock(),
            granted_by_id=actor.user_id,
        )
    )
    session.flush()


def _sealed(recipient: X25519PublicKey, private: X25519PrivateKey) -> bytes:
    raw = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return seal_to(recipient, raw, context=RANDOMIZATION_KEY_CONTEXT)


def _public_key(text: str) -> X25519PublicKey:
    try:
        raw = base64.b64decode(text, validate=True)
        if len(raw) != 32:
            raise ValueError("length")
        return X25519PublicKey.from_public_bytes(raw)
    except (ValueError, TypeError) as exc:
        raise RevealKeyError("bad_public_key", "not an X25519 public key") from exc
