"""PySide6 reads each imported module's source; the lines must not stay in memory after."""

from __future__ import annotations

import linecache
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import msc_desk.ui  # noqa: F401  # installs the dropping check
from msc_desk.ui.source_cache import drop_sources_after_pyside_reads_them


@pytest.fixture
def module_folder(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in ("plain_module_for_cache_test", "qt_module_for_cache_test"):
        sys.modules.pop(name, None)


def test_an_imported_module_leaves_no_source_lines_and_pyside_decides_as_before(
    module_folder: Path,
) -> None:
    plain = module_folder / "plain_module_for_cache_test.py"
    plain.write_text("VALUE = 1\n" + "# padding\n" * 1000, encoding="utf-8")
    qt = module_folder / "qt_module_for_cache_test.py"
    qt.write_text("import PySide6.QtCore\nVALUE = 2\n", encoding="utf-8")
    __import__("plain_module_for_cache_test")  # the import statement's hook, as in code
    __import__("qt_module_for_cache_test")
    assert str(plain) not in linecache.cache
    assert str(qt) not in linecache.cache
    decided = sys.modules["PySide6.support.feature"].pyside_feature_dict
    assert decided["plain_module_for_cache_test"] == -1  # ignored by feature switching
    assert decided["qt_module_for_cache_test"] == 0  # uses PySide6: switched as before
    assert linecache.getline(str(plain), 1) == "VALUE = 1\n"  # tracebacks still read lines


def test_installing_twice_wraps_once() -> None:
    feature = sys.modules["PySide6.support.feature"]
    check = feature._mod_uses_pyside
    assert drop_sources_after_pyside_reads_them()
    assert feature._mod_uses_pyside is check
