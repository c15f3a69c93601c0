"""SOFA for each exported visit row, from whatever observations the visit holds."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any

from msc_desk.scoring import InvalidInput
from msc_desk.scoring.sofa import compute_sofa

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
_PARAMETERS = frozenset(inspect.signature(compute_sofa).parameters)
_ALIASES = {"bilirubin_total": "bilirubin"}
_UNIT_SUFFIXES = {
    "mmhg": "mmhg", "kpa": "kpa", "percent": "percent", "%": "percent", "fraction": "fraction",
    "10e9/l": "10e9_per_l", "umol/l": "umol_per_l", "mg/dl": "mg_per_dl",
    "ug/kg/min": "mcg_kg_min", "mcg/kg/min": "mcg_kg_min", "u/min": "u_min",
    "ml/day": "ml_per_day", "points": "",
}  # fmt: skip
_BOOLEAN_TEXT = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


@cache
def _keyword(code: str, unit: str | None) -> str | None:
    code = _ALIASES.get(code, code)
    if code in _PARAMETERS:
        return code
    suffix = _UNIT_SUFFIXES.get((unit or "").strip().lower().replace("µ", "u"))
    if suffix:
        candidate = f"{code}_{suffix}"
        if candidate in _PARAMETERS:
            return candidate
    matches = [name for name in _PARAMETERS if name.startswith(code + "_")]
    return matches[0] if len(matches) == 1 and unit is None else None


def sofa_columns(observations: Mapping[str, tuple[Any, Any, str | None]]) -> dict[str, Any]:
    """SOFA points from {code: (value, value_text, unit)}; empty with a note when not scorable."""
    arguments: dict[str, Any] = {}
    for code, (value, value_text, unit) in observations.items():
        keyword = _keyword(code, unit)
        if keyword is None:
            continue
        if value is not None:
            arguments[keyword] = Decimal(value)
        elif value_text is not None and value_text.lower() in _BOOLEAN_TEXT:
            arguments[keyword] = _BOOLEAN_TEXT[value_text.lower()]
    empty = dict.fromkeys(SOFA_COLUMNS)
    note = PREFIX + "sofa_note"
    if not arguments:
        return empty | {note: "no SOFA inputs recorded"}
    try:
        result = compute_sofa(**arguments)
    except (InvalidInput, TypeError) as exc:
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
