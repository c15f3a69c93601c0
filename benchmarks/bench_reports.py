"""Benchmark: a full-follow-up casebook and the summary of a 1,000-patient demo.

Run: .venv/bin/python benchmarks/bench_reports.py [--patients N] [--data-dir DIR]
The demo is built once with `create_demo_trial` (as `msc-desk demo --patients N --data-dir DIR`
does, about a minute and a half for 1,000) and kept in DIR (default /tmp/msc1k_reports) for
the next run; a DIR that already holds a workspace is used as it is.
Prints N, and the time and page count of each report, built as the CLI and the window build
them (read, stamp with the chain head, lay out, audit the print), with the time to the first
progress step past the reading. Kept out of `make test`.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from msc_desk.models import Observation, Patient, Visit
from msc_desk.reports.page import ChainHead, PageStamp
from msc_desk.reports.summary import build_summary
from msc_desk.services.casebook import print_casebook
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.observation_sofa import SOFA_CODES, visit_sofa
from msc_desk.services.session import read_session
from msc_desk.services.trial_summary import print_summary, read_summary
from msc_desk.services.workspace import OpenWorkspace, sign_in

DEFAULT_DIR = Path("/tmp/msc1k_reports")


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


def _patients(workspace: OpenWorkspace) -> int:
    with read_session(workspace.factory) as session:
        return session.scalar(select(func.count(Patient.id))) or 0


def _summary_floor(workspace: OpenWorkspace) -> float:
    """The work no query plan removes: SOFA scored per visit, and the layout of the pages."""
    with read_session(workspace.factory) as session:
        by_visit: dict[int, list[Observation]] = defaultdict(list)
        for item in session.scalars(select(Observation).where(Observation.code.in_(SOFA_CODES))):
            by_visit[item.visit_id].append(item)
        session.expunge_all()
    data = read_summary(workspace.factory, workspace.actor, include_demo=True)
    stamp = PageStamp("bench", datetime.now(UTC), ChainHead(1, "0" * 64))
    started = time.perf_counter()
    for observations in by_visit.values():
        visit_sofa(observations)
    build_summary(data, stamp)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args()
    data_dir: Path = args.data_dir
    if not data_dir.exists():
        started = time.perf_counter()
        create_demo_trial(data_dir, screened=args.patients)
        print(f"demo of {args.patients:,} built in {time.perf_counter() - started:.1f} s")  # noqa: T201
    workspace = sign_in(data_dir, "ivanova", "demo-doctor")
    try:
        print(f"N = {_patients(workspace):,} screened patients in {data_dir}")  # noqa: T201
        study_id, visits = _fullest_patient(workspace)
        with tempfile.TemporaryDirectory() as folder:
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
                f"trial summary: {elapsed:.2f} s, "
                f"{_pages(pdf, Path(folder))} pages, {len(pdf) // 1024} KB"
            )
            floor = _summary_floor(workspace)
            print(  # noqa: T201
                f"summary floor (score SOFA of every visit from rows in memory, lay out the "
                f"pages): {floor:.2f} s; summary / floor = {elapsed / floor:.1f}"
            )
    finally:
        workspace.close()


if __name__ == "__main__":
    main()
