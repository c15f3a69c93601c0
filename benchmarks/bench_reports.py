"""Benchmark: the casebook of a patient with full follow-up, and the summary of a large demo.

Run: .venv/bin/python benchmarks/bench_reports.py [patients]   (default 999 screened: a site's
study numbers run to 999, and the demo's one site cannot screen a thousandth patient)
Prints N, the time to build the demo, and the time and page count of each report, each built
as the CLI and the window build them (read, stamp with the chain head, lay out, audit the print).
Kept out of `make test`.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from msc_desk.models import Patient, Visit
from msc_desk.services.casebook import print_casebook
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.session import read_session
from msc_desk.services.trial_summary import print_summary
from msc_desk.services.workspace import OpenWorkspace, sign_in


def _pages(pdf: bytes, folder: Path) -> str:
    source = folder / "report.pdf"
    source.write_bytes(pdf)
    try:
        done = subprocess.run(["pdfinfo", str(source)], capture_output=True, check=True, text=True)
    except (OSError, subprocess.CalledProcessError):
        return "?"
    line = next((x for x in done.stdout.splitlines() if x.startswith("Pages:")), "Pages: ?")
    return line.split(":", 1)[1].strip()


def _fullest_patient(workspace: OpenWorkspace) -> tuple[str, int]:
    with read_session(workspace.factory) as session:
        row = session.execute(
            select(Patient.study_id, func.count(Visit.id))
            .join(Visit, Visit.patient_id == Patient.id)
            .group_by(Patient.id)
            .order_by(func.count(Visit.id).desc(), Patient.id)
            .limit(1)
        ).one()
    return row[0], row[1]


def main() -> None:
    patients = int(sys.argv[1]) if len(sys.argv) > 1 else 999
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "demo"
        started = time.perf_counter()
        summary = create_demo_trial(data_dir, screened=patients)
        print(  # noqa: T201
            f"N = {patients:,} screened ({summary.randomized:,} randomized); demo built in "
            f"{time.perf_counter() - started:.1f} s"
        )
        workspace = sign_in(data_dir, "ivanova", "demo-doctor")
        try:
            study_id, visits = _fullest_patient(workspace)
            started = time.perf_counter()
            pdf = print_casebook(workspace.factory, workspace.actor, study_id)
            elapsed = time.perf_counter() - started
            print(  # noqa: T201
                f"casebook of {study_id} ({visits} visits): {elapsed:.2f} s, "
                f"{_pages(pdf, Path(folder))} pages, {len(pdf) // 1024} KB"
            )
            started = time.perf_counter()
            pdf = print_summary(workspace.factory, workspace.actor, include_demo=True)
            elapsed = time.perf_counter() - started
            print(  # noqa: T201
                f"trial summary of {patients:,} screened: {elapsed:.2f} s, "
                f"{_pages(pdf, Path(folder))} pages, {len(pdf) // 1024} KB"
            )
        finally:
            workspace.close()


if __name__ == "__main__":
    main()
