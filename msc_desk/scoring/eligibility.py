"""Trial eligibility at one instant: shock onset window, ANC, age, consent, pregnancy, disease."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from msc_desk.scoring import _numbers as num
from msc_desk.scoring._numbers import InvalidInput, NumberLike

MAX_ONSET_TO_SCREENING = timedelta(hours=10)
MAX_ANC_10E9_PER_L = Fraction("1.0")
MIN_AGE_YEARS = 17
MAX_AGE_YEARS = 75

# Failure codes (the public contract).
SHOCK_ONSET_GT_10H = "shock_onset_gt_10h"
SCREENING_BEFORE_SHOCK_ONSET = "screening_before_shock_onset"
MISSING_SHOCK_ONSET = "missing_shock_onset"
ANC_GT_1_0 = "anc_gt_1.0"
MISSING_ANC = "missing_anc"
AGE_LT_17 = "age_lt_17"
AGE_GT_75 = "age_gt_75"
MISSING_AGE = "missing_age"
CONSENT_NOT_SIGNED = "consent_not_signed"
PREGNANT = "pregnant"
MISSING_PREGNANCY_STATUS = "missing_pregnancy_status"
CHEMO_RESISTANT_DISEASE = "chemo_resistant_oncohematologic_disease"
MISSING_CHEMO_RESISTANCE_STATUS = "missing_chemo_resistance_status"

SEXES = ("male", "female")


class Criterion(StrEnum):
    """The criteria a screening wizard shows, in display order."""

    SHOCK_ONSET_WINDOW = "shock_onset_window"
    ANC = "anc"
    AGE = "age"
    CONSENT = "consent"
    PREGNANCY = "pregnancy"
    CHEMO_RESISTANT_DISEASE = "chemo_resistant_disease"


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    MISSING = "missing"


@dataclass(frozen=True)
class EligibilityResult:
    """The decision and what it rests on.

    Attributes:
        eligible: True only when every criterion passes.
        failed_criteria: every failure code; missing data fails too.
        hours_since_onset: exact hours from shock onset to screening (negative when screening is
            earlier), or None without an onset.
        anc_10e9_per_l: the ANC given or computed, or None when unknown (also when only a
            WBC ≤ 1.0 bounds it).
        age_years: completed years at the screening date, or None.
        criteria: (criterion, status) for every criterion, in display order.
    """

    eligible: bool
    failed_criteria: tuple[str, ...]
    hours_since_onset: Decimal | None
    anc_10e9_per_l: Decimal | None
    age_years: int | None
    criteria: tuple[tuple[Criterion, Status], ...]

    def status(self, criterion: Criterion | str) -> Status:
        """The status of one criterion."""
        return dict(self.criteria)[Criterion(criterion)]


@dataclass(frozen=True)
class _Check:
    criterion: Criterion
    status: Status
    code: str | None = None

    @classmethod
    def passed(cls, criterion: Criterion) -> _Check:
        return cls(criterion, Status.PASS)

    @classmethod
    def failed(cls, criterion: Criterion, code: str) -> _Check:
        return cls(criterion, Status.FAIL, code)

    @classmethod
    def missing(cls, criterion: Criterion, code: str) -> _Check:
        return cls(criterion, Status.MISSING, code)


def completed_years(born: date, on: date) -> int:
    """Completed years of age on a date; a 29 February birthday is reached on 1 March."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _onset_check(onset: datetime | None, screening: datetime) -> _Check:
    window = Criterion.SHOCK_ONSET_WINDOW
    if onset is None:
        return _Check.missing(window, MISSING_SHOCK_ONSET)
    if screening < onset:
        return _Check.failed(window, SCREENING_BEFORE_SHOCK_ONSET)
    if screening - onset > MAX_ONSET_TO_SCREENING:
        return _Check.failed(window, SHOCK_ONSET_GT_10H)
    return _Check.passed(window)


