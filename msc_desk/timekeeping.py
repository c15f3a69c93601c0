"""Instants in UTC, shown in Moscow time; an injectable clock for everything that reads the time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

MOSCOW = ZoneInfo("Europe/Moscow")

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The current instant, timezone-aware in UTC."""
    return datetime.now(UTC)


def offset_minutes(instant: datetime) -> int:
    """The UTC offset the instant was entered with, in minutes (kept beside the UTC value)."""
    offset = instant.utcoffset()
    if offset is None:
        raise ValueError("naive datetime: give a timezone-aware instant")
    return int(offset.total_seconds() // 60)


def to_moscow(instant: datetime) -> datetime:
    """The same instant on the Moscow wall clock."""
    return instant.astimezone(MOSCOW)
