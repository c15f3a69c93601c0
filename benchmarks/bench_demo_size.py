"""Benchmark: building the demo trial at a given size (default 10,000 patients).

Run: .venv/bin/python benchmarks/bench_demo_size.py [patients]
Prints the time to build it, per patient, the database size, and whether the audit verifies
(the chain, and a replay of the audit equal to the data). Kept out of `make test`.
Goal (ward laptop): 10,000 patients in under 10 minutes.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from msc_desk.models.database import DATABASE_FILENAME
from msc_desk.services.audit_review import current_state, replay, verify_chain
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.session import read_session
from msc_desk.services.workspace import sign_in


def main() -> None:
    patients = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "demo"
        started = time.perf_counter()
        summary = create_demo_trial(data_dir, screened=patients)
        elapsed = time.perf_counter() - started
        size = (data_dir / DATABASE_FILENAME).stat().st_size
        print(  # noqa: T201
            f"demo of {patients:,} patients ({summary.randomized:,} randomized): {elapsed:.1f} s, "
            f"{1000 * elapsed / patients:.1f} ms per patient, database {size / 1e6:.0f} MB"
        )
        workspace = sign_in(data_dir, "ivanova", "demo-doctor")
        started = time.perf_counter()
        with read_session(workspace.factory) as session:
            broken = verify_chain(session)
            replayed = replay(session) == current_state(session)
        workspace.close()
        print(  # noqa: T201
            f"audit chain {'intact' if broken is None else f'broken at {broken}'}, "
            f"replay {'equals' if replayed else 'DIFFERS FROM'} the data "
            f"({time.perf_counter() - started:.1f} s)"
        )


if __name__ == "__main__":
    main()
