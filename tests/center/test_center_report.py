"""`center report`: arrivals, reconciliation, and merged data that Stata and SPSS readers open."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
from exporting import prepare_export, send_to_center
from sqlalchemy import Engine

from msc_desk.center.central_db import open_central_database, record_issued_list
from msc_desk.center.reconcile import reconcile_device
from msc_desk.center.report_command import write_report


@pytest.fixture
def engine(central_url: str) -> Iterator[Engine]:
    engine = open_central_database(central_url)
    yield engine
    engine.dispose()


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_the_report_merges_data_with_labels_and_reconciles_slots(
    tmp_path: Path, engine: Engine
) -> None:
    setup = prepare_export(tmp_path / "data", screened=10)
    device_uid = send_to_center(engine, setup, tmp_path / "usb").device_id
    record_issued_list(
        engine, list_uid="issued-elsewhere", study="NCT01849237", device_id=device_uid,
        first_slot=41, slot_count=40, first_study_number=1, study_number_count=100,
        issued_at=datetime.now(UTC),
    )  # fmt: skip
    out = tmp_path / "report"
    out.mkdir()
    summary = write_report(engine, out)
    assert f"Device {device_uid}" in summary and "1 batches" in summary
    counts = _rows(out / "randomization.csv")[0]
    assert int(counts["slots_on_laptop"]) == 10 and int(counts["slots_revealed"]) > 0
    assert counts["slots_revealed"] == counts["patients_randomized"]
    kinds = [row["kind"] for row in _rows(out / "findings.csv")]
    assert "list_not_issued" in kinds and "list_not_imported" in kinds
    assert not {"skipped", "out_of_order", "revealed_twice", "before_eligibility"} & set(kinds)

    stata = pd.read_stata(out / "data" / "patient.dta")
    with pd.io.stata.StataReader(out / "data" / "patient.dta") as reader:
        variable_labels = reader.variable_labels()
        reader.read()
        value_labels = reader.value_labels()
    assert len(stata) == 10 and variable_labels["study_id"]
    assert any("not enrolled" in labels.values() for labels in value_labels.values())
    frame, meta = pyreadstat.read_sav(str(out / "data" / "patient.sav"))
    assert len(frame) == 10 and meta.column_names_to_labels["study_id"]
    assert meta.variable_value_labels["status"]["screen_failed"] == "not enrolled"
    visits, _ = pyreadstat.read_sav(str(out / "data" / "visit.sav"))
    assert "re_sofa_total_missing_as_normal" in visits.columns and len(visits) > 0


def test_reconciliation_lists_skipped_out_of_order_twice_and_early_reveals() -> None:
    tables = {
        "allocation_list": [{"id": "1", "list_uid": "L1", "first_slot": "1", "slot_count": "6"}],
        "allocation_slot": [
            {"id": "1", "list_id": "1", "slot_number": "1", "patient_id": "1",
             "revealed_at": "2026-01-01T10:00:00Z"},
            {"id": "2", "list_id": "1", "slot_number": "2", "patient_id": "", "revealed_at": ""},
            {"id": "3", "list_id": "1", "slot_number": "4", "patient_id": "2",
             "revealed_at": "2026-01-03T10:00:00Z"},
            {"id": "4", "list_id": "1", "slot_number": "3", "patient_id": "3",
             "revealed_at": "2026-01-04T10:00:00Z"},
        ],
        "patient": [{"id": str(n), "status": "randomized"} for n in (1, 2, 3, 4)],
    }  # fmt: skip
    audit = b"".join(
        (
            b'{"id":1,"table_name":"screening","field":"eligible","new_value":"true",'
            b'"patient_id":1,"at":"2026-01-01T09:00:00+00:00","action":"insert"}\n',
            b'{"id":2,"table_name":"screening","field":"eligible","new_value":"true",'
            b'"patient_id":2,"at":"2026-01-03T09:00:00+00:00","action":"insert"}\n',
            b'{"id":3,"table_name":"screening","field":"eligible","new_value":"true",'
            b'"patient_id":3,"at":"2026-01-05T09:00:00+00:00","action":"insert"}\n',
            b'{"id":4,"action":"clock_backward","at":"2026-01-04T09:00:00+00:00"}\n',
            b'{"id":5,"table_name":"allocation_slot","field":"revealed_at","record_id":"3",'
            b'"new_value":"x","at":"2026-01-05T10:00:00+00:00"}\n',
            b'{"id":6,"table_name":"allocation_slot","field":"revealed_at","record_id":"3",'
            b'"new_value":"y","at":"2026-01-05T11:00:00+00:00"}\n',
        )
    )
    issued = [{"list_uid": "L1", "slot_count": 6}]
    counts, findings = reconcile_device("D1", tables, audit, issued)
    found = {(finding.kind, finding.where) for finding in findings}
    assert ("skipped", "slot 2") in found
    assert ("out_of_order", "slot 3") in found
    assert ("revealed_twice", "slot 4") in found
    assert ("before_eligibility", "slot 3") in found
    assert ("randomized_without_slot", "patient 4") in found
    assert ("clock", "audit entry 4") in found and ("clock", "audit entry 5") not in found
    assert (counts.issued, counts.on_laptop, counts.revealed, counts.randomized_patients) == (
        6, 4, 3, 4,
    )  # fmt: skip
