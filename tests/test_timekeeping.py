"""Typed instants: UTC stored, the offset they were typed with kept, the wall clock recovered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from msc_desk.timekeeping import MOSCOW, as_entered, entered_offset, to_moscow


def test_the_offset_typed_is_kept_and_the_wall_clock_comes_back() -> None:
    # 2010, before Moscow moved to UTC+3 for good: the stored offset, not today's rules, counts.
    typed = datetime(2010, 7, 1, 9, 30, tzinfo=MOSCOW)
    stored = typed.astimezone(UTC)
    offset = entered_offset(typed)
    assert offset == 240
    shown = as_entered(stored, offset)
    assert shown is not None and (shown.hour, shown.minute) == (9, 30)
    assert to_moscow(stored) == typed


def test_nothing_typed_and_unknown_offsets() -> None:
    assert entered_offset(None) is None and as_entered(None, 180) is None
    stored = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
    assert as_entered(stored, None) == stored
    yekaterinburg = as_entered(stored, 300)
    assert yekaterinburg is not None and yekaterinburg.utcoffset() == timedelta(hours=5)
    assert yekaterinburg.tzinfo == timezone(timedelta(hours=5))


def test_a_naive_instant_has_no_offset_to_keep() -> None:
    with pytest.raises(ValueError):
        entered_offset(datetime(2026, 11, 20, 9, 0))
