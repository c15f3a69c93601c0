"""Catalogue codes and typed instants in words for the follow-up tabs."""

from __future__ import annotations

from datetime import datetime

from msc_desk import catalogue
from msc_desk.timekeeping import as_entered
from msc_desk.ui.audit.audit_text import language
from msc_desk.ui.labels import DASH

_MOSCOW_OFFSET = 180


def choice_text(field: str, code: object) -> str:
    """A stored code as its catalogue label, or a dash."""
    if code is None:
        return DASH
    words = catalogue.value_label(catalogue.field(field), str(code), language())
    return DASH if words is None else words


def yes_no(value: bool | None) -> str:
    if value is None:
        return DASH
    return (
        catalogue.value_label(catalogue.field("died"), "true" if value else "false", language())
        or DASH
    )


def entered_text(instant: datetime | None, offset_min: int | None) -> str:
    """An instant on the wall clock it was typed on; the zone is named when not Moscow."""
    if instant is None:
        return DASH
    local = as_entered(instant, offset_min if offset_min is not None else _MOSCOW_OFFSET)
    assert local is not None
    text = local.strftime("%d.%m.%Y %H:%M")
    if offset_min is not None and offset_min != _MOSCOW_OFFSET:
        hours, minutes = divmod(abs(offset_min), 60)
        sign = "+" if offset_min >= 0 else "−"
        text += f" (UTC{sign}{hours}" + (f":{minutes:02}" if minutes else "") + ")"
    return text
