"""Exporting the audit trail writes the rows shown and leaves a trace in the trail itself."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from seeding import new_workspace

from msc_desk.services.audit_review import audit_entries, export_audit
from msc_desk.services.session import read_session


def test_export_writes_the_rows_and_is_audited(tmp_path: Path, fixed_clock: Any) -> None:
    admin = new_workspace(tmp_path / "ws", fixed_clock).workspace
    with read_session(admin.factory) as session:
        rows = audit_entries(session)
    target = tmp_path / "audit.csv"

    export_audit(admin.factory, admin.actor, rows, target, fixed_clock)

    with target.open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.reader(handle))) == len(rows) + 1
    with read_session(admin.factory) as session:
        last = audit_entries(session)[-1]
    assert (last.action, last.username) == ("audit_export", "admin")
    assert last.new_value == f"{len(rows)} → audit.csv"
    admin.close()
