"""Benchmark: time to the first painted sign-in window, against a bare PySide6 dialog.

Run: .venv/bin/python benchmarks/bench_first_window.py [runs]
Each run starts a fresh interpreter and stops the clock when the window's first paint event
arrives. The two cases alternate, so both see the same machine load; the medians and their
ratio are printed. Goal: the sign-in window within 1.5x the bare dialog.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The floor: a bare dialog with two fields and a button, as much Qt as the sign-in window.
BARE = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton, QVBoxLayout

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv)
dialog = QDialog()
layout = QVBoxLayout(dialog)
for widget in (QLineEdit(dialog), QLineEdit(dialog), QPushButton("OK", dialog)):
    layout.addWidget(widget)
painted = Painted()
dialog.installEventFilter(painted)
dialog.show()
app.exec()
"""

# The real start-up through the console entry point, stopped at the sign-in window's first paint.
SIGN_IN = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and type(watched).__name__ == "SignInDialog":
            loaded = "sqlalchemy" in sys.modules
            print(f"painted sqlalchemy-loaded={loaded}", flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv)
painted = Painted()
app.installEventFilter(painted)
from msc_desk.cli import main
main(["--data-dir", sys.argv[1], "--lang", "ru"])
"""


def first_paint_seconds(script: str, *args: str) -> tuple[float, str]:
    """Seconds from starting the interpreter to the first paint, and what the child printed."""
    environment = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=environment,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait(timeout=60)
    if not line.startswith("painted"):
        raise RuntimeError(f"the window was not painted (exit code {child.returncode})")
    return elapsed, line.strip()


def main() -> None:
    from msc_desk.services.demo import create_demo_trial

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "demo"
        create_demo_trial(data_dir, screened=4)
        first_paint_seconds(BARE)  # warm the file cache for both
        first_paint_seconds(SIGN_IN, str(data_dir))
        bare, sign_in, notes = [], [], set()
        for _ in range(runs):
            bare.append(first_paint_seconds(BARE)[0])
            seconds, line = first_paint_seconds(SIGN_IN, str(data_dir))
            sign_in.append(seconds)
            notes.add(line.removeprefix("painted").strip())
    floor, measured = statistics.median(bare), statistics.median(sign_in)
    print(f"bare PySide6 dialog, first paint:  {floor:.3f} s (median of {runs})")  # noqa: T201
    print(f"sign-in window, first paint:       {measured:.3f} s (median of {runs})")  # noqa: T201
    print(f"ratio: {measured / floor:.2f}x (goal <= 1.5x); at paint: {', '.join(notes)}")  # noqa: T201


if __name__ == "__main__":
    main()
