"""Instants in UTC, shown in Moscow time; an injectable clock for everything that reads the time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
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


def entered_offset(instant: datetime | None) -> int | None:
    """The offset to store beside a typed instant (None when nothing was typed).

    Every instant a user types is stored as UTC in a column ``<name>`` and the UTC offset it
    was entered with in ``<name>_offset_min``, so that the wall-clock time typed can be shown
    again as it was typed (`as_entered`), whatever the zone rules became since.

    Raises:
        ValueError: a naive datetime (its offset is unknown).
    """
    return None if instant is None else offset_minutes(instant)


def as_entered(instant: datetime | None, offset_min: int | None) -> datetime | None:
    """A stored instant back on the wall clock it was typed on (UTC when no offset was kept)."""
    if instant is None:
        return None
    if offset_min is None:
        return instant.astimezone(UTC)
    return instant.astimezone(timezone(timedelta(minutes=offset_min)))


def to_moscow(instant: datetime) -> datetime:
    """The same instant on the Moscow wall clock."""
    return instant.astimezone(MOSCOW)
