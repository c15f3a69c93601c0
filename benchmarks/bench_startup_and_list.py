"""Benchmark: opening a demo trial and listing its patients, and scoring SOFA in bulk.

Run: .venv/bin/python benchmarks/bench_startup_and_list.py
Goals (ward laptop): sign-in + list under 1 s; 10,000 SOFA scores under 2 s.
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

from msc_desk.scoring import sofa
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.patients import list_patients
from msc_desk.services.workspace import sign_in


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        create_demo_trial(data_dir)
        tracemalloc.start()
        started = time.perf_counter()
        workspace = sign_in(data_dir, "ivanova", "demo-doctor")
        rows = list_patients(workspace.factory, workspace.actor, datetime.now(UTC))
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        workspace.close()
    print(f"sign-in + list of {len(rows)} patients: {elapsed:.3f} s, peak {peak / 1e6:.1f} MB")  # noqa: T201

    started = time.perf_counter()
    for index in range(10_000):
        sofa.compute_sofa(
            pao2_mmhg=60 + index % 40, fio2_percent=50, on_ventilation=True,
            platelets_10e9_per_l=index % 200, bilirubin_umol_per_l=15 + index % 250,
            map_mmhg=65, norepinephrine_mcg_kg_min="0.3", gcs=3 + index % 13,
            creatinine_umol_per_l=80 + index % 400, urine_output_ml_per_day=index % 2000,
        )  # fmt: skip
    print(f"10,000 SOFA scores: {time.perf_counter() - started:.3f} s")  # noqa: T201


if __name__ == "__main__":
    main()
