"""Recorded values in printed words: labels and choices from the catalogue, Moscow time, users."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from msc_desk import catalogue
from msc_desk.catalogue import FieldType
from msc_desk.catalogue.records import LISTED_CHOICES
from msc_desk.models import Base, User
from msc_desk.reports.blocks import DASH, number
from msc_desk.reports.page import moscow_time

_NOT_PRINTED = {"id", "patient_id", "deleted_at", "signer_signature", "key_entry_id"}
_USER_COLUMNS_SUFFIX = "_by_id"


class UserNames:
    """Full names of users by id, read once per report."""

    def __init__(self, session: Session) -> None:
        self._names = {uid: name for uid, name in session.execute(select(User.id, User.full_name))}

    def name(self, user_id: int | None) -> str:
        if user_id is None:
            return DASH
        return self._names.get(user_id, f"#{user_id}")


def value_text(value: object) -> str:
    """A value as a form prints it: Moscow time, decimal comma, Да/Нет, a dash for nothing."""
    if value is None or value == "":
        return DASH
    if isinstance(value, bool):
        return "Да" if value else "Нет"
    if isinstance(value, datetime):
        return moscow_time(value)
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        return number(value.normalize() if value == value.to_integral() else value)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def column_text(table: str, column: str, value: object) -> str:
    """A column's value in words: a choice's Russian label, else `value_text`."""
    listed = LISTED_CHOICES.get((table, column))
    if listed is not None and isinstance(value, str):
        words = {choice.code: choice.ru for choice in listed}
        return ", ".join(words.get(code, code) for code in value.split(",") if code)
    item = catalogue.column(table, column)
    if item is not None and item.type is FieldType.CHOICE and value is not None:
        stored = value.value if isinstance(value, Enum) else str(value)
        return catalogue.value_label(item, stored, "ru") or stored
    text = value_text(value)
    if item is not None and isinstance(value, Decimal | int) and not isinstance(value, bool):
        unit = item.unit_text("ru")
        if unit:
            return f"{text} {unit}"
    return text


def column_label(table: str, column: str) -> str:
    item = catalogue.column(table, column)
    return column if item is None else item.label_ru


def record_pairs(
    row: Base, users: UserNames, *, skip: frozenset[str] = frozenset()
) -> tuple[tuple[str, str], ...]:
    """Every printable column of a record as (label, value), in the model's column order.

    Columns added to a model later appear here with their catalogue label.
    """
    table = row.__tablename__
    pairs = []
    for attribute in inspect(type(row)).column_attrs:
        name = attribute.key
        if name in _NOT_PRINTED or name in skip or name.endswith("_offset_min"):
            continue
        value = getattr(row, name)
        if name.endswith(_USER_COLUMNS_SUFFIX):
            text = users.name(value)
        else:
            text = column_text(table, name, value)
        pairs.append((column_label(table, name), text))
    return tuple(pairs)
