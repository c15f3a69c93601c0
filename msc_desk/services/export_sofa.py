"""SOFA for each exported visit row, from whatever observations the visit holds."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from msc_desk.scoring import InvalidInput
from msc_desk.scoring.sofa import compute_sofa
from msc_desk.services.visit_sofa import sofa_arguments, stored_values

# Re-scored at export from the raw values, beside the bedside SOFA the visit stores
# (visit.sofa_*), so the center can compare the two.
PREFIX = "re_"  # re-scored; short enough for Stata's 32-character names
SOFA_COLUMNS = tuple(
    PREFIX + name
    for name in (
        "sofa_respiration", "sofa_coagulation", "sofa_liver", "sofa_cardiovascular", "sofa_cns",
        "sofa_renal", "sofa_total", "sofa_total_missing_as_normal", "sofa_note",
    )
)  # fmt: skip


def sofa_columns(observations: Mapping[str, tuple[Any, Any, str | None]]) -> dict[str, Any]:
    """SOFA points from {code: (value, value_text, unit)}; empty with a note when not scorable.

    The values are read as the visit form reads them (`visit_sofa.stored_values`), so the
    export re-scores exactly what the bedside SOFA scored.
    """
    values = stored_values(
        (code, value if value is None or value.__class__ is Decimal else Decimal(str(value)), text)
        for code, (value, text, _unit) in observations.items()
    )
    arguments = sofa_arguments(values)
    empty = dict.fromkeys(SOFA_COLUMNS)
    note = PREFIX + "sofa_note"
    if all(argument is None for argument in arguments.values()):
        return empty | {note: "no SOFA inputs recorded"}
    try:
        result = compute_sofa(**arguments)
    except InvalidInput as exc:
        return empty | {note: f"not scored: {exc}"}
    points = {
        "sofa_respiration": result.respiration,
        "sofa_coagulation": result.coagulation,
        "sofa_liver": result.liver,
        "sofa_cardiovascular": result.cardiovascular,
        "sofa_cns": result.cns,
        "sofa_renal": result.renal,
        "sofa_total": result.total,
        "sofa_total_missing_as_normal": result.total_missing_as_normal,
        "sofa_note": " ".join(result.flags) or None,
    }
    return {PREFIX + name: value for name, value in points.items()}
