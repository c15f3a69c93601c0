"""28-day mortality, Kaplan–Meier, log-rank and Fisher's exact test by arm (scipy.stats).

Conventions (clinical-reference §5):

- time 0 is randomization, in every arm; times are exact days;
- a patient is followed to death or to the last instant known alive; everyone still followed
  at day 28 is censored administratively at 28 (a death after day 28 is not a 28-day event);
- deaths are processed before censorings at the same time (a patient censored at t is still
  at risk at t), which is what `scipy.stats.ecdf` does;
- Kaplan–Meier confidence intervals are 95 %, log-log (Greenwood variance);
- the number at risk at day d counts the patients whose time is at least d;
- the 28-day 2×2 table (Fisher's exact test) holds deaths by day 28 and patients known alive
  at day 28; a patient lost before day 28 has no known 28-day status and is left out of the
  table (counted as `lost`).

Arms are opaque labels (for a blinded reader, "A"/"B"); nothing here knows which is which.
"""

from __future__ import annotations

import math
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scipy import stats

HORIZON_DAYS = 28.0
CONFIDENCE = 0.95
AT_RISK_DAYS: tuple[int, ...] = (0, 7, 14, 21, 28)


@dataclass(frozen=True)
class SurvivalRecord:
    """One randomized patient.

    Attributes:
        arm: the arm's label as it may be shown to the reader (blinded: "A"/"B").
        time_days: days from randomization to death, or to the last instant known alive.
        died: True when `time_days` is the time of death.
    """

    arm: str
    time_days: float
    died: bool


@dataclass(frozen=True)
class MortalityCount:
    """28-day mortality of one arm.

    Attributes:
        patients: randomized patients in the arm.
        deaths: deaths by day 28.
        alive: patients known alive at day 28.
        lost: patients censored before day 28 (28-day status unknown).
    """

    arm: str
    patients: int
    deaths: int
    alive: int
    lost: int

    @property
    def known(self) -> int:
        """Patients whose 28-day status is known (the denominator of `proportion`)."""
        return self.deaths + self.alive

    @property
    def proportion(self) -> float | None:
        """Deaths / known, or None when no patient's 28-day status is known."""
        return self.deaths / self.known if self.known else None


@dataclass(frozen=True)
class SurvivalStep:
    """The Kaplan–Meier estimate from `time` (inclusive) up to the next step.

    `lower`/`upper` are the 95 % log-log limits, None where they are undefined (while the
    estimate is 1, or once it is 0).
    """

    time: float
    survival: float
    lower: float | None
    upper: float | None


@dataclass(frozen=True)
class KaplanMeierCurve:
    """One arm's curve: steps at each distinct observed time, and where patients were censored.

    Before the first step the estimate is 1. An arm without patients has no steps.
    `follow_up` holds every patient's time (death or censoring), sorted.
    """

    arm: str
    steps: tuple[SurvivalStep, ...]
    censor_times: tuple[float, ...]
    follow_up: tuple[float, ...] = ()

    def at_risk(self, day: float) -> int:
        """Patients still followed at `day` (their time is at least `day`)."""
        return len(self.follow_up) - bisect_left(self.follow_up, day)

    @cached_property
    def _step_times(self) -> tuple[float, ...]:
        return tuple(step.time for step in self.steps)

    def survival_at(self, day: float) -> float:
        """The estimate at `day` (right-continuous: a death at `day` is already counted)."""
        step = self.step_at(day)
        return 1.0 if step is None else step.survival

    def step_at(self, day: float) -> SurvivalStep | None:
        """The step in force at `day`, or None before the first one."""
        index = bisect_right(self._step_times, day)
        return self.steps[index - 1] if index else None


@dataclass(frozen=True)
class SurvivalAnalysis:
    """Everything the outcome view shows, in the order of `arms`.

    Attributes:
        at_risk: for each arm, the number at risk at each of `at_risk_days`.
        logrank_p: two-sided log-rank p over the 28 days; None unless there are exactly two
            arms, each with a patient, and at least one death.
        fisher_p: two-sided Fisher's exact p on the 28-day table; None unless there are
            exactly two arms, each with a known 28-day status.
        fisher_odds_ratio: the table's sample odds ratio (first arm vs second), when
            `fisher_p` is given; may be 0 or inf.
    """

    arms: tuple[str, ...]
    mortality: tuple[MortalityCount, ...]
    curves: tuple[KaplanMeierCurve, ...]
    at_risk_days: tuple[int, ...]
    at_risk: tuple[tuple[int, ...], ...]
    logrank_p: float | None
    fisher_p: float | None
    fisher_odds_ratio: float | None


@dataclass(frozen=True)
class _Followed:
    time: float
    died: bool


