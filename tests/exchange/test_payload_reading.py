"""Opening a payload: an audit log read before is not read again, and the result is the same."""

from __future__ import annotations

from pathlib import Path

import pyrage
import pytest
from batches import Center, Device

from msc_desk.exchange import PayloadError, open_payload, read_batch
from msc_desk.exchange.payload import audit_entry_hashes


def _opened_zip(batch: Path, center: Center) -> tuple[bytes, object]:
    files = read_batch(batch)
    identity = pyrage.x25519.Identity.from_str(center.operational.secret)
    return pyrage.decrypt(files.payload, [identity]), files.envelope


def test_a_log_that_extends_the_known_one_gives_the_hashes_of_a_full_read(tmp_path: Path) -> None:
    center, device = Center(), Device("dev-a")
    first = device.export(tmp_path / "1", center, new_audit=3)
    second = device.export(tmp_path / "2", center, new_audit=4)
    earlier = open_payload(*_opened_zip(first, center))  # type: ignore[arg-type]
    known = (earlier.audit_jsonl, earlier.audit_hashes)

    later = open_payload(*_opened_zip(second, center), known)  # type: ignore[arg-type]

    assert later.audit_hashes == audit_entry_hashes(later.audit_jsonl)
    assert len(later.audit_hashes) == 7
    unrelated = (b'{"entry_hash":"' + b"a" * 64 + b'"}\n', ["a" * 64])
    again = open_payload(*_opened_zip(second, center), unrelated)  # type: ignore[arg-type]
    assert again.audit_hashes == later.audit_hashes


def test_a_bad_line_after_the_known_log_is_named_from_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import msc_desk.exchange.batch as batch_module

    center, device = Center(), Device("dev-a")
    first = device.export(tmp_path / "1", center, new_audit=3)
    earlier = open_payload(*_opened_zip(first, center))  # type: ignore[arg-type]
    real_build = batch_module.build_payload

    def with_a_broken_fifth_line(shared: object, tables: object, extra: object, audit: bytes,
                                 *rest: object) -> bytes:  # fmt: skip
        broken = audit + b'{"no_hash":1}\n'
        return real_build(shared, tables, extra, broken, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(batch_module, "build_payload", with_a_broken_fifth_line)
    second = device.export(tmp_path / "2", center, new_audit=1)
    known = (earlier.audit_jsonl, earlier.audit_hashes)

    with pytest.raises(PayloadError, match="audit line 5 has no entry_hash"):
        open_payload(*_opened_zip(second, center), known)  # type: ignore[arg-type]
