"""The application quits cleanly after a session: no extension leaks away a reference to True.

PySide6 6.12.0 returned True from `SignalInstance.emit` without owning a reference, so every
emit of a signal declared in Python lowered True's reference count by one. A long enough
session drove it to zero at exit: "Fatal Python error: bool_dealloc" (or none_dealloc). The
dependency excludes that release; these tests catch a release with the same defect.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal

from msc_desk.services.demo import create_demo_trial

DRIVER = Path(__file__).with_name("exit_driver.py")
RUNS = 3


class _Emitter(QObject):
    with_value = Signal(int)
    without_value = Signal()


@pytest.mark.parametrize("signal_name", ["with_value", "without_value"])
def test_emitting_a_python_signal_leaves_the_reference_counts_of_true_and_none(
    signal_name: str,
) -> None:
    emitter = _Emitter()
    signal = getattr(emitter, signal_name)
    args = (1,) if signal_name == "with_value" else ()
    signal.connect(lambda *_: None)
    signal.emit(*args)  # the first emit may create what later ones reuse
    gc.collect()
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        signal.emit(*args)
    gc.collect()
    assert (sys.getrefcount(True), sys.getrefcount(None)) == before


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exit-loop") / "demo"
    create_demo_trial(folder, screened=24)
    return folder


def test_a_session_ends_cleanly_every_time(demo_folder: Path) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1"}
    for run in range(RUNS):
        result = subprocess.run(
            [sys.executable, str(DRIVER), str(demo_folder), "1"],
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
            check=False,
        )
        assert "Fatal Python error" not in result.stderr, (run, result.stderr[-2000:])
        assert result.returncode == 0, (run, result.stderr[-2000:])
        drift = [
            int(line.split(":")[1])
            for line in result.stdout.splitlines()
            if line.startswith("true-refcount-drift:")
        ]
        assert drift and drift[0] >= 0, (run, result.stdout)
