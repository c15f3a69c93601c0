"""Two ward laptops of one site, each with its own list and study numbers, merge at the center."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from exporting import ExportSetup, prepare_export, send_to_center
from sqlalchemy import Engine, select

from msc_desk.center.central_db import (
    batch_table_rows,
    batches,
    count_rows,
    list_alerts,
    open_central_database,
)
from msc_desk.center.report_command import write_report

SECOND_RANGE = 1001  # the first laptop's list holds study numbers 1–999


@pytest.fixture
def engine(central_url: str) -> Iterator[Engine]:
    engine = open_central_database(central_url)
    yield engine
    engine.dispose()


def _send(engine: Engine, setup: ExportSetup, out: Path) -> str:
    """Enroll the laptop, export its batch and import it; the laptop's device id."""
    sent = send_to_center(engine, setup, out)
    assert sent.imported.rows == sent.exported.rows and not sent.imported.already_imported
    return sent.device_id


def test_two_laptops_of_one_site_merge_without_collisions(tmp_path: Path, engine: Engine) -> None:
    first = prepare_export(tmp_path / "laptop-1", screened=4)
    second = prepare_export(
        tmp_path / "laptop-2", screened=3, first_study_number=SECOND_RANGE, same_center_as=first
    )
    devices = [_send(engine, first, tmp_path / "usb-1"), _send(engine, second, tmp_path / "usb-2")]
    assert devices[0] != devices[1]

    with engine.connect() as connection:
        stored = connection.execute(
            select(batches.c.device_id, batch_table_rows.c.row)
            .join(batches, batches.c.id == batch_table_rows.c.batch_id)
            .where(batch_table_rows.c.table_name == "patient")
        ).all()
    by_device: dict[str, list[str]] = {device: [] for device in devices}
    for device, row in stored:
        by_device[device].append(row["study_id"])
    # Both laptops number their own rows from 1; the study ids come from separate ranges.
    assert sorted(by_device[devices[0]]) == [f"MSC-01-{n:03d}" for n in (1, 2, 3, 4)]
    assert sorted(by_device[devices[1]]) == [f"MSC-01-{n}" for n in (1001, 1002, 1003)]
    assert count_rows(engine)["batches"] == 2 and list_alerts(engine) == []

    out = tmp_path / "report"
    out.mkdir()
    summary = write_report(engine, out)
    assert all(f"Device {device}" in summary for device in devices)
    merged = list(csv.DictReader(io.StringIO((out / "data" / "patient.csv").read_text("utf-8"))))
    assert len(merged) == 7
    assert len({row["study_id"] for row in merged}) == 7
    keys = {(row["device_id"], row["id"]) for row in merged}
    assert len(keys) == 7 and {row["id"] for row in merged} == {"1", "2", "3", "4"}
