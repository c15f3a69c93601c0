"""Import receipts: signed by the receipt key, refused when altered or signed by another key."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from msc_desk.exchange import Receipt, SignedDocumentError, make_receipt, verify_receipt
from msc_desk.exchange.signed import BUNDLE_FORMAT, sign_document

RECEIPT = Receipt("NCT01849237", "dev-a", 3, "ab" * 32, "2026-11-20T09:00:00Z")


def test_a_receipt_verifies_with_the_receipt_key_only() -> None:
    key = Ed25519PrivateKey.generate()
    data = make_receipt(key, RECEIPT)
    assert verify_receipt(data, key.public_key()) == RECEIPT
    with pytest.raises(SignedDocumentError, match="another key"):
        verify_receipt(data, Ed25519PrivateKey.generate().public_key())
    with pytest.raises(SignedDocumentError, match="altered"):
        verify_receipt(data.replace(b'"sequence":3', b'"sequence":4'), key.public_key())
    with pytest.raises(SignedDocumentError, match="not a signed-import-receipt"):
        verify_receipt(sign_document(key, BUNDLE_FORMAT, {}), key.public_key())
