"""Key slots: the database key wrapped by Argon2id-derived keys (AES-256-GCM); recovery codes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any, NoReturn

from argon2.low_level import ARGON2_VERSION, Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
_SALT_BYTES = 16
_NONCE_BYTES = 12
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_LOOKALIKES = str.maketrans("OIL", "011")
_RECOVERY_GROUPS = 6
_RECOVERY_GROUP_LENGTH = 5


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: passes, memory in KiB and lanes; stored in every slot it made."""

    time_cost: int
    memory_kib: int
    parallelism: int

    def __post_init__(self) -> None:
        # Bounds keep a tampered slot from asking for absurd work (or from being unparseable).
        if not 1 <= self.parallelism <= 64:
            raise ValueError("Argon2 parallelism must be 1..64")
        if not 1 <= self.time_cost <= 64:
            raise ValueError("Argon2 time cost must be 1..64")
        if not 8 * self.parallelism <= self.memory_kib <= 4 * 1024 * 1024:
            raise ValueError("Argon2 memory must be 8*parallelism KiB .. 4 GiB")


PRODUCTION_KDF = KdfParams(time_cost=3, memory_kib=64 * 1024, parallelism=4)

_new_slot_kdf = PRODUCTION_KDF


def new_slot_kdf() -> KdfParams:
    """The Argon2id cost of every slot written from now on: set in code, never read from a file."""
    return _new_slot_kdf


def set_new_slot_kdf(params: KdfParams) -> None:
    """Choose the cost of new slots (tests choose a cheap one; the application never calls this)."""
    global _new_slot_kdf
    _new_slot_kdf = params


class DatabaseKey:
    """The 32 random bytes that key SQLCipher; never printed, pickled or written in clear."""

    __slots__ = ("_raw",)

    def __init__(self, raw: bytes) -> None:
        if len(raw) != KEY_BYTES:
            raise ValueError("a database key is 32 bytes")
        self._raw = bytes(raw)

    @classmethod
    def generate(cls) -> DatabaseKey:
        return cls(secrets.token_bytes(KEY_BYTES))

    def reveal(self) -> bytes:
        """The raw key, for SQLCipher and for wrapping into a new slot only."""
        return self._raw

    def __repr__(self) -> str:
        return "DatabaseKey(<hidden>)"

    def __reduce__(self) -> NoReturn:
        raise TypeError("a database key is never pickled")


class KeySlotError(Exception):
    """A key slot cannot be used."""


class WrongSecret(KeySlotError):
    """The password or recovery code does not open this slot."""


class SlotRetired(KeySlotError):
    """The password is right, but the slot no longer holds the key (the user was deactivated)."""


def normalize_secret(secret: str) -> bytes:
    """Passwords are compared as NFC UTF-8, so the same letters typed anywhere give the same key."""
    return unicodedata.normalize("NFC", secret).encode("utf-8")


def _derive(secret: bytes, salt: bytes, params: KdfParams) -> tuple[bytes, bytes]:
    """Two independent 32-byte halves: the wrapping key, and a verifier that survives retirement."""
    raw = hash_secret_raw(
        secret,
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=2 * KEY_BYTES,
        type=Type.ID,
        version=ARGON2_VERSION,
    )
    return raw[:KEY_BYTES], raw[KEY_BYTES:]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise KeySlotError("malformed key slot")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except ValueError as exc:
        raise KeySlotError("malformed key slot") from exc


def _aad(workspace_id: str, slot_name: str) -> bytes:
    # Binds a slot to its name and workspace: a slot copied under another name opens nothing.
    return json.dumps(["msc-desk keyslot v1", workspace_id, slot_name]).encode("utf-8")


def _check_value(verifier: bytes) -> str:
    return hashlib.sha256(b"msc-desk verifier\x00" + verifier).hexdigest()


def wrap_key(
    key: DatabaseKey, secret: bytes, *, workspace_id: str, slot_name: str, params: KdfParams
) -> dict[str, Any]:
    """A new slot holding `key`, openable with `secret` only."""
    return wrap_secret(
        key.reveal(), secret, workspace_id=workspace_id, slot_name=slot_name, params=params
    )


