"""`msc-desk center report`: arrivals per device, alerts, reconciliation and the merged data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from msc_desk.center.central_db import (
    alerts,
    batch_files,
    batch_table_rows,
    batches,
    devices,
    issued_lists,
    open_central_database,
)
from msc_desk.center.reconcile import Finding, SlotCounts, reconcile_device
from msc_desk.center.report_files import dictionary_labels, write_table_files
from msc_desk.exchange.payload import AUDIT_FILE

DICTIONARY_FILE = "data_dictionary.csv"
MERGE_COLUMNS = ("device_id", "batch_sequence")


def run_report(url: str, out: Path) -> str:
    """Write the report files into `out` (created); return the summary text."""
    out.mkdir(parents=True, exist_ok=True)
    engine = open_central_database(url)
    try:
        return write_report(engine, out)
    finally:
        engine.dispose()


def _csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_report(engine: Engine, out: Path) -> str:
    lines: list[str] = []
    merged: dict[str, tuple[list[str], list[dict[str, str]]]] = {}
    labels: dict[tuple[str, str], tuple[str, dict[str, str]]] = {}
    findings: list[Finding] = []
    counts: list[SlotCounts] = []
    with engine.connect() as connection:
        device_rows = connection.execute(select(devices).order_by(devices.c.device_id)).all()
        arrivals = connection.execute(
            select(batches.c.device_id, batches.c.sequence, batches.c.created_at,
                   batches.c.imported_at, batches.c.audit_rows, batches.c.id)
            .order_by(batches.c.device_id, batches.c.sequence)
        ).all()  # fmt: skip
        alert_rows = connection.execute(select(alerts).order_by(alerts.c.id)).all()
        for device in device_rows:
            mine = [row for row in arrivals if row.device_id == device.device_id]
            state = "revoked" if device.revoked_at else "enrolled"
            if not mine:
                lines.append(
                    f"Device {device.device_id} ({state}, site {device.site}): no batch yet"
                )
                continue
            last = mine[-1]
            lines.append(
                f"Device {device.device_id} ({state}, site {device.site}): {len(mine)} batches, "
                f"last {last.sequence} created {last.created_at}, imported {last.imported_at}"
            )
            files = dict(
                connection.execute(
                    select(batch_files.c.name, batch_files.c.content).where(
                        batch_files.c.batch_id == last.id,
                        batch_files.c.name.in_((AUDIT_FILE, DICTIONARY_FILE)),
                    )
                ).all()
            )
            labels.update(dictionary_labels(bytes(files.get(DICTIONARY_FILE, b""))))
            tables = _tables(connection, last.id)
            issued = [
                dict(row._mapping)
                for row in connection.execute(
                    select(issued_lists).where(issued_lists.c.device_id == device.device_id)
                )
            ]
            device_counts, device_findings = reconcile_device(
                device.device_id, tables, bytes(files.get(AUDIT_FILE, b"")), issued
            )
            counts.append(device_counts)
            findings += device_findings
            for name, rows in tables.items():
                header, merged_rows = merged.setdefault(name, (list(MERGE_COLUMNS), []))
                for row in rows:
                    header.extend(column for column in row if column not in header)
                    merged_rows.append(
                        {"device_id": device.device_id, "batch_sequence": str(last.sequence)} | row
                    )
    for number, alert in enumerate(alert_rows, start=1):
        lines.append(
            f"Alert {number}: {alert.kind} device {alert.device_id} batch {alert.sequence}: "
            f"{alert.detail}"
        )
    (out / "arrivals.csv").write_bytes(_csv(
        [["device_id", "sequence", "created_at", "imported_at", "audit_rows"]]
        + [[r.device_id, r.sequence, r.created_at, r.imported_at, r.audit_rows] for r in arrivals]
    ))  # fmt: skip
    (out / "alerts.csv").write_bytes(_csv(
        [["device_id", "sequence", "kind", "detail", "raised_at"]]
        + [[r.device_id, r.sequence, r.kind, r.detail, r.raised_at] for r in alert_rows]
    ))  # fmt: skip
    (out / "randomization.csv").write_bytes(_csv(
        [["device_id", "slots_issued", "slots_on_laptop", "slots_revealed", "patients_randomized"]]
        + [[c.device_id, c.issued, c.on_laptop, c.revealed, c.randomized_patients] for c in counts]
    ))  # fmt: skip
    (out / "findings.csv").write_bytes(_csv(
        [["device_id", "kind", "where", "detail"]]
        + [[f.device_id, f.kind, f.where, f.detail] for f in findings]
    ))  # fmt: skip
    for count in counts:
        lines.append(
            f"Randomization {count.device_id}: {count.issued} slots issued, {count.on_laptop} on "
            f"the laptop, {count.revealed} revealed, "
            f"{count.randomized_patients} patients randomized"
        )
    for finding in findings:
        lines.append(
            f"{finding.kind}: device {finding.device_id}, {finding.where}: {finding.detail}"
        )
    data = out / "data"
    data.mkdir(exist_ok=True)
    for name, (header, rows) in sorted(merged.items()):
        write_table_files(data, name, header, rows, labels)
    lines.append(f"Merged data ({len(merged)} tables, CSV, Stata 118, SPSS): {data}")
    summary = "\n".join(lines)
    (out / "report.txt").write_text(summary + "\n", encoding="utf-8")
    return summary


def _tables(connection: Any, batch_id: int) -> dict[str, list[dict[str, str]]]:
    tables: dict[str, list[dict[str, str]]] = {}
    query = (
        select(batch_table_rows.c.table_name, batch_table_rows.c.row)
        .where(batch_table_rows.c.batch_id == batch_id)
        .order_by(batch_table_rows.c.table_name, batch_table_rows.c.row_number)
    )
    for name, row in connection.execute(query):
        tables.setdefault(name, []).append(row if isinstance(row, dict) else json.loads(row))
    return tables


def row_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(
            connection.execute(select(func.count()).select_from(batch_table_rows)).scalar_one()
        )
