"""Keeps the source text of imported modules out of memory once PySide6 has looked at it.

PySide6 reads the whole source of every module imported after it (`inspect.getsource`, to see
whether the module uses PySide6 and so takes part in its `__feature__` switching), and
`linecache` then keeps every line of it for the life of the process: with SQLAlchemy, NumPy
and SciPy that is some 60 MB held for nothing. The decision PySide6 takes stays the same;
only the lines it read are dropped again (tracebacks read them afresh when needed).
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType

_FEATURE_MODULE = "PySide6.support.feature"
_CHECK = "_mod_uses_pyside"


def drop_sources_after_pyside_reads_them() -> bool:
    """Wrap PySide6's per-import source check so its lines leave `linecache`; whether it could.

    Lines cached before the call are dropped too. Idempotent; if a PySide6 version has no such
    check, nothing is changed.
    """
    import PySide6.QtCore  # noqa: F401  # loads the feature module that installs the check

    feature = sys.modules.get(_FEATURE_MODULE)
    check = getattr(feature, _CHECK, None)
    if feature is None or not callable(check):
        return False
    if getattr(check, "drops_sources", False):
        return True
    setattr(feature, _CHECK, _dropping(check))
    linecache.clearcache()
    return True


def _dropping(check: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        cached = set(linecache.cache)
        try:
            return check(module)
        finally:
            for filename in set(linecache.cache) - cached:
                linecache.cache.pop(filename, None)

    uses_pyside.drops_sources = True  # type: ignore[attr-defined]
    return uses_pyside
