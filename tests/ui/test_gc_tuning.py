"""Startup objects are set aside from the collector; what is made later is still collected."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from msc_desk.ui.gc_tuning import set_aside_startup_objects


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


@pytest.fixture
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()


def test_alive_objects_are_set_aside_and_later_cycles_still_collected(unfrozen: None) -> None:
    before = _Node()
    assert set_aside_startup_objects() > 0
    assert gc.get_freeze_count() > 0
    after = _Node()
    gone = weakref.ref(after)
    kept = weakref.ref(before)
    del after, before
    gc.collect()
    assert gone() is None  # made after: collected as usual
    assert kept() is not None  # set aside: not walked by the collector