def wrap_secret(
    payload: bytes, secret: bytes, *, workspace_id: str, slot_name: str, params: KdfParams
) -> dict[str, Any]:
    """A new slot holding `payload` (private keys), openable with `secret` only."""
    salt = secrets.token_bytes(_SALT_BYTES)
    nonce = secrets.token_bytes(_NONCE_BYTES)
    kek, verifier = _derive(secret, salt, params)
    wrapped = AESGCM(kek).encrypt(nonce, payload, _aad(workspace_id, slot_name))
    return {
        "kdf": {"algorithm": "argon2id", "version": ARGON2_VERSION} | asdict(params),
        "salt": _b64(salt),
        "check": _check_value(verifier),
        "nonce": _b64(nonce),
        "wrapped": _b64(wrapped),
    }


def slot_params(slot: dict[str, Any]) -> KdfParams:
    """The Argon2id parameters a slot was made with."""
    kdf = slot.get("kdf")
    if not isinstance(kdf, dict) or kdf.get("algorithm") != "argon2id":
        raise KeySlotError("unsupported key slot")
    if kdf.get("version") != ARGON2_VERSION:
        raise KeySlotError("unsupported Argon2 version")
    try:
        return KdfParams(int(kdf["time_cost"]), int(kdf["memory_kib"]), int(kdf["parallelism"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise KeySlotError("malformed key slot") from exc


def check_slot(slot: Any) -> None:
    """Raise KeySlotError unless `slot` has the shape of a slot (whatever its secret)."""
    if not isinstance(slot, dict):
        raise KeySlotError("malformed key slot")
    slot_params(slot)
    _unb64(slot.get("salt"))
    if not isinstance(slot.get("check"), str):
        raise KeySlotError("malformed key slot")
    if "wrapped" in slot:
        _unb64(slot.get("nonce"))
        _unb64(slot["wrapped"])


def unwrap_key(
    slot: dict[str, Any], secret: bytes, *, workspace_id: str, slot_name: str
) -> DatabaseKey:
    """The database key of a slot (see unwrap_secret)."""
    return DatabaseKey(unwrap_secret(slot, secret, workspace_id=workspace_id, slot_name=slot_name))


def unwrap_secret(
    slot: dict[str, Any], secret: bytes, *, workspace_id: str, slot_name: str
) -> bytes:
    """The payload of a slot.

    Raises:
        WrongSecret: the secret is not the slot's.
        SlotRetired: the secret is right but the slot was emptied.
        KeySlotError: the slot is malformed.
    """
    params = slot_params(slot)
    kek, verifier = _derive(secret, _unb64(slot.get("salt")), params)
    if not hmac.compare_digest(_check_value(verifier), str(slot.get("check", ""))):
        raise WrongSecret("wrong secret")
    if "wrapped" not in slot:
        raise SlotRetired("this key slot was retired")
    try:
        return AESGCM(kek).decrypt(
            _unb64(slot.get("nonce")), _unb64(slot["wrapped"]), _aad(workspace_id, slot_name)
        )
    except InvalidTag as exc:
        raise WrongSecret("the slot does not open with this secret") from exc


def retire_slot(slot: dict[str, Any]) -> dict[str, Any]:
    """The slot without its wrapped key: the password still verifies, but opens nothing."""
    return {name: value for name, value in slot.items() if name not in ("nonce", "wrapped")}


def burn_kdf(params: KdfParams) -> None:
    """Spend one derivation's time, so that an unknown username answers as slowly as a known one."""
    _derive(secrets.token_bytes(16), secrets.token_bytes(_SALT_BYTES), params)


def new_recovery_code() -> str:
    """A fresh recovery code: 6 groups of 5 Crockford base32 characters (150 random bits)."""
    groups = (
        "".join(secrets.choice(_CROCKFORD) for _ in range(_RECOVERY_GROUP_LENGTH))
        for _ in range(_RECOVERY_GROUPS)
    )
    return "-".join(groups)


def normalize_recovery_code(code: str) -> bytes:
    """The canonical form of a typed code (case, spaces, dashes, O/0 and I/L/1 forgiven).

    Raises:
        WrongSecret: the text cannot be a recovery code.
    """
    text = code.upper().translate(_LOOKALIKES)
    text = "".join(char for char in text if char not in " -\t")
    if len(text) != _RECOVERY_GROUPS * _RECOVERY_GROUP_LENGTH or any(
        char not in _CROCKFORD for char in text
    ):
        raise WrongSecret("not a recovery code")
    return text.encode("ascii")
