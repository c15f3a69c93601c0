"""Handing the laptop over: signing out is audited like signing in."""

from __future__ import annotations

from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.session import unit_of_work
from msc_desk.timekeeping import Clock, system_clock


def record_sign_out(factory: SessionFactory, actor: Actor, clock: Clock = system_clock) -> None:
    """Audit that `actor` signed out (File → Sign out, or a switch to another user)."""
    with unit_of_work(factory, actor, clock=clock) as session:
        record_event(session, "logout")
