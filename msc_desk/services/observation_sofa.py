"""SOFA of a stored visit, from its observations as the database keeps them (reports)."""

from __future__ import annotations

from collections.abc import Iterable

from msc_desk.models import Observation
from msc_desk.scoring.sofa import SofaResult
from msc_desk.services.visit_sofa import stored_sofa, stored_values


def visit_sofa(observations: Iterable[Observation]) -> SofaResult | None:
    """The visit's SOFA (deleted and missing values skipped); None when it cannot be scored."""
    rows = (
        (item.code, item.value, item.value_text) for item in observations if item.deleted_at is None
    )
    return stored_sofa(stored_values(rows))
