"""Arm letters for blinded readers: A/B by a mapping drawn at random once per workspace."""

from __future__ import annotations

import secrets
from dataclasses import replace

from sqlalchemy import select

from msc_desk.models import Arm, Setting
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.audit_masking import ARM_LABEL_SETTING
from msc_desk.services.patients import PatientRow, PatientSummary
from msc_desk.services.permissions import Action, is_allowed
from msc_desk.services.session import unit_of_work
from msc_desk.timekeeping import Clock, system_clock

LETTERS = ("A", "B")


def _parse(value: str) -> dict[Arm, str] | None:
    try:
        pairs = dict(item.split("=", 1) for item in value.split(","))
        mapping = {Arm(arm): letter for arm, letter in pairs.items()}
    except ValueError:
        return None
    if set(mapping) != set(Arm) or sorted(mapping.values()) != list(LETTERS):
        return None
    return mapping


def arm_letters(
    factory: SessionFactory, actor: Actor, clock: Clock = system_clock
) -> dict[Arm, str]:
    """The workspace's arm → letter mapping, drawn (and audited) the first time it is needed.

    The mapping is a setting: a holder of the database key can read it, as they can read the
    arms themselves; the audit viewer hides it from blinded readers.
    """
    with unit_of_work(factory, actor, clock=clock) as session:
        stored = session.scalar(select(Setting.value).where(Setting.key == ARM_LABEL_SETTING))
        mapping = _parse(stored) if stored is not None else None
        if mapping is None:
            letters = list(LETTERS)
            if secrets.randbelow(2):
                letters.reverse()
            mapping = dict(zip(Arm, letters, strict=True))
            value = ",".join(f"{arm.value}={letter}" for arm, letter in mapping.items())
            if stored is None:
                session.add(Setting(key=ARM_LABEL_SETTING, value=value))
            else:
                raise ValueError(f"setting {ARM_LABEL_SETTING} is malformed: {stored!r}")
    return mapping


def arm_for_reader(
    factory: SessionFactory, actor: Actor, arm: Arm | None, clock: Clock = system_clock
) -> str | None:
    """The arm's code for a reader with VIEW_ALLOCATION, its letter for a blinded one."""
    if arm is None:
        return None
    if is_allowed(actor, Action.VIEW_ALLOCATION):
        return arm.value
    return arm_letters(factory, actor, clock)[arm]


def rows_for_reader(actor: Actor, rows: list[PatientRow]) -> list[PatientRow]:
    """The patient list as `actor` may read it: no arm for a reader without VIEW_ALLOCATION."""
    if is_allowed(actor, Action.VIEW_ALLOCATION):
        return rows
    return [replace(row, arm=None) for row in rows]


def summary_for_reader(actor: Actor, summary: PatientSummary) -> PatientSummary:
    """The patient view's summary as `actor` may read it (no arm when blinded)."""
    if is_allowed(actor, Action.VIEW_ALLOCATION):
        return summary
    return replace(summary, arm=None)