class AncSource(StrEnum):
    """Where an ANC comes from."""

    GIVEN = "given"  # the laboratory's ANC
    DIFFERENTIAL = "differential"  # WBC × (segmented % + band %) / 100
    WBC_BOUND = "wbc_bound"  # no complete differential, but WBC ≤ 1.0 bounds it
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class AncReading:
    """The ANC and how it was obtained; `value` is None when only bounded or unknown."""

    value: Decimal | None
    source: AncSource


def _anc_value(
    anc: NumberLike | None,
    wbc: NumberLike | None,
    segmented: NumberLike | None,
    band: NumberLike | None,
) -> tuple[Fraction | None, AncSource]:
    counts = num.non_negative("anc_10e9_per_l", anc)
    white = num.non_negative("wbc_10e9_per_l", wbc)
    hundred = Fraction(100)
    seg = num.in_range("neutrophils_segmented_percent", segmented, Fraction(0), hundred)
    bands = num.in_range("neutrophils_band_percent", band, Fraction(0), hundred)
    if seg is not None and bands is not None and seg + bands > hundred:
        raise InvalidInput("anc", "segmented + band neutrophils exceed 100%")
    if counts is not None:
        return counts, AncSource.GIVEN
    if white is not None:
        if seg is not None and bands is not None:
            return white * (seg + bands) / hundred, AncSource.DIFFERENTIAL
        if white <= MAX_ANC_10E9_PER_L:
            return None, AncSource.WBC_BOUND
    return None, AncSource.UNKNOWN


def anc_reading(
    anc_10e9_per_l: NumberLike | None = None,
    wbc_10e9_per_l: NumberLike | None = None,
    neutrophils_segmented_percent: NumberLike | None = None,
    neutrophils_band_percent: NumberLike | None = None,
) -> AncReading:
    """The ANC as `check_eligibility` uses it: given, or computed from the differential.

    Raises:
        InvalidInput: a negative count, a percentage outside 0–100, or a differential over 100%.
    """
    value, source = _anc_value(
        anc_10e9_per_l, wbc_10e9_per_l, neutrophils_segmented_percent, neutrophils_band_percent
    )
    return AncReading(None if value is None else num.to_decimal(value), source)


def _anc(
    anc: NumberLike | None,
    wbc: NumberLike | None,
    segmented: NumberLike | None,
    band: NumberLike | None,
) -> tuple[_Check, Fraction | None]:
    counts, source = _anc_value(anc, wbc, segmented, band)
    if source is AncSource.WBC_BOUND:
        return _Check.passed(Criterion.ANC), None
    if counts is None:
        return _Check.missing(Criterion.ANC, MISSING_ANC), None
    if counts > MAX_ANC_10E9_PER_L:
        return _Check.failed(Criterion.ANC, ANC_GT_1_0), counts
    return _Check.passed(Criterion.ANC), counts


def _age(
    age_years: NumberLike | None, date_of_birth: object, screening: datetime
) -> tuple[_Check, int | None]:
    age = num.whole("age_years", age_years, 0)
    born = num.calendar_date("date_of_birth", date_of_birth)
    if born is not None:
        on = num.moscow_date(screening)
        if born > on:
            raise InvalidInput("date_of_birth", "is after the screening date")
        age = completed_years(born, on)
    if age is None:
        return _Check.missing(Criterion.AGE, MISSING_AGE), None
    if age < MIN_AGE_YEARS:
        return _Check.failed(Criterion.AGE, AGE_LT_17), age
    if age > MAX_AGE_YEARS:
        return _Check.failed(Criterion.AGE, AGE_GT_75), age
    return _Check.passed(Criterion.AGE), age


def _pregnancy(pregnant: bool | None, sex: str | None) -> _Check:
    if pregnant is None and sex != "male":
        return _Check.missing(Criterion.PREGNANCY, MISSING_PREGNANCY_STATUS)
    if pregnant:
        return _Check.failed(Criterion.PREGNANCY, PREGNANT)
    return _Check.passed(Criterion.PREGNANCY)


