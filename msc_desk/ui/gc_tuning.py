"""What lives for the whole session is set aside from Python's garbage collector once started.

A full collection walks every tracked object: the modules, classes and functions of Qt,
SQLAlchemy and SciPy are most of them, and none ever becomes garbage. Walking them took some
60 ms at every full collection, and a collection started by a read on the thread pool holds
the interpreter for that long, the GUI thread included (a 10,000-patient dashboard stalled
the GUI for 100-130 ms). Objects made afterwards (every list and result read) are collected
as before.
"""

from __future__ import annotations

import gc


def set_aside_startup_objects() -> int:
    """Collect once, then exempt every object alive now from later collections; how many."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
