"""Benchmark: the bundle's size, and its start to a painted sign-in window beside the unbundled app.

Run: make bundle && .venv/bin/python benchmarks/bench_bundle.py [runs]
Each run starts a fresh process on a demo workspace; the app prints "painted" and exits at the
sign-in window's first paint (MSC_DESK_EXIT_AFTER_FIRST_PAINT=1). The two alternate, so both see
the same machine load; medians are printed. Also the time of the bundle's --self-test.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
BUNDLE = ROOT / "dist" / f"msc-desk-{VERSION}"


def _files(folder: Path) -> list[Path]:
    # PyInstaller links some libraries on Linux; a link is not counted twice.
    return [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]


def first_paint_seconds(command: Sequence[str], home: Path) -> float:
    environment = {
        **os.environ,
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "MSC_DESK_EXIT_AFTER_FIRST_PAINT": "1",
    }
    started = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=environment
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait(timeout=60)
    if line.strip() != "painted":
        raise RuntimeError(f"{command[0]}: no sign-in window painted (exit {child.returncode})")
    return elapsed


def main() -> None:
    from msc_desk.services.demo import create_demo_trial

    if not (BUNDLE / "msc-desk").exists():
        raise SystemExit(f"no bundle at {BUNDLE}: run `make bundle` first")
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as folder:
        data_dir, home = Path(folder) / "demo", Path(folder)
        create_demo_trial(data_dir, screened=4)
        bundled = [str(BUNDLE / "msc-desk"), "--data-dir", str(data_dir), "--lang", "ru"]
        unbundled = [sys.executable, "-m", "msc_desk", "--data-dir", str(data_dir), "--lang", "ru"]
        first_paint_seconds(bundled, home)  # warm the file cache for both
        first_paint_seconds(unbundled, home)
        frozen, source = [], []
        for _ in range(runs):
            frozen.append(first_paint_seconds(bundled, home))
            source.append(first_paint_seconds(unbundled, home))
        started = time.perf_counter()
        test = subprocess.run(
            [str(BUNDLE / "msc-desk"), "--self-test"],
            capture_output=True,
            env={**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"},
            check=False,
        )
        self_test = time.perf_counter() - started
    files = _files(BUNDLE)
    size = sum(path.stat().st_size for path in files)
    print(f"bundle {BUNDLE.name}: {size / 1e6:.0f} MB in {len(files)} files")  # noqa: T201
    print(f"bundled app, sign-in painted:    {statistics.median(frozen):.3f} s (median of {runs})")  # noqa: T201
    print(f"unbundled app, sign-in painted:  {statistics.median(source):.3f} s (median of {runs})")  # noqa: T201
    print(f"bundled --self-test: {self_test:.1f} s, exit {test.returncode}")  # noqa: T201


if __name__ == "__main__":
    main()