def _sex(value: object) -> str | None:
    if value is None or (isinstance(value, str) and value in SEXES):
        return value
    raise InvalidInput("sex", "must be 'male', 'female' or None")


def _recorded(
    criterion: Criterion, value: bool | None, *, passes_when: bool, fail: str, missing: str
) -> _Check:
    if value is None:
        return _Check.missing(criterion, missing)
    if value is passes_when:
        return _Check.passed(criterion)
    return _Check.failed(criterion, fail)


def check_eligibility(
    *,
    shock_onset: datetime | None = None,
    screening: datetime | None = None,
    anc_10e9_per_l: NumberLike | None = None,
    wbc_10e9_per_l: NumberLike | None = None,
    neutrophils_segmented_percent: NumberLike | None = None,
    neutrophils_band_percent: NumberLike | None = None,
    age_years: NumberLike | None = None,
    date_of_birth: date | None = None,
    sex: str | None = None,
    consent_signed: bool | None = None,
    pregnant: bool | None = None,
    chemo_resistant_oncohematologic: bool | None = None,
) -> EligibilityResult:
    """Decide eligibility at `screening` (call again with the randomization instant).

    Shock onset to screening must be at most 10 h 00 min 00 s between absolute instants.
    ANC ≤ 1.0 ×10⁹/L, given, or WBC × (segmented % + band %) / 100; without a complete
    differential a WBC ≤ 1.0 passes. Age 17–75 inclusive, in completed years at the Moscow
    screening date. Consent signed; not pregnant (None allowed only for males); no
    chemotherapy-resistant onco-haematological disease. Missing data fails with a code.

    Raises:
        InvalidInput: for an impossible or contradictory value: `field` is the keyword, or "anc"
            or "age" when two sources are given (or the differential exceeds 100%).
        MissingRequired: without `screening` (an `InvalidInput` and a `TypeError`).
    """
    given_anc_sources = (wbc_10e9_per_l, neutrophils_segmented_percent, neutrophils_band_percent)
    if anc_10e9_per_l is not None and any(v is not None for v in given_anc_sources):
        raise InvalidInput("anc", "give the ANC or the WBC with its differential, not both")
    if age_years is not None and date_of_birth is not None:
        raise InvalidInput("age", "give the age or the date of birth, not both")

    at = num.required_instant("screening", screening)
    onset = num.instant("shock_onset", shock_onset)
    anc_check, anc = _anc(
        anc_10e9_per_l, wbc_10e9_per_l, neutrophils_segmented_percent, neutrophils_band_percent
    )
    age_check, age = _age(age_years, date_of_birth, at)
    sex_value = _sex(sex)
    consent = num.flag("consent_signed", consent_signed)
    is_pregnant = num.flag("pregnant", pregnant)
    if is_pregnant and sex_value == "male":
        raise InvalidInput("pregnant", "a male patient cannot be pregnant")
    resistant = num.flag("chemo_resistant_oncohematologic", chemo_resistant_oncohematologic)

    checks = (
        _onset_check(onset, at),
        anc_check,
        age_check,
        _recorded(
            Criterion.CONSENT,
            consent,
            passes_when=True,
            fail=CONSENT_NOT_SIGNED,
            missing=CONSENT_NOT_SIGNED,
        ),
        _pregnancy(is_pregnant, sex_value),
        _recorded(
            Criterion.CHEMO_RESISTANT_DISEASE,
            resistant,
            passes_when=False,
            fail=CHEMO_RESISTANT_DISEASE,
            missing=MISSING_CHEMO_RESISTANCE_STATUS,
        ),
    )
    failed = tuple(check.code for check in checks if check.code is not None)
    return EligibilityResult(
        eligible=not failed,
        failed_criteria=failed,
        hours_since_onset=None if onset is None else num.to_decimal(num.hours(at - onset)),
        anc_10e9_per_l=None if anc is None else num.to_decimal(anc),
        age_years=age,
        criteria=tuple((check.criterion, check.status) for check in checks),
    )
