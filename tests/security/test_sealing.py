"""Sealed boxes open only with their recipient's key and context; user keys sign verifiably."""

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from msc_desk.security.identity import UserKeys, fingerprint, verify_signature
from msc_desk.security.sealing import SealedBoxError, open_sealed, seal_to


def test_a_box_opens_with_its_recipient_and_context_only():
    alice, bob = X25519PrivateKey.generate(), X25519PrivateKey.generate()
    box = seal_to(alice.public_key(), b"secret", context="database-key")
    assert open_sealed(alice, box, context="database-key") == b"secret"
    with pytest.raises(SealedBoxError):
        open_sealed(bob, box, context="database-key")
    with pytest.raises(SealedBoxError):
        open_sealed(alice, box, context="randomization-key")
    tampered = box[:-1] + bytes([box[-1] ^ 1])
    with pytest.raises(SealedBoxError):
        open_sealed(alice, tampered, context="database-key")
    with pytest.raises(SealedBoxError):
        open_sealed(alice, b"MSB1short", context="database-key")


def test_boxes_of_one_length_whatever_the_content_of_one_length():
    key = X25519PrivateKey.generate().public_key()
    assert len(seal_to(key, b"a" * 32, context="x")) == len(seal_to(key, b"b" * 32, context="x"))


def test_user_keys_sign_and_verify_and_hide_themselves():
    keys, other = UserKeys.generate(), UserKeys.generate()
    signature = keys.sign(b"head")
    assert verify_signature(keys.signing_public, signature, b"head")
    assert not verify_signature(other.signing_public, signature, b"head")
    assert not verify_signature(keys.signing_public, signature, b"other")
    assert not verify_signature("not base64!", signature, b"head")
    assert repr(keys) == "UserKeys(<hidden>)"
    assert len(fingerprint(keys.signing_public)) == 64
