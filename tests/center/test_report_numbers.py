"""The center report turns plain decimal columns into numbers and leaves every other text alone."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from msc_desk.center.report_files import _frame

# pandas 2 crashes the process parsing this as a number (an exponent past 2**31).
CRASHING_HASH = "8e2569614270f3d8b9e7038efac9f116"


def test_a_hash_that_looks_like_scientific_notation_stays_text_and_crashes_nothing() -> None:
    code = textwrap.dedent(
        f"""
        from msc_desk.center.report_files import _frame
        frame = _frame(["entry_hash", "n"], [{{"entry_hash": "{CRASHING_HASH}", "n": "3"}}])
        print(frame["entry_hash"].dtype, frame["n"].dtype)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["object", "int64"]


@pytest.mark.parametrize(
    ("cells", "numeric"),
    [
        (["1", "2", ""], True),
        (["-1.5", "+2.", ".5"], True),
        (["1", "1e3"], False),  # scientific notation is never a value the laptop writes
        (["1", "nan"], False),
        (["1", "inf"], False),
        (["MSC-01-001"], False),
        (["1,5"], False),
        ([""], False),
    ],
)
def test_only_plain_decimals_become_numbers(cells: list[str], numeric: bool) -> None:
    frame = _frame(["x"], [{"x": cell} for cell in cells])
    assert (frame["x"].dtype.kind in "fi") is numeric
