"""SOFA at the bedside: each organ's points from a form's values, its sources and its gaps."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from msc_desk.catalogue.validation import Value
from msc_desk.scoring.sofa import SofaResult, compute_sofa
from msc_desk.scoring.units import InvalidInput

VASOACTIVE = ("norepinephrine", "epinephrine", "dopamine", "dobutamine")
ORGANS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("respiration", ("pao2", "fio2", "pf_ratio", "respiratory_support")),
    ("coagulation", ("platelets",)),
    ("liver", ("bilirubin_total",)),
    ("cardiovascular", ("map", *VASOACTIVE)),
    ("cns", ("gcs", "sedated", "gcs_presedation")),
    ("renal", ("creatinine", "urine_output", "rrt")),
)
"""Each organ and the form fields it is scored from, in the order the panel shows them."""

_VENTILATED = {"niv", "invasive"}
_ARGUMENT_FIELD = {
    "pao2_mmhg": "pao2",
    "fio2_fraction": "fio2",
    "platelets_10e9_per_l": "platelets",
    "bilirubin_umol_per_l": "bilirubin_total",
    "map_mmhg": "map",
    "gcs": "gcs",
    "gcs_presedation": "gcs_presedation",
    "creatinine_umol_per_l": "creatinine",
    "urine_output_ml_per_day": "urine_output",
    **{f"{drug}_mcg_kg_min": drug for drug in VASOACTIVE},
}


@dataclass(frozen=True)
class OrganScore:
    """One organ: its points (None when the values cannot decide them), sources and gaps."""

    organ: str
    points: int | None
    sources: tuple[tuple[str, Value], ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class BedsideSofa:
    organs: tuple[OrganScore, ...]
    total: int | None
    total_missing_as_normal: int
    pf_ratio: Decimal | None
    unscored: tuple[str, ...]
    """Fields with a value the SOFA rules cannot score (e.g. a bilirubin of 0): left out."""

    def organ(self, name: str) -> OrganScore:
        return next(item for item in self.organs if item.organ == name)

    def columns(self) -> dict[str, int | None]:
        """The visit row's columns that hold this score (sofa_total, sofa_<organ>, ...)."""
        columns: dict[str, int | None] = {
            "sofa_total": self.total,
            "sofa_total_missing_as_normal": self.total_missing_as_normal,
        }
        columns.update({f"sofa_{organ.organ}": organ.points for organ in self.organs})
        return columns


def sofa_arguments(values: Mapping[str, Value]) -> dict[str, Any]:
    """`compute_sofa`'s keywords from a form's values (None where the form has no value)."""
    arguments: dict[str, Any] = {
        argument: values.get(name) for argument, name in _ARGUMENT_FIELD.items()
    }
    support = values.get("respiratory_support")
    arguments["on_ventilation"] = None if support is None else support in _VENTILATED
    sedated = values.get("sedated")
    arguments["sedated"] = sedated if isinstance(sedated, bool) else None
    rrt = values.get("rrt")
    arguments["rrt"] = None if rrt is None else rrt != "none"
    return arguments


def _missing(organ: str, fields: tuple[str, ...], values: Mapping[str, Value]) -> tuple[str, ...]:
    wanted = [name for name in fields if name not in VASOACTIVE and name != "pf_ratio"]
    if organ == "cns":
        wanted = ["sedated", "gcs_presedation" if values.get("sedated") is True else "gcs"]
    if organ == "renal":
        wanted = ["creatinine", "urine_output"]
    return tuple(name for name in wanted if values.get(name) is None)


def bedside_sofa(values: Mapping[str, Value]) -> BedsideSofa:
    """SOFA-1 through `compute_sofa` from a form's values (already in the fields' units).

    A value the scorer refuses is left out (listed in `unscored`), never guessed.
    """
    arguments = sofa_arguments(values)
    unscored: list[str] = []
    result: SofaResult | None = None
    while result is None:
        try:
            result = compute_sofa(**arguments)
        except InvalidInput as exc:
            if arguments.get(exc.field) is None:
                raise
            arguments[exc.field] = None
            unscored.append(_ARGUMENT_FIELD.get(exc.field, exc.field))
    points = {
        "respiration": result.respiration,
        "coagulation": result.coagulation,
        "liver": result.liver,
        "cardiovascular": result.cardiovascular,
        "cns": result.cns,
        "renal": result.renal,
    }
    shown = dict(values)
    if result.pf_ratio_mmhg is not None:
        shown["pf_ratio"] = result.pf_ratio_mmhg.quantize(Decimal("0.1"))
    organs = tuple(
        OrganScore(
            organ,
            points[organ],
            tuple((name, shown[name]) for name in fields if shown.get(name) is not None),
            _missing(organ, fields, shown),
        )
        for organ, fields in ORGANS
    )
    return BedsideSofa(
        organs,
        result.total,
        result.total_missing_as_normal,
        result.pf_ratio_mmhg,
        tuple(unscored),
    )


def stored_values(rows: Iterable[tuple[str, Decimal | None, str | None]]) -> dict[str, Value]:
    """A saved visit's values as its form reads them, from (code, value, value_text) rows.

    A row's value is in its field's unit (what was entered in another unit is kept beside
    it); yes/no answers are stored as "true"/"false" and choices as their codes.
    """
    values: dict[str, Value] = {}
    for code, number, text in rows:
        if number is not None:
            values[code] = number
        elif text in ("true", "false"):
            values[code] = text == "true"
        elif text is not None:
            values[code] = text
    return values


def stored_sofa(values: Mapping[str, Value]) -> SofaResult | None:
    """SOFA of saved values; None when none is recorded or one cannot be scored (never a guess)."""
    arguments = sofa_arguments(values)
    if all(value is None for value in arguments.values()):
        return None
    try:
        return compute_sofa(**arguments)
    except InvalidInput:
        return None
