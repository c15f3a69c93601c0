"""What each follow-up tab of the patient view shows, read apart from the widget."""

from __future__ import annotations

from dataclasses import dataclass

from msc_desk.services.adverse_events import AdverseEventRow
from msc_desk.services.infusion_sheet import InfusionLine
from msc_desk.services.outcomes import OutcomeRecord
from msc_desk.services.queries import QueryRow
from msc_desk.services.signatures import CasebookSignature


@dataclass(frozen=True)
class EventsRead:
    """The adverse-event tab's content: the events, the patient's queries, the lock."""

    rows: list[AdverseEventRow]
    queries: list[QueryRow]
    signed: bool


@dataclass(frozen=True)
class OutcomeRead:
    """The outcome tab's content: the record, the casebook signature, the queries."""

    record: OutcomeRecord
    signature: CasebookSignature
    queries: list[QueryRow]


@dataclass(frozen=True)
class InfusionRead:
    """The infusion tab's content: the infusion days and whether one has started."""

    lines: list[InfusionLine]
    started: bool
