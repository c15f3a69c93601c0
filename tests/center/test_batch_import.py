"""`center import` on a real PostgreSQL server: every bad batch is refused and nothing imported."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from batches import REGISTRY_FINGERPRINT, START, Center, Device, audit_lines
from sqlalchemy import Engine, func, select

from msc_desk.center.batch_writer import BatchWriter
from msc_desk.center.central_db import (
    batch_table_rows,
    batches,
    count_rows,
    enroll_device,
    list_alerts,
    open_central_database,
    revoke_device,
)
from msc_desk.center.importer import BatchRejected, ImportResult, import_batch
from msc_desk.exchange import GENESIS_HASH, verify_receipt
from msc_desk.exchange.canonical import ed25519_fingerprint, ed25519_public_bytes


@pytest.fixture
def engine(central_url: str) -> Iterator[Engine]:
    engine = open_central_database(central_url)
    yield engine
    engine.dispose()


def enroll(engine: Engine, device: Device) -> None:
    enroll_device(
        engine,
        device_id=device.device_id,
        signing_public_key=ed25519_public_bytes(device.key),
        key_id=ed25519_fingerprint(device.key),
        registry_fingerprint=REGISTRY_FINGERPRINT,
        site=device.site,
        enrolled_at=START,
    )


def run_import(engine: Engine, center: Center, path: Path) -> ImportResult:
    return import_batch(engine, path, center.import_keys(), clock=lambda: START)


def assert_refused(engine: Engine, center: Center, path: Path, code: str) -> BatchRejected:
    before = count_rows(engine)
    with pytest.raises(BatchRejected) as caught:
        run_import(engine, center, path)
    assert caught.value.code == code, caught.value
    assert count_rows(engine) == before
    return caught.value


def copy_of(batch: Path, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(batch, target)
    return target


def test_a_batch_is_imported_with_a_signed_receipt_and_its_rows_restored(
    engine: Engine, tmp_path: Path
) -> None:
    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    batch = device.export(tmp_path, center)

    result = run_import(engine, center, batch)

    assert (result.sequence, result.rows, result.already_imported) == (1, 5, False)
    receipt = verify_receipt(result.receipt, ed25519_public_bytes(center.receipt_key))
    assert (receipt.device_id, receipt.sequence) == ("dev-a", 1)
    assert receipt.envelope_sha256 == result.envelope_sha256
    with engine.connect() as connection:
        rows = connection.execute(
            select(batch_table_rows.c.row).where(batch_table_rows.c.table_name == "data_query")
        ).scalars()
        comments = sorted(row["text"] for row in rows)
    assert comments == ['=HYPERLINK("x")', "стабилен"]
    assert count_rows(engine)["batch_files"] == 8


def test_the_same_batch_again_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    batch = device.export(tmp_path, center)
    first = run_import(engine, center, batch)
    before = count_rows(engine)

    again = run_import(engine, center, batch)

    assert again.already_imported and again.receipt == first.receipt
    assert count_rows(engine) == before


@pytest.mark.parametrize(
    ("damage", "code"),
    [
        (lambda b: _edit(b / "envelope.json", lambda d: d.replace(b"site-01", b"site-02")),
         "bad_signature"),
        (lambda b: _edit(b / "envelope.json", lambda d: d[:-10]), "malformed"),
        (lambda b: _edit(b / "envelope.json", lambda d: d + b"junk"), "malformed"),
        (lambda b: _edit(b / "envelope.sig", lambda d: bytes([d[0] ^ 1]) + d[1:]),
         "bad_signature"),
        (lambda b: _edit(b / "payload.age", lambda d: d[:100] + bytes([d[100] ^ 1]) + d[101:]),
         "bad_payload"),
        (lambda b: _edit(b / "payload.age", lambda d: d[:-1]), "bad_payload"),
        (lambda b: _edit(b / "payload.age", lambda d: d + b"\x00junk"), "bad_payload"),
        (lambda b: (b / "payload.age").unlink(), "malformed"),
    ],
    ids=["envelope-byte", "envelope-truncated", "envelope-junk", "signature-byte",
         "payload-byte", "payload-truncated", "payload-junk", "payload-missing"],
)  # fmt: skip
def test_a_damaged_batch_is_refused_with_nothing_imported(
    engine: Engine, tmp_path: Path, damage: object, code: str
) -> None:
    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    batch = device.export(tmp_path, center)
    damage(batch)  # type: ignore[operator]

    rejected = assert_refused(engine, center, batch, code)

    assert rejected.message
    assert count_rows(engine)["batches"] == 0


def _edit(path: Path, change: object) -> None:
    path.write_bytes(change(path.read_bytes()))  # type: ignore[operator]


def test_a_forged_envelope_raises_a_tamper_alert(engine: Engine, tmp_path: Path) -> None:
    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    batch = device.export(tmp_path, center)
    _edit(batch / "envelope.json", lambda d: d.replace(b"site-01", b"site-02"))
    assert_refused(engine, center, batch, "bad_signature")
    assert [alert["kind"] for alert in list_alerts(engine)] == ["tamper"]


def test_the_same_sequence_with_other_content_is_a_fork_alert(
    engine: Engine, tmp_path: Path
) -> None:
    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    run_import(engine, center, device.export(tmp_path / "one", center))
    restored = Device("dev-a", key=device.key)  # the laptop restored from an old backup
    forked = restored.export(tmp_path / "two", center, new_audit=5)

    rejected = assert_refused(engine, center, forked, "fork")

    assert "batch 1 of device dev-a was imported" in rejected.message
    assert [alert["kind"] for alert in list_alerts(engine)] == ["fork"]
    assert_refused(engine, center, forked, "fork")
    assert len(list_alerts(engine)) == 1


def test_a_gap_is_held_and_reported_then_filled(engine: Engine, tmp_path: Path) -> None:
    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    first, second, third = (device.export(tmp_path / str(n), center) for n in (1, 2, 3))
    run_import(engine, center, first)

    rejected = assert_refused(engine, center, third, "gap")

    assert "batches 2–2 have not been imported" in rejected.message
    assert [alert["kind"] for alert in list_alerts(engine)] == ["gap"]
    run_import(engine, center, second)
    assert run_import(engine, center, third).sequence == 3


def test_a_batch_for_another_center_is_refused_with_a_clear_message(
    engine: Engine, tmp_path: Path
) -> None:
    ours, theirs, device = Center(), Center(), Device("dev-a")
    enroll(engine, device)
    batch = device.export(tmp_path, theirs)

    rejected = assert_refused(engine, ours, batch, "wrong_key")

    assert "encrypted to other center keys" in rejected.message


def test_unknown_and_revoked_devices_are_refused(engine: Engine, tmp_path: Path) -> None:
    center, device = Center(), Device("dev-a")
    batch = device.export(tmp_path / "one", center)
    assert_refused(engine, center, batch, "unknown_device")
    enroll(engine, device)
    revoke_device(engine, "dev-a", "laptop stolen", START)
    rejected = assert_refused(engine, center, batch, "revoked_device")
    assert "laptop stolen" in rejected.message


def test_a_device_key_other_than_the_enrolled_one_is_refused(
    engine: Engine, tmp_path: Path
) -> None:
    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    impostor = Device("dev-a")
    rejected = assert_refused(engine, center, impostor.export(tmp_path, center), "bad_signature")
    assert "another signing key" in rejected.message


@pytest.mark.parametrize("how", ["rewritten", "truncated", "altered"])
def test_a_rewritten_or_truncated_audit_history_is_caught(
    engine: Engine, tmp_path: Path, how: str
) -> None:
    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    run_import(engine, center, device.export(tmp_path / "one", center, new_audit=4))
    if how == "rewritten":
        device.audit = audit_lines(1, previous="1" * 64) + device.audit[1:]
    elif how == "truncated":
        device.audit = device.audit[:2]
    else:
        device.audit[2] = device.audit[2].replace(b"=value 3", b"=value 9")
    batch = device.export(tmp_path / "two", center, new_audit=0)

    rejected = assert_refused(engine, center, batch, "audit_rewritten")

    expected = {
        "rewritten": "entry 1 differs",
        "truncated": "truncated",
        "altered": "entry 3 keeps",
    }
    assert expected[how] in rejected.message
    assert [alert["kind"] for alert in list_alerts(engine)] == ["audit_rewritten"]


def test_an_audit_that_extends_the_previous_one_is_accepted(engine: Engine, tmp_path: Path) -> None:
    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    run_import(engine, center, device.export(tmp_path / "one", center))
    assert run_import(engine, center, device.export(tmp_path / "two", center)).sequence == 2
    assert list_alerts(engine) == []


def test_two_devices_merge_without_collisions(engine: Engine, tmp_path: Path) -> None:
    center = Center()
    laptops = [Device("dev-a"), Device("dev-b", site="site-02")]
    for laptop in laptops:
        enroll(engine, laptop)
        run_import(engine, center, laptop.export(tmp_path / laptop.device_id, center))

    with engine.connect() as connection:
        ids = connection.execute(
            select(batch_table_rows.c.row).where(batch_table_rows.c.table_name == "patient")
        ).scalars()
        study_ids = sorted(row["study_id"] for row in ids)
    assert study_ids == ["dev-a-001", "dev-a-002", "dev-b-001", "dev-b-002"]
    assert count_rows(engine)["batches"] == 2


@pytest.mark.parametrize("step", ["write", "flush"])
def test_a_failure_while_writing_leaves_nothing_imported(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """A failure after the rows went to the server (in the COPY, or once it ended) rolls back."""
    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    batch = device.export(tmp_path, center)
    before = count_rows(engine)
    real = getattr(BatchWriter, step)
    calls: list[object] = []

    def then_fail(*args: object) -> object:
        value = real(*args)
        calls.append(value)
        if step == "write" or len(calls) > 1:  # the flush before the first read passes
            raise RuntimeError("disk gone")
        return value

    monkeypatch.setattr(BatchWriter, step, then_fail)
    with pytest.raises(RuntimeError):
        run_import(engine, center, batch)
    assert calls
    assert count_rows(engine) == before


def test_a_manifest_that_differs_from_its_signed_envelope_is_refused(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import msc_desk.exchange.batch as batch_module

    real_build = batch_module.build_payload

    def build_for_another_site(shared: dict[str, object], *args: object) -> bytes:
        return real_build(shared | {"site": "site-99"}, *args)  # type: ignore[arg-type]

    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    monkeypatch.setattr(batch_module, "build_payload", build_for_another_site)
    batch = device.export(tmp_path, center)

    rejected = assert_refused(engine, center, batch, "manifest")

    assert "differs from the envelope in: site" in rejected.message


def test_an_empty_table_travels_as_an_empty_file(engine: Engine, tmp_path: Path) -> None:
    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    batch = device.export(
        tmp_path,
        center,
        tables={"patient": [{"study_id": "x"}], "outcome": []},
        columns={"patient": ["study_id"], "outcome": ["id", "patient_id"]},
    )
    assert run_import(engine, center, batch).rows == 1
    envelope = json.loads((batch / "envelope.json").read_bytes())
    assert envelope["previous_envelope_sha256"] == GENESIS_HASH


def test_a_batch_of_another_study_or_site_is_refused(engine: Engine, tmp_path: Path) -> None:
    center, device = Center(), Device("dev-a", site="site-07")
    enroll(engine, device)
    batch = device.export(tmp_path, center)
    with pytest.raises(BatchRejected, match="wrong_study"):
        import_batch(engine, batch, center.import_keys(), study="NCT00000000")
    moved = Device("dev-b", site="site-01")
    enroll(engine, moved)
    moved.site = "site-02"
    rejected = assert_refused(engine, center, moved.export(tmp_path / "b", center), "wrong_site")
    assert "enrolled at site site-01" in rejected.message
    assert count_rows(engine)["batches"] == 0


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_rows_are_stored_as_their_original_text_on_both_databases(
    tmp_path: Path, request: pytest.FixtureRequest, backend: str
) -> None:
    url = request.getfixturevalue("central_url" if backend == "postgresql" else "sqlite_url")
    engine = open_central_database(url)
    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    values = [
        "=1+1",
        "'quoted",
        "''two",
        "",
        None,
        'a "b", c',
        "line\r\nnext",
        "Иванов",
        "-3",
        "2.5",
    ]
    tables = {"data_query": [{"id": n, "text": value} for n, value in enumerate(values)]}
    run_import(engine, center, device.export(tmp_path, center, tables=tables))

    with engine.connect() as connection:
        stored = connection.execute(
            select(batch_table_rows.c.row_number, batch_table_rows.c.row).order_by(
                batch_table_rows.c.row_number
            )
        ).all()
    engine.dispose()
    expected = ["=1+1", "'quoted", "''two", "", "", 'a "b", c', "line\r\nnext", "Иванов", "-3",
                "2.5"]  # fmt: skip
    assert [number for number, _ in stored] == list(range(1, 11))
    assert [row["text"] for _, row in stored] == expected
    assert [row["id"] for _, row in stored] == [str(index) for index in range(10)]


def test_an_oversized_envelope_is_refused_before_it_is_parsed(
    engine: Engine, tmp_path: Path
) -> None:
    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    batch = device.export(tmp_path, center)
    _edit(batch / "envelope.json", lambda d: d + b" " * 70_000)
    rejected = assert_refused(engine, center, batch, "malformed")
    assert "larger than 65536 bytes" in rejected.message


def test_one_call_imports_the_good_batches_and_refuses_the_bad_one_alone(
    engine: Engine, tmp_path: Path
) -> None:
    from msc_desk.center.importer import import_batches

    center, first, second = Center(), Device("dev-a"), Device("dev-b", site="site-02")
    for laptop in (first, second):
        enroll(engine, laptop)
    good = first.export(tmp_path / "a1", center)
    damaged = second.export(tmp_path / "b1", center)
    _edit(damaged / "payload.age", lambda d: d[:-1])
    following = first.export(tmp_path / "a2", center)

    results = import_batches(engine, [good, damaged, following], center.import_keys())

    assert [getattr(result, "code", "imported") for result in results] == [
        "imported", "bad_payload", "imported",
    ]  # fmt: skip
    assert count_rows(engine)["batches"] == 2
    with engine.connect() as connection:
        devices_seen = set(
            connection.execute(select(batch_table_rows.c.batch_id).distinct()).scalars()
        )
    assert len(devices_seen) == 2


def test_a_key_registry_other_than_the_one_pinned_at_enrolment_is_refused(
    engine: Engine, tmp_path: Path
) -> None:
    center, device = Center(), Device("dev-a")
    enroll_device(
        engine,
        device_id=device.device_id,
        signing_public_key=ed25519_public_bytes(device.key),
        key_id=ed25519_fingerprint(device.key),
        registry_fingerprint="ab" * 32,  # another laptop's first user, or a rewritten registry
        site=device.site,
        enrolled_at=START,
    )

    rejected = assert_refused(engine, center, device.export(tmp_path, center), "registry_pin")

    assert "does not start with the entry pinned at its enrolment" in rejected.message
    assert [alert["kind"] for alert in list_alerts(engine)] == ["registry_pin"]


def test_a_bad_batch_in_the_middle_of_a_call_is_refused_alone_and_holds_the_next(
    engine: Engine, tmp_path: Path
) -> None:
    from msc_desk.center.importer import import_batches

    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    first, second, third = (device.export(tmp_path / f"b{n}", center) for n in (1, 2, 3))
    damaged = copy_of(second, tmp_path, "damaged")
    _edit(damaged / "payload.age", lambda d: d[:100] + bytes([d[100] ^ 1]) + d[101:])

    results = import_batches(engine, [first, damaged, third], center.import_keys())

    assert [getattr(result, "code", "imported") for result in results] == [
        "imported", "bad_payload", "gap",
    ]  # fmt: skip
    assert count_rows(engine)["batches"] == 1
    assert count_rows(engine)["batch_table_rows"] == 5
    later = import_batches(engine, [second, third], center.import_keys())
    assert [getattr(result, "already_imported", None) for result in later] == [False, False]
    assert count_rows(engine)["batches"] == 3
    with engine.connect() as connection:
        per_batch = connection.execute(
            select(batch_table_rows.c.batch_id, func.count())
            .group_by(batch_table_rows.c.batch_id)
            .order_by(batch_table_rows.c.batch_id)
        ).all()
        ledger = connection.execute(
            select(batches.c.id, batches.c.sequence).order_by(batches.c.sequence)
        ).all()
    assert [count for _, count in per_batch] == [5, 5, 5]
    assert [batch_id for batch_id, _ in per_batch] == [batch_id for batch_id, _ in ledger]


def test_a_batch_given_twice_in_one_call_is_imported_once(engine: Engine, tmp_path: Path) -> None:
    from msc_desk.center.importer import import_batches

    center, device = Center(), Device("dev-a")
    enroll(engine, device)
    first, second = (device.export(tmp_path / f"b{n}", center) for n in (1, 2))
    forked = Device("dev-a", key=device.key)  # the laptop restored from a backup
    fork = forked.export(tmp_path / "fork", center, tables={"patient": [{"study_id": "x"}]})

    results = import_batches(engine, [first, second, first, fork], center.import_keys())

    assert [getattr(result, "code", None) for result in results] == [None, None, None, "fork"]
    assert isinstance(results[2], ImportResult) and results[2].already_imported
    assert isinstance(results[0], ImportResult) and results[2].receipt == results[0].receipt
    assert count_rows(engine)["batches"] == 2
    assert count_rows(engine)["batch_table_rows"] == 10
    assert [alert["kind"] for alert in list_alerts(engine)] == ["fork"]