def _followed(record: SurvivalRecord) -> _Followed:
    time = record.time_days
    if isinstance(time, bool) or not isinstance(time, int | float) or not math.isfinite(time):
        raise ValueError(f"time_days must be a finite number of days, not {time!r}")
    if time < 0:
        raise ValueError("time_days is before randomization")
    if time > HORIZON_DAYS:
        return _Followed(HORIZON_DAYS, False)
    return _Followed(float(time), bool(record.died))


def _stats() -> Any:
    # scipy.stats costs seconds and ~100 MB at import: only when an analysis is asked for,
    # not when the app starts (the dashboard and the list never need it).
    from scipy import stats

    return stats


def _censored_data(followed: Sequence[_Followed]) -> stats.CensoredData:
    return _stats().CensoredData(
        uncensored=[f.time for f in followed if f.died],
        right=[f.time for f in followed if not f.died],
    )


def _limit(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _kaplan_meier(arm: str, followed: Sequence[_Followed]) -> KaplanMeierCurve:
    censored = tuple(sorted(f.time for f in followed if not f.died))
    times = tuple(sorted(f.time for f in followed))
    if not followed:
        return KaplanMeierCurve(arm, (), ())
    estimate = _stats().ecdf(_censored_data(followed)).sf
    with warnings.catch_warnings():
        # The interval is undefined where the estimate is 1 or 0; scipy warns and gives NaN.
        warnings.simplefilter("ignore", RuntimeWarning)
        interval = estimate.confidence_interval(CONFIDENCE, method="log-log")
    # scipy-stubs 1.17 types the limits as floats; they are step functions like `estimate`.
    lower: Any = interval.low
    upper: Any = interval.high
    steps = tuple(
        SurvivalStep(float(t), float(s), _limit(lo), _limit(hi))
        for t, s, lo, hi in zip(
            estimate.quantiles,
            estimate.probabilities,
            lower.probabilities,
            upper.probabilities,
            strict=True,
        )
    )
    return KaplanMeierCurve(arm, steps, censored, times)


def _mortality(arm: str, followed: Sequence[_Followed]) -> MortalityCount:
    deaths = sum(1 for f in followed if f.died)
    alive = sum(1 for f in followed if not f.died and f.time >= HORIZON_DAYS)
    return MortalityCount(arm, len(followed), deaths, alive, len(followed) - deaths - alive)


def _logrank(groups: Sequence[Sequence[_Followed]]) -> float | None:
    if len(groups) != 2 or not all(groups):
        return None
    if not any(f.died for group in groups for f in group):
        return None
    result = _stats().logrank(_censored_data(groups[0]), _censored_data(groups[1]))
    return _limit(float(result.pvalue))


def _fisher(counts: Sequence[MortalityCount]) -> tuple[float | None, float | None]:
    if len(counts) != 2 or not all(count.known for count in counts):
        return None, None
    table = [[count.deaths, count.alive] for count in counts]
    result = _stats().fisher_exact(table)
    return float(result.pvalue), float(result.statistic)


def analyse_survival(
    records: Iterable[SurvivalRecord],
    arms: Sequence[str],
    at_risk_days: Sequence[int] = AT_RISK_DAYS,
) -> SurvivalAnalysis:
    """The 28-day outcome analysis of the given patients, arm by arm.

    Args:
        records: one per randomized patient.
        arms: the arm labels in display order; an arm may have no patients.
        at_risk_days: the days at which to count the patients at risk.

    Raises:
        ValueError: a record's arm is not in `arms`, an arm is named twice, or a time is
            negative or not a finite number.
    """
    if len(set(arms)) != len(arms):
        raise ValueError("an arm is named twice")
    by_arm: dict[str, list[_Followed]] = {arm: [] for arm in arms}
    for record in records:
        if record.arm not in by_arm:
            raise ValueError(f"unknown arm {record.arm!r}")
        by_arm[record.arm].append(_followed(record))
    groups = [by_arm[arm] for arm in arms]
    mortality = tuple(_mortality(arm, group) for arm, group in zip(arms, groups, strict=True))
    fisher_p, odds_ratio = _fisher(mortality)
    curves = tuple(_kaplan_meier(arm, group) for arm, group in zip(arms, groups, strict=True))
    days = tuple(at_risk_days)
    return SurvivalAnalysis(
        arms=tuple(arms),
        mortality=mortality,
        curves=curves,
        at_risk_days=days,
        at_risk=tuple(tuple(curve.at_risk(day) for day in days) for curve in curves),
        logrank_p=_logrank(groups),
        fisher_p=fisher_p,
        fisher_odds_ratio=odds_ratio,
    )
