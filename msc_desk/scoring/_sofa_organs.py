"""SOFA-1 organ bands (Vincent 1996) on exact, already validated values."""

from __future__ import annotations

from fractions import Fraction

_F = Fraction


def _lower_closed(value: Fraction, cuts: tuple[Fraction, ...]) -> int:
    """Points for a value that worsens upwards: one point per cut it reaches."""
    return sum(1 for cut in cuts if value >= cut)


def respiration(pf_ratio: Fraction | None, on_ventilation: bool | None) -> int | None:
    if pf_ratio is None:
        return None
    if pf_ratio >= 400:
        return 0
    if pf_ratio >= 300:
        return 1
    if pf_ratio >= 200:
        return 2
    if on_ventilation is None:
        return None  # 2, 3 or 4 depending on respiratory support
    if not on_ventilation:
        return 2
    return 3 if pf_ratio >= 100 else 4


def coagulation(platelets: Fraction | None) -> int | None:
    if platelets is None:
        return None
    return sum(1 for cut in (150, 100, 50, 20) if platelets < cut)


_BILIRUBIN_MG_PER_DL = (_F("1.2"), _F("2.0"), _F("6.0"), _F("12.0"))
_CREATININE_MG_PER_DL = (_F("1.2"), _F("2.0"), _F("3.5"), _F("5.0"))


def liver(umol_per_l: Fraction | None, mg_per_dl: Fraction | None) -> int | None:
    if mg_per_dl is not None:
        return _lower_closed(mg_per_dl, _BILIRUBIN_MG_PER_DL)
    if umol_per_l is None:
        return None
    # The published SI column: <20, 20–32, 33–101, 102–204, >204, read as intervals.
    if umol_per_l > 204:
        return 4
    return _lower_closed(umol_per_l, (_F(20), _F(33), _F(102)))


def _creatinine(umol_per_l: Fraction | None, mg_per_dl: Fraction | None) -> int | None:
    if mg_per_dl is not None:
        return _lower_closed(mg_per_dl, _CREATININE_MG_PER_DL)
    if umol_per_l is None:
        return None
    # The published SI column: <110, 110–170, 171–299, 300–440, >440, read as intervals.
    if umol_per_l > 440:
        return 4
    return _lower_closed(umol_per_l, (_F(110), _F(171), _F(300)))


def _urine(ml_per_day: Fraction) -> int:
    if ml_per_day < 200:
        return 4
    return 3 if ml_per_day < 500 else 0


def renal(
    umol_per_l: Fraction | None,
    mg_per_dl: Fraction | None,
    urine_ml_per_day: Fraction | None,
    rrt_scores_4: bool,
) -> int | None:
    if rrt_scores_4:
        return 4
    creatinine = _creatinine(umol_per_l, mg_per_dl)
    urine = None if urine_ml_per_day is None else _urine(urine_ml_per_day)
    if creatinine is None:
        # Without creatinine only the worst urine band decides the organ.
        return 4 if urine == 4 else None
    return creatinine if urine is None else max(creatinine, urine)


def cardiovascular(
    map_mmhg: Fraction | None,
    dopamine: Fraction,
    dobutamine: Fraction,
    epinephrine: Fraction,
    norepinephrine: Fraction,
) -> int | None:
    """Doses in µg/kg/min of base; 0 means not given."""
    agents: int | None
    if dopamine > 15 or epinephrine > _F("0.1") or norepinephrine > _F("0.1"):
        agents = 4
    elif dopamine > 5 or epinephrine > 0 or norepinephrine > 0:
        agents = 3
    elif dopamine > 0 or dobutamine > 0:
        agents = 2
    else:
        agents = None
    if map_mmhg is None:
        return agents
    pressure = 1 if map_mmhg < 70 else 0
    return pressure if agents is None else max(agents, pressure)


def cns(gcs: int | None, sedated: bool, gcs_presedation: int | None) -> int | None:
    if sedated:
        # The measured GCS reflects the drugs; an unknown pre-sedation GCS is scored as normal.
        gcs = 15 if gcs_presedation is None else gcs_presedation
    if gcs is None:
        return None
    return sum(1 for cut in (15, 13, 10, 6) if gcs < cut)
