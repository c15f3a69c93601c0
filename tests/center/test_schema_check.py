"""Import step 10 on a real PostgreSQL server: a signed batch whose tables break the schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batches import REGISTRY_FINGERPRINT, START, Center, Device, batch_files, edited_csv
from sqlalchemy import Engine

from msc_desk.center.central_db import count_rows, enroll_device, open_central_database
from msc_desk.center.importer import BatchRejected, import_batch
from msc_desk.exchange.canonical import ed25519_fingerprint, ed25519_public_bytes
from msc_desk.exchange.schema import DICTIONARY_FILE, ODM_FILE


@pytest.fixture
def engine(central_url: str) -> Iterator[Engine]:
    engine = open_central_database(central_url)
    yield engine
    engine.dispose()


@pytest.fixture
def center() -> Center:
    return Center()


@pytest.fixture
def device(engine: Engine) -> Device:
    laptop = Device("dev-a")
    enroll_device(
        engine,
        device_id=laptop.device_id,
        signing_public_key=ed25519_public_bytes(laptop.key),
        key_id=ed25519_fingerprint(laptop.key),
        registry_fingerprint=REGISTRY_FINGERPRINT,
        site=laptop.site,
        enrolled_at=START,
    )
    return laptop


def refused(engine: Engine, center: Center, batch: Path, code: str = "schema") -> str:
    before = count_rows(engine)
    with pytest.raises(BatchRejected) as caught:
        import_batch(engine, batch, center.import_keys(), clock=lambda: START)
    assert caught.value.code == code, caught.value
    assert count_rows(engine) == before
    return caught.value.message


def visits(count: int, **changed: Any) -> list[dict[str, Any]]:
    """`count` good visit rows; the keyword values replace those of the last one."""
    rows = [
        {"id": n, "patient_id": 1, "study_day": 0, "status": "done", "performed_at": START,
         "locked": False, "sofa_total": 11}
        for n in range(1, count + 1)
    ]  # fmt: skip
    rows[-1].update(changed)
    return rows


def test_a_batch_that_keeps_to_its_schema_is_imported(
    engine: Engine, center: Center, device: Device, tmp_path: Path
) -> None:
    batch = device.export(tmp_path, center, tables={"visit": visits(12)})
    result = import_batch(engine, batch, center.import_keys(), clock=lambda: START)
    assert result.rows == 12


@pytest.mark.parametrize(
    ("table", "rows", "message"),
    [
        ("screening", [{"id": 1, "anc_10e9_per_l": "0.3"}, {"id": 2, "anc_10e9_per_l": "abc"}],
         "screening.csv, row 2, column anc_10e9_per_l: 'abc' is not a number"),
        ("visit", visits(12, study_day="2.5"),
         "visit.csv, row 12, column study_day: '2.5' is not an integer"),
        ("visit", visits(3, id="x3"), "visit.csv, row 3, column id: 'x3' is not an integer"),
        ("visit", visits(4, performed_at="2026-11-20 09:00"),
         "visit.csv, row 4, column performed_at: '2026-11-20 09:00' is not an ISO-8601 UTC "
         "instant"),
        ("visit", visits(2, performed_at="2026-11-20T12:00:00+03:00"),
         "column performed_at: '2026-11-20T12:00:00+03:00' is not an ISO-8601 UTC instant"),
        ("visit", visits(2, performed_at="2026-13-20T09:00:00Z"),
         "column performed_at: '2026-13-20T09:00:00Z' is not an ISO-8601 UTC instant"),
        ("visit", visits(5, status="finished"),
         "visit.csv, row 5, column status: 'finished' is not one of the codes done, missed, "
         "not_applicable, scheduled"),
        ("visit", visits(2, locked="yes"),
         "visit.csv, row 2, column locked: 'yes' is not true or false"),
        ("visit", visits(3, study_day="1\n2"),
         "visit.csv, row 3, column study_day: '1\\n2' is not an integer"),
        ("visit", visits(30, performed_at="2026-02-30T09:00:00Z"),
         "visit.csv, row 30, column performed_at: '2026-02-30T09:00:00Z' is not an ISO-8601 "
         "UTC instant"),
    ],
    ids=["decimal", "integer", "reference", "instant-format", "instant-not-utc",
         "instant-impossible", "code", "boolean", "two-integers-in-one-cell",
         "instant-on-a-day-that-does-not-exist"],
)  # fmt: skip
def test_a_value_that_does_not_read_as_its_type_is_refused_with_its_place(
    engine: Engine,
    center: Center,
    device: Device,
    tmp_path: Path,
    table: str,
    rows: list[dict[str, Any]],
    message: str,
) -> None:
    batch = device.export(tmp_path, center, tables={table: rows})
    assert message in refused(engine, center, batch)


def test_formula_like_text_that_is_not_neutralized_is_refused(
    engine: Engine, center: Center, device: Device, tmp_path: Path
) -> None:
    with edited_csv(lambda data: data.replace(b"'=HYPERLINK", b"=HYPERLINK")):
        batch = device.export(tmp_path, center)
    message = refused(engine, center, batch)
    assert message == (
        "data_query.csv, row 1, column text: '=HYPERLINK(\"x\")' starts like a spreadsheet "
        "formula but is not neutralized"
    )


def test_a_row_more_than_the_manifest_counts_is_refused(
    engine: Engine, center: Center, device: Device, tmp_path: Path
) -> None:
    with edited_csv(lambda data: data + data.split(b"\r\n")[1] + b"\r\n" if b"dev-a" in data
                    else data):  # fmt: skip
        batch = device.export(tmp_path, center)
    assert "tables/patient.csv: 3 rows, the manifest says 2" in refused(
        engine, center, batch, "manifest"
    )


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        (["id", "patient_id", "study_day", "status"],
         "visit.csv: its header differs from the data dictionary (missing status, unknown "
         "performed_at)"),
        (["id", "patient_id", "study_day", "status", "performed_at", "sofa_total"],
         "(missing status, sofa_total, unknown -)"),
        (["patient_id", "id", "study_day", "performed_at"], "the columns are in another order"),
    ],
    ids=["renamed", "missing", "order"],
)  # fmt: skip
def test_a_header_other_than_the_dictionary_declares_is_refused(
    engine: Engine,
    center: Center,
    device: Device,
    tmp_path: Path,
    declared: list[str],
    message: str,
) -> None:
    rows = [{"id": 1, "patient_id": 1, "study_day": 0, "performed_at": START}]
    batch = device.export(
        tmp_path, center, tables={"visit": rows}, dictionary_columns={"visit": declared}
    )
    assert message in refused(engine, center, batch)


def test_missing_and_unknown_files_are_refused(
    engine: Engine, center: Center, device: Device, tmp_path: Path
) -> None:
    tables = {"visit": visits(1)}
    columns = {"visit": list(visits(1)[0])}
    without_odm = batch_files(columns)
    del without_odm[ODM_FILE]
    message = refused(
        engine, center,
        device.export(tmp_path / "1", center, tables=tables, extra_files=without_odm),
    )  # fmt: skip
    assert message == "the payload's files differ from its schema: missing study.odm.xml"

    junk = batch_files(columns) | {"notes.txt": b"hello"}
    again = Device("dev-a", key=device.key)  # the refused batch 1, written anew
    message = refused(
        engine, center, again.export(tmp_path / "2", center, tables=tables, extra_files=junk)
    )
    assert message.endswith("unknown notes.txt")


def test_a_table_the_dictionary_does_not_declare_or_that_is_absent_is_refused(
    engine: Engine, center: Center, device: Device, tmp_path: Path
) -> None:
    undeclared = device.export(
        tmp_path / "1", center, dictionary_columns={"patient": ["id", "study_id", "status",
                                                                  "is_demo"]},
    )  # fmt: skip
    message = refused(engine, center, undeclared)
    assert "unknown tables/data_query.csv, tables/visit.csv" in message

    again = Device("dev-a", key=device.key)  # the refused batch 1, written anew
    absent = again.export(
        tmp_path / "2", center, tables={"visit": visits(1)},
        dictionary_columns={"visit": list(visits(1)[0]), "outcome": ["id", "patient_id"]},
    )  # fmt: skip
    assert "missing tables/outcome.csv" in refused(engine, center, absent)


def test_a_table_outside_the_catalogue_is_refused(
    engine: Engine, center: Center, device: Device, tmp_path: Path
) -> None:
    columns = {"visit": list(visits(1)[0])}
    files = batch_files(columns)
    files[DICTIONARY_FILE] += b"table,patients,,study_id,,,text,,,,,,,,\r\n"
    batch = device.export(
        tmp_path, center, tables={"visit": visits(1), "patients": [{"study_id": "x"}]},
        extra_files=files,
    )  # fmt: skip
    assert "patients is not a table of the field catalogue" in refused(engine, center, batch)


def test_a_dictionary_that_loosens_a_catalogue_type_is_refused(
    engine: Engine, center: Center, device: Device, tmp_path: Path
) -> None:
    columns = {"visit": list(visits(1)[0])}
    files = batch_files(columns)
    loosened = files[DICTIONARY_FILE].replace(b"Study day,integer", b"Study day,text")
    assert loosened != files[DICTIONARY_FILE]
    batch = device.export(
        tmp_path, center, tables={"visit": visits(1, study_day="soon")},
        extra_files=files | {DICTIONARY_FILE: loosened},
    )  # fmt: skip
    message = refused(engine, center, batch)
    assert "(visit.study_day): its type or codes differ from the field catalogue" in message
