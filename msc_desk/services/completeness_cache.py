"""The last data-completeness count of each open database, kept while nothing is written.

Counting reads every observation of every completed visit (seconds at 10,000 patients), yet
it changes only when data does. Every write goes through `unit_of_work` and leaves audit
entries, so the audit log's last id tells whether anything changed since the last count.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable

from sqlalchemy import func, select

from msc_desk.models.audit import AuditEntry
from msc_desk.models.database import SessionFactory
from msc_desk.services.data_completeness import FormCompleteness
from msc_desk.services.session import read_session

_Count = tuple[FormCompleteness, ...]
_lock = threading.Lock()
_counts: weakref.WeakKeyDictionary[SessionFactory, dict[bool, tuple[int, _Count]]] = (
    weakref.WeakKeyDictionary()
)


def audit_head(factory: SessionFactory) -> int:
    """The id of the last audit entry (0 for none): it grows with every write."""
    with read_session(factory) as session:
        return int(session.scalar(select(func.max(AuditEntry.id))) or 0)


def counted(factory: SessionFactory, include_demo: bool, count: Callable[[], _Count]) -> _Count:
    """`count()`, or its result from the last call if nothing was written since.

    The head is read before counting: a write made during the count leaves a newer head,
    so the next call counts again rather than keep a figure that may have missed it.
    """
    head = audit_head(factory)
    with _lock:
        kept = _counts.get(factory, {}).get(include_demo)
    if kept is not None and kept[0] == head:
        return kept[1]
    result = count()
    with _lock:
        _counts.setdefault(factory, {})[include_demo] = (head, result)
    return result


def forget(factory: SessionFactory) -> None:
    """Drop what is kept for a database (it is closed, or its data replaced)."""
    with _lock:
        _counts.pop(factory, None)
