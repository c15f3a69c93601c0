"""SOFA-1 (Vincent 1996) for one 24-hour window, in exact decimal arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from msc_desk.scoring import _numbers as num
from msc_desk.scoring import _sofa_organs as organs
from msc_desk.scoring._numbers import InvalidInput, NumberLike
from msc_desk.scoring.units import MMHG_PER_KPA

VASOPRESSIN_NOT_SCORED = "vasopressin_not_scored"

_FIO2_FRACTION_RANGE = (Fraction("0.21"), Fraction(1))
_FIO2_PERCENT_RANGE = (Fraction(21), Fraction(100))
_GCS_RANGE = (3, 15)


@dataclass(frozen=True)
class SofaResult:
    """Organ points (None when the data cannot decide them) and their totals.

    Attributes:
        total: the sum, or None when any organ is None.
        total_missing_as_normal: the sum with every None organ counted as 0 (flag it as partial).
        pf_ratio_mmhg: PaO2/FiO2 in mmHg, exact (one 28-digit division), or None.
        flags: codes for what was recorded but not scored, e.g. "vasopressin_not_scored".
    """

    respiration: int | None
    coagulation: int | None
    liver: int | None
    cardiovascular: int | None
    cns: int | None
    renal: int | None
    total: int | None
    total_missing_as_normal: int
    pf_ratio_mmhg: Decimal | None
    flags: tuple[str, ...]


def _one_source(analyte: str, *values: object) -> None:
    if sum(value is not None for value in values) > 1:
        raise InvalidInput(analyte, "give one unit only")


def _dose(field: str, value: object) -> Fraction:
    """A vasoactive dose; absent, None and 0 all mean not given."""
    return num.non_negative(field, value) or Fraction(0)


def compute_sofa(
    *,
    pao2_mmhg: NumberLike | None = None,
    pao2_kpa: NumberLike | None = None,
    fio2_fraction: NumberLike | None = None,
    fio2_percent: NumberLike | None = None,
    on_ventilation: bool | None = None,
    platelets_10e9_per_l: NumberLike | None = None,
    bilirubin_umol_per_l: NumberLike | None = None,
    bilirubin_mg_per_dl: NumberLike | None = None,
    map_mmhg: NumberLike | None = None,
    dopamine_mcg_kg_min: NumberLike | None = None,
    dobutamine_mcg_kg_min: NumberLike | None = None,
    epinephrine_mcg_kg_min: NumberLike | None = None,
    norepinephrine_mcg_kg_min: NumberLike | None = None,
    vasopressin_u_min: NumberLike | None = None,
    gcs: NumberLike | None = None,
    sedated: bool | None = None,
    gcs_presedation: NumberLike | None = None,
    creatinine_umol_per_l: NumberLike | None = None,
    creatinine_mg_per_dl: NumberLike | None = None,
    urine_output_ml_per_day: NumberLike | None = None,
    rrt: bool | None = None,
    rrt_scores_4: bool | None = None,
) -> SofaResult:
    """Score SOFA-1 from the worst values of one 24-hour window.

    Every keyword is optional; absent or None means not measured. Give at most one unit per
    analyte. Doses are µg/kg/min of base, given for at least one hour; 0 means not given.
    On ventilation means invasive ventilation or NIV/CPAP/BiPAP. Under sedation the measured
    GCS is ignored and `gcs_presedation` is scored (CNS 0 when it is unknown). With
    `rrt_scores_4=True` (the protocol switch) and `rrt=True` renal scores 4.

    Raises:
        InvalidInput: for an impossible value or for two units of one analyte; `field` is the
            keyword, or the analyte ("pao2", "fio2", "bilirubin", "creatinine") for a collision.
    """
    _one_source("pao2", pao2_mmhg, pao2_kpa)
    _one_source("fio2", fio2_fraction, fio2_percent)
    _one_source("bilirubin", bilirubin_umol_per_l, bilirubin_mg_per_dl)
    _one_source("creatinine", creatinine_umol_per_l, creatinine_mg_per_dl)

    pao2 = num.positive("pao2_mmhg", pao2_mmhg)
    kpa = num.positive("pao2_kpa", pao2_kpa)
    if kpa is not None:
        pao2 = kpa * MMHG_PER_KPA
    fio2 = num.in_range("fio2_fraction", fio2_fraction, *_FIO2_FRACTION_RANGE)
    percent = num.in_range("fio2_percent", fio2_percent, *_FIO2_PERCENT_RANGE)
    if percent is not None:
        fio2 = percent / 100
    ventilated = num.flag("on_ventilation", on_ventilation)
    platelets = num.non_negative("platelets_10e9_per_l", platelets_10e9_per_l)
    bilirubin_si = num.positive("bilirubin_umol_per_l", bilirubin_umol_per_l)
    bilirubin_conv = num.positive("bilirubin_mg_per_dl", bilirubin_mg_per_dl)
    map_value = num.non_negative("map_mmhg", map_mmhg)
    dopamine = _dose("dopamine_mcg_kg_min", dopamine_mcg_kg_min)
    dobutamine = _dose("dobutamine_mcg_kg_min", dobutamine_mcg_kg_min)
    epinephrine = _dose("epinephrine_mcg_kg_min", epinephrine_mcg_kg_min)
    norepinephrine = _dose("norepinephrine_mcg_kg_min", norepinephrine_mcg_kg_min)
    vasopressin = _dose("vasopressin_u_min", vasopressin_u_min)
    measured_gcs = num.whole("gcs", gcs, *_GCS_RANGE)
    is_sedated = num.flag("sedated", sedated) is True
    presedation_gcs = num.whole("gcs_presedation", gcs_presedation, *_GCS_RANGE)
    creatinine_si = num.positive("creatinine_umol_per_l", creatinine_umol_per_l)
    creatinine_conv = num.positive("creatinine_mg_per_dl", creatinine_mg_per_dl)
    urine = num.non_negative("urine_output_ml_per_day", urine_output_ml_per_day)
    on_rrt = num.flag("rrt", rrt) is True
    switch_on = num.flag("rrt_scores_4", rrt_scores_4) is True

    pf_ratio = None if pao2 is None or fio2 is None else pao2 / fio2
    points = (
        organs.respiration(pf_ratio, ventilated),
        organs.coagulation(platelets),
        organs.liver(bilirubin_si, bilirubin_conv),
        organs.cardiovascular(map_value, dopamine, dobutamine, epinephrine, norepinephrine),
        organs.cns(measured_gcs, is_sedated, presedation_gcs),
        organs.renal(creatinine_si, creatinine_conv, urine, switch_on and on_rrt),
    )
    known = [p for p in points if p is not None]
    return SofaResult(
        *points,
        total=sum(known) if len(known) == len(points) else None,
        total_missing_as_normal=sum(known),
        pf_ratio_mmhg=None if pf_ratio is None else num.to_decimal(pf_ratio),
        flags=(VASOPRESSIN_NOT_SCORED,) if vasopressin > 0 else (),
    )
