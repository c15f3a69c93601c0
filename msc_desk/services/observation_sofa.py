"""SOFA of a stored visit, from its observations as the database keeps them (reports)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from msc_desk.scoring.sofa import SofaResult
from msc_desk.services.visit_sofa import ORGANS, stored_sofa, stored_values

SOFA_CODES = frozenset(name for _organ, fields in ORGANS for name in fields)
"""The observation codes SOFA is scored from (a reader may load only these)."""


class ObservationValues(Protocol):
    """What SOFA reads of an observation: an Observation row, or its columns read as a tuple."""

    @property
    def code(self) -> str: ...
    @property
    def value(self) -> Decimal | None: ...
    @property
    def value_text(self) -> str | None: ...
    @property
    def deleted_at(self) -> datetime | None: ...


StoredRow = tuple[str, Decimal | None, str | None]
"""An observation as SOFA reads it: (code, value, value_text)."""


def visit_sofa(observations: Iterable[ObservationValues]) -> SofaResult | None:
    """The visit's SOFA (deleted and missing values skipped); None when it cannot be scored."""
    return rows_sofa(
        (item.code, item.value, item.value_text) for item in observations if item.deleted_at is None
    )


def rows_sofa(rows: Iterable[StoredRow]) -> SofaResult | None:
    """SOFA of one visit's live observations read as (code, value, value_text) rows."""
    return stored_sofa(stored_values(rows))
