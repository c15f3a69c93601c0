"""SOFA of a stored visit, from its observations as the database keeps them (reports)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from msc_desk.scoring._numbers import InvalidInput
from msc_desk.scoring.sofa import SofaResult, compute_sofa

_VENTILATED = {"niv", "invasive"}
_RRT_NONE = "none"
# Observation code (catalogue name or its older short form) → compute_sofa keyword.
_DIRECT = {
    "platelets": "platelets_10e9_per_l",
    "map": "map_mmhg",
    "norepinephrine": "norepinephrine_mcg_kg_min",
    "epinephrine": "epinephrine_mcg_kg_min",
    "dopamine": "dopamine_mcg_kg_min",
    "dobutamine": "dobutamine_mcg_kg_min",
    "gcs": "gcs",
    "gcs_presedation": "gcs_presedation",
    "urine_output": "urine_output_ml_per_day",
}
_BY_UNIT = {
    ("pao2", "kpa"): "pao2_kpa",
    ("bilirubin", "mg_dl"): "bilirubin_mg_per_dl",
    ("bilirubin_total", "mg_dl"): "bilirubin_mg_per_dl",
    ("creatinine", "mg_dl"): "creatinine_mg_per_dl",
}
_DEFAULT_UNIT = {
    "pao2": "pao2_mmhg",
    "bilirubin": "bilirubin_umol_per_l",
    "bilirubin_total": "bilirubin_umol_per_l",
    "creatinine": "creatinine_umol_per_l",
}


SOFA_CODES = frozenset(
    {*_DIRECT, *_DEFAULT_UNIT, *(code for code, _unit in _BY_UNIT), "fio2"}
    | {"respiratory_support", "rrt", "sedated"}
)
"""The observation codes SOFA is scored from (a reader may load only these)."""


class ObservationValues(Protocol):
    """What SOFA reads of an observation: an Observation row, or its columns read as a tuple."""

    @property
    def code(self) -> str: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def value(self) -> Decimal | None: ...
    @property
    def value_text(self) -> str | None: ...
    @property
    def deleted_at(self) -> datetime | None: ...


def _fio2_keyword(value: Decimal, unit: str | None) -> str:
    if unit == "percent" or value > 1:
        return "fio2_percent"
    return "fio2_fraction"


def sofa_inputs(observations: Iterable[ObservationValues]) -> dict[str, object]:
    """compute_sofa's keywords from one visit's observations (deleted and missing ones skipped)."""
    inputs: dict[str, object] = {}
    for item in observations:
        if item.deleted_at is not None:
            continue
        code, unit, value, text = item.code, item.unit, item.value, item.value_text
        if code == "respiratory_support" and text:
            inputs["on_ventilation"] = text in _VENTILATED
        elif code == "rrt" and text:
            inputs["rrt"] = text != _RRT_NONE
        elif code == "sedated" and text in ("true", "false"):
            inputs["sedated"] = text == "true"
        elif value is None:
            continue
        elif code == "fio2":
            inputs[_fio2_keyword(value, unit)] = value
        elif unit is not None and (code, unit) in _BY_UNIT:
            inputs[_BY_UNIT[code, unit]] = value
        elif code in _DEFAULT_UNIT:
            inputs[_DEFAULT_UNIT[code]] = value
        elif code in _DIRECT:
            inputs[_DIRECT[code]] = value
    return inputs


def visit_sofa(observations: Iterable[ObservationValues]) -> SofaResult | None:
    """The visit's SOFA; None when nothing was recorded or a recorded value cannot be scored."""
    inputs = sofa_inputs(observations)
    if not inputs:
        return None
    try:
        return compute_sofa(**inputs)  # type: ignore[arg-type]
    except InvalidInput:
        return None
