"""Eligibility: the 10-hour window across Moscow offset changes, ANC, age and the yes/no items."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msc_desk.scoring import InvalidInput, eligibility
from msc_desk.scoring.eligibility import (
    AncReading,
    AncSource,
    Criterion,
    Status,
    anc_reading,
    check_eligibility,
)

MSK = ZoneInfo("Europe/Moscow")
ONSET = datetime(2020, 6, 15, 8, 0, tzinfo=MSK)
ALL_CODES = {
    "shock_onset_gt_10h",
    "screening_before_shock_onset",
    "missing_shock_onset",
    "anc_gt_1.0",
    "missing_anc",
    "age_lt_17",
    "age_gt_75",
    "missing_age",
    "consent_not_signed",
    "pregnant",
    "missing_pregnancy_status",
    "chemo_resistant_oncohematologic_disease",
    "missing_chemo_resistance_status",
}


def check(**overrides: Any) -> eligibility.EligibilityResult:
    values: dict[str, Any] = {
        "shock_onset": ONSET,
        "screening": ONSET + timedelta(hours=4),
        "anc_10e9_per_l": 0.3,
        "age_years": 45,
        "sex": "female",
        "consent_signed": True,
        "pregnant": False,
        "chemo_resistant_oncohematologic": False,
    }
    values.update(overrides)
    return check_eligibility(**values)


def test_an_eligible_patient() -> None:
    result = check()
    assert result.eligible is True
    assert result.failed_criteria == ()
    assert result.hours_since_onset == Decimal(4)
    assert result.anc_10e9_per_l == Decimal("0.3")
    assert result.age_years == 45
    assert result.criteria == tuple((criterion, Status.PASS) for criterion in Criterion)
    assert [c for c, _ in result.criteria] == [
        "shock_onset_window",
        "anc",
        "age",
        "consent",
        "pregnancy",
        "chemo_resistant_disease",
    ]


# ---------------------------------------------------------------- the 10-hour window


@pytest.mark.parametrize(
    ("elapsed", "eligible"),
    [
        (timedelta(0), True),
        (timedelta(hours=9, minutes=59, seconds=59), True),
        (timedelta(hours=10), True),
        (timedelta(hours=10, microseconds=1), False),
        (timedelta(hours=10, seconds=20), False),
        (timedelta(hours=10, minutes=1), False),
        (timedelta(hours=30), False),
    ],
)
def test_ten_hours_exactly_passes(elapsed: timedelta, eligible: bool) -> None:
    result = check(screening=ONSET + elapsed)
    assert result.eligible is eligible
    assert ("shock_onset_gt_10h" not in result.failed_criteria) is eligible
    assert result.status(Criterion.SHOCK_ONSET_WINDOW) == (Status.PASS if eligible else Status.FAIL)


@pytest.mark.parametrize(
    ("elapsed", "hours"),
    [
        (timedelta(hours=10), Decimal(10)),
        (timedelta(hours=10, seconds=20), Decimal(36020) / Decimal(3600)),
        (timedelta(hours=2, minutes=30), Decimal("2.5")),
        (timedelta(minutes=-30), Decimal("-0.5")),
        (timedelta(seconds=1), Decimal(1) / Decimal(3600)),
        (timedelta(microseconds=36), Decimal("0.00000001")),
    ],
)
def test_hours_since_onset_is_exact(elapsed: timedelta, hours: Decimal) -> None:
    assert check(screening=ONSET + elapsed).hours_since_onset == hours


def test_screening_before_onset_is_its_own_code() -> None:
    result = check(screening=ONSET - timedelta(minutes=1))
    assert result.failed_criteria == ("screening_before_shock_onset",)
    assert result.hours_since_onset == Decimal(-1) / Decimal(60)
    assert result.status("shock_onset_window") == Status.FAIL


@pytest.mark.parametrize(
    ("onset", "screening", "hours", "eligible"),
    [
        # 2011-03-27 02:00 MSK: UTC+3 -> UTC+4; 11 h on the wall clock, 10 h elapsed
        (
            datetime(2011, 3, 26, 18, 0, tzinfo=MSK),
            datetime(2011, 3, 27, 5, 0, tzinfo=MSK),
            10,
            True,
        ),
        # 2014-10-26 02:00 MSK: UTC+4 -> UTC+3; 10 h on the wall clock, 11 h elapsed
        (
            datetime(2014, 10, 25, 22, 0, tzinfo=MSK),
            datetime(2014, 10, 26, 8, 0, tzinfo=MSK),
            11,
            False,
        ),
        (
            datetime(2014, 10, 25, 22, 0, tzinfo=MSK),
            datetime(2014, 10, 26, 7, 0, tzinfo=MSK),
            10,
            True,
        ),
        # the repeated hour 01:00-01:59 on 2014-10-26: fold=1 is the second (UTC+3) one
        (
            datetime(2014, 10, 26, 1, 30, tzinfo=MSK),
            datetime(2014, 10, 26, 1, 30, fold=1, tzinfo=MSK),
            1,
            True,
        ),
        # mixed zones
        (datetime(2020, 1, 1, 0, 0, tzinfo=UTC), datetime(2020, 1, 1, 13, 0, tzinfo=MSK), 10, True),
        (
            datetime(2020, 1, 1, 0, 0, tzinfo=UTC),
            datetime(2020, 1, 1, 13, 0, 20, tzinfo=MSK),
            Decimal(36020) / Decimal(3600),
            False,
        ),
    ],
)
def test_elapsed_time_is_between_absolute_instants(
    onset: datetime, screening: datetime, hours: Decimal, eligible: bool
) -> None:
    result = check(shock_onset=onset, screening=screening)
    assert result.hours_since_onset == hours
    assert result.eligible is eligible


def test_missing_shock_onset() -> None:
    result = check(shock_onset=None)
    assert result.failed_criteria == ("missing_shock_onset",)
    assert result.hours_since_onset is None
    assert result.status(Criterion.SHOCK_ONSET_WINDOW) == Status.MISSING


@pytest.mark.parametrize("screening", [None, "absent"])
def test_screening_is_required(screening: object) -> None:
    values: dict[str, Any] = {"shock_onset": ONSET, "age_years": 40}
    if screening is None:
        values["screening"] = None
    with pytest.raises(InvalidInput) as caught:
        check_eligibility(**values)
    assert caught.value.field == "screening"
    assert isinstance(caught.value, TypeError)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"screening": datetime(2020, 6, 15, 12, 0)}, "screening"),
        ({"shock_onset": datetime(2020, 6, 15, 8, 0)}, "shock_onset"),
        ({"screening": "2020-06-15T12:00+03:00"}, "screening"),
        ({"shock_onset": date(2020, 6, 15)}, "shock_onset"),
        ({"shock_onset": 1592200000}, "shock_onset"),
    ],
)
def test_instants_must_be_aware_datetimes(values: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check(**values)
    assert caught.value.field == field


# ---------------------------------------------------------------- ANC


@pytest.mark.parametrize(
    ("values", "code", "anc"),
    [
        ({"anc_10e9_per_l": 1.0}, None, Decimal(1)),
        ({"anc_10e9_per_l": "1.0"}, None, Decimal(1)),
        ({"anc_10e9_per_l": 0}, None, Decimal(0)),
        ({"anc_10e9_per_l": 1.01}, "anc_gt_1.0", Decimal("1.01")),
        ({"anc_10e9_per_l": 5}, "anc_gt_1.0", Decimal(5)),
        # ANC = WBC x (segmented + band) / 100, bands included
        (
            {
                "wbc_10e9_per_l": 2.0,
                "neutrophils_segmented_percent": 40,
                "neutrophils_band_percent": 10,
            },
            None,
            Decimal(1),
        ),
        (
            {
                "wbc_10e9_per_l": 2.0,
                "neutrophils_segmented_percent": 33.3,
                "neutrophils_band_percent": 16.7,
            },
            None,
            Decimal(1),
        ),
        (
            {
                "wbc_10e9_per_l": 2.0,
                "neutrophils_segmented_percent": 45,
                "neutrophils_band_percent": 10,
            },
            "anc_gt_1.0",
            Decimal("1.1"),
        ),
        (
            {
                "wbc_10e9_per_l": 2.0,
                "neutrophils_segmented_percent": 45,
                "neutrophils_band_percent": 0,
            },
            None,
            Decimal("0.9"),
        ),
        (
            {
                "wbc_10e9_per_l": 0.3,
                "neutrophils_segmented_percent": 0.1,
                "neutrophils_band_percent": 0,
            },
            None,
            Decimal("0.0003"),
        ),
        (
            {
                "wbc_10e9_per_l": 7,
                "neutrophils_segmented_percent": 100,
                "neutrophils_band_percent": 0,
            },
            "anc_gt_1.0",
            Decimal(7),
        ),
        # no complete differential: a WBC <= 1.0 bounds the ANC
        ({"wbc_10e9_per_l": 1.0}, None, None),
        ({"wbc_10e9_per_l": 0}, None, None),
        ({"wbc_10e9_per_l": 0.8, "neutrophils_segmented_percent": 50}, None, None),
        ({"wbc_10e9_per_l": 0.8, "neutrophils_band_percent": 5}, None, None),
        ({"wbc_10e9_per_l": 1.01}, "missing_anc", None),
        ({"wbc_10e9_per_l": 3, "neutrophils_segmented_percent": 10}, "missing_anc", None),
        ({"neutrophils_segmented_percent": 10, "neutrophils_band_percent": 2}, "missing_anc", None),
        ({}, "missing_anc", None),
    ],
)
def test_anc(values: dict[str, Any], code: str | None, anc: Decimal | None) -> None:
    result = (
        check(anc_10e9_per_l=None, **values) if "anc_10e9_per_l" not in values else check(**values)
    )
    assert result.failed_criteria == (() if code is None else (code,))
    assert result.anc_10e9_per_l == anc
    expected = Status.PASS if code is None else Status.MISSING if "missing" in code else Status.FAIL
    assert result.status(Criterion.ANC) == expected


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"anc_10e9_per_l": 0.5, "wbc_10e9_per_l": 0.5}, "anc"),
        ({"anc_10e9_per_l": 0.5, "neutrophils_segmented_percent": 50}, "anc"),
        ({"anc_10e9_per_l": 0.5, "neutrophils_band_percent": 5}, "anc"),
        ({"anc_10e9_per_l": "bad", "wbc_10e9_per_l": -1}, "anc"),
        (
            {
                "anc_10e9_per_l": None,
                "wbc_10e9_per_l": 0.5,
                "neutrophils_segmented_percent": 60,
                "neutrophils_band_percent": 40.1,
            },
            "anc",
        ),
        ({"anc_10e9_per_l": -0.1}, "anc_10e9_per_l"),
        ({"anc_10e9_per_l": True}, "anc_10e9_per_l"),
        ({"anc_10e9_per_l": float("nan")}, "anc_10e9_per_l"),
        ({"anc_10e9_per_l": None, "wbc_10e9_per_l": -1}, "wbc_10e9_per_l"),
        ({"anc_10e9_per_l": None, "wbc_10e9_per_l": "n/a"}, "wbc_10e9_per_l"),
        (
            {"anc_10e9_per_l": None, "wbc_10e9_per_l": 1, "neutrophils_segmented_percent": 100.1},
            "neutrophils_segmented_percent",
        ),
        (
            {"anc_10e9_per_l": None, "wbc_10e9_per_l": 1, "neutrophils_band_percent": -1},
            "neutrophils_band_percent",
        ),
        ({"anc_10e9_per_l": None, "neutrophils_band_percent": 101}, "neutrophils_band_percent"),
    ],
)
def test_anc_invalid(values: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check(**values)
    assert caught.value.field == field


# ---------------------------------------------------------------- age


@pytest.mark.parametrize(
    ("age", "code"),
    [
        (0, "age_lt_17"),
        (16, "age_lt_17"),
        (17, None),
        (17.0, None),
        ("17", None),
        (45, None),
        (75, None),
        (76, "age_gt_75"),
        (120, "age_gt_75"),
    ],
)
def test_age_years_bounds_are_inclusive(age: Any, code: str | None) -> None:
    result = check(age_years=age)
    assert result.failed_criteria == (() if code is None else (code,))
    assert result.age_years == int(age)


@pytest.mark.parametrize(
    ("born", "screening", "age", "code"),
    [
        (date(2003, 6, 15), datetime(2020, 6, 14, 12, tzinfo=MSK), 16, "age_lt_17"),
        (date(2003, 6, 15), datetime(2020, 6, 15, 12, tzinfo=MSK), 17, None),
        (date(1945, 6, 15), datetime(2021, 6, 14, 12, tzinfo=MSK), 75, None),
        (date(1945, 6, 15), datetime(2021, 6, 15, 12, tzinfo=MSK), 76, "age_gt_75"),
        # completed years, not the difference of calendar years
        (date(2003, 12, 31), datetime(2020, 1, 1, 12, tzinfo=MSK), 16, "age_lt_17"),
        # 29 February: reached on 1 March in a non-leap year, on 29 February in a leap year
        (date(2004, 2, 29), datetime(2021, 2, 28, 12, tzinfo=MSK), 16, "age_lt_17"),
        (date(2004, 2, 29), datetime(2021, 3, 1, 12, tzinfo=MSK), 17, None),
        (date(2003, 2, 28), datetime(2020, 2, 28, 12, tzinfo=MSK), 17, None),
        (date(1944, 2, 29), datetime(2020, 2, 28, 12, tzinfo=MSK), 75, None),
        (date(1944, 2, 29), datetime(2020, 2, 29, 12, tzinfo=MSK), 76, "age_gt_75"),
        # the screening date is the Moscow date: 21:30 UTC on 29 Feb is 00:30 MSK on 1 March
        (date(2003, 3, 1), datetime(2020, 2, 29, 21, 30, tzinfo=UTC), 17, None),
        (date(2003, 3, 1), datetime(2020, 2, 29, 20, 30, tzinfo=UTC), 16, "age_lt_17"),
        # born on the screening date
        (date(2020, 6, 15), datetime(2020, 6, 15, 12, tzinfo=MSK), 0, "age_lt_17"),
    ],
)
def test_age_from_date_of_birth(
    born: date, screening: datetime, age: int, code: str | None
) -> None:
    result = check(
        age_years=None,
        date_of_birth=born,
        shock_onset=screening - timedelta(hours=1),
        screening=screening,
    )
    assert result.age_years == age
    assert result.failed_criteria == (() if code is None else (code,))


def test_missing_age() -> None:
    result = check(age_years=None)
    assert result.failed_criteria == ("missing_age",)
    assert result.age_years is None
    assert result.status(Criterion.AGE) == Status.MISSING


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"age_years": 40, "date_of_birth": date(1980, 1, 1)}, "age"),
        ({"age_years": -1, "date_of_birth": date(1980, 1, 1)}, "age"),
        ({"age_years": -1}, "age_years"),
        ({"age_years": 40.5}, "age_years"),
        ({"age_years": "forty"}, "age_years"),
        ({"age_years": True}, "age_years"),
        ({"age_years": None, "date_of_birth": date(2020, 6, 16)}, "date_of_birth"),
        ({"age_years": None, "date_of_birth": datetime(1980, 1, 1, tzinfo=MSK)}, "date_of_birth"),
        ({"age_years": None, "date_of_birth": "1980-01-01"}, "date_of_birth"),
    ],
)
def test_age_invalid(values: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check(**values)
    assert caught.value.field == field


def test_date_of_birth_after_the_moscow_screening_date_is_invalid() -> None:
    # 22:00 UTC on 14 June is already 15 June in Moscow
    screening = datetime(2020, 6, 14, 22, 0, tzinfo=UTC)
    assert (
        check(age_years=None, date_of_birth=date(2020, 6, 15), screening=screening).age_years == 0
    )
    with pytest.raises(InvalidInput) as caught:
        check(age_years=None, date_of_birth=date(2020, 6, 16), screening=screening)
    assert caught.value.field == "date_of_birth"


# ---------------------------------------------------------------- consent, pregnancy, disease


@pytest.mark.parametrize(
    ("consent", "code", "status"),
    [
        (True, None, Status.PASS),
        (False, "consent_not_signed", Status.FAIL),
        (None, "consent_not_signed", Status.MISSING),
    ],
)
def test_consent(consent: bool | None, code: str | None, status: Status) -> None:
    result = check(consent_signed=consent)
    assert result.failed_criteria == (() if code is None else (code,))
    assert result.status(Criterion.CONSENT) == status


@pytest.mark.parametrize(
    ("sex", "pregnant", "code", "status"),
    [
        ("female", False, None, Status.PASS),
        ("female", True, "pregnant", Status.FAIL),
        ("female", None, "missing_pregnancy_status", Status.MISSING),
        ("male", False, None, Status.PASS),
        ("male", None, None, Status.PASS),
        (None, None, "missing_pregnancy_status", Status.MISSING),
        (None, True, "pregnant", Status.FAIL),
        (None, False, None, Status.PASS),
    ],
)
def test_pregnancy(
    sex: str | None, pregnant: bool | None, code: str | None, status: Status
) -> None:
    result = check(sex=sex, pregnant=pregnant)
    assert result.failed_criteria == (() if code is None else (code,))
    assert result.status("pregnancy") == status


@pytest.mark.parametrize(
    ("resistant", "code", "status"),
    [
        (False, None, Status.PASS),
        (True, "chemo_resistant_oncohematologic_disease", Status.FAIL),
        (None, "missing_chemo_resistance_status", Status.MISSING),
    ],
)
def test_chemo_resistant_disease(resistant: bool | None, code: str | None, status: Status) -> None:
    result = check(chemo_resistant_oncohematologic=resistant)
    assert result.failed_criteria == (() if code is None else (code,))
    assert result.status(Criterion.CHEMO_RESISTANT_DISEASE) == status


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"sex": "male", "pregnant": True}, "pregnant"),
        ({"sex": "M"}, "sex"),
        ({"sex": "Male"}, "sex"),
        ({"sex": 1}, "sex"),
        ({"consent_signed": "yes"}, "consent_signed"),
        ({"consent_signed": 1}, "consent_signed"),
        ({"pregnant": 0}, "pregnant"),
        ({"chemo_resistant_oncohematologic": "no"}, "chemo_resistant_oncohematologic"),
    ],
)
def test_yes_no_invalid(values: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check(**values)
    assert caught.value.field == field


# ---------------------------------------------------------------- together


def test_every_failing_code_is_reported() -> None:
    result = check(
        screening=ONSET + timedelta(hours=11),
        anc_10e9_per_l=2,
        age_years=80,
        consent_signed=False,
        pregnant=True,
        chemo_resistant_oncohematologic=True,
    )
    assert result.eligible is False
    assert set(result.failed_criteria) == {
        "shock_onset_gt_10h",
        "anc_gt_1.0",
        "age_gt_75",
        "consent_not_signed",
        "pregnant",
        "chemo_resistant_oncohematologic_disease",
    }
    assert all(status == Status.FAIL for _, status in result.criteria)


def test_every_missing_code_is_reported() -> None:
    result = check_eligibility(screening=ONSET)
    assert set(result.failed_criteria) == {
        "missing_shock_onset",
        "missing_anc",
        "missing_age",
        "consent_not_signed",
        "missing_pregnancy_status",
        "missing_chemo_resistance_status",
    }
    assert all(status == Status.MISSING for _, status in result.criteria)
    assert (result.hours_since_onset, result.anc_10e9_per_l, result.age_years) == (None, None, None)


def test_unknown_keyword_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        check(anc=0.5)


def test_completed_years_helper() -> None:
    assert eligibility.completed_years(date(2000, 2, 29), date(2001, 2, 28)) == 0
    assert eligibility.completed_years(date(2000, 2, 29), date(2001, 3, 1)) == 1


FAST = settings(max_examples=60, deadline=None, database=None)
moments = st.datetimes(
    min_value=datetime(2005, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(MSK)
)
optional_flags = st.sampled_from([None, True, False])


@FAST
@given(
    onset=st.one_of(st.none(), moments),
    screening=moments,
    anc=st.one_of(st.none(), st.decimals(min_value=0, max_value=50, places=2)),
    age=st.one_of(st.none(), st.integers(0, 110)),
    sex=st.sampled_from([None, "male", "female"]),
    consent=optional_flags,
    pregnant=optional_flags,
    resistant=optional_flags,
)
def test_no_valid_input_raises(
    onset: datetime | None,
    screening: datetime,
    anc: Decimal | None,
    age: int | None,
    sex: str | None,
    consent: bool | None,
    pregnant: bool | None,
    resistant: bool | None,
) -> None:
    if sex == "male" and pregnant:
        pregnant = False
    result = check_eligibility(
        shock_onset=onset,
        screening=screening,
        anc_10e9_per_l=anc,
        age_years=age,
        sex=sex,
        consent_signed=consent,
        pregnant=pregnant,
        chemo_resistant_oncohematologic=resistant,
    )
    assert result.eligible is (result.failed_criteria == ())
    assert set(result.failed_criteria) <= ALL_CODES
    assert result.eligible is all(status == Status.PASS for _, status in result.criteria)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"anc_10e9_per_l": "0.4"}, AncReading(Decimal("0.4"), AncSource.GIVEN)),
        (
            {
                "wbc_10e9_per_l": "2.0",
                "neutrophils_segmented_percent": 20,
                "neutrophils_band_percent": 5,
            },
            AncReading(Decimal("0.5"), AncSource.DIFFERENTIAL),
        ),
        ({"wbc_10e9_per_l": "0.8"}, AncReading(None, AncSource.WBC_BOUND)),
        ({"wbc_10e9_per_l": "1.5"}, AncReading(None, AncSource.UNKNOWN)),
        ({}, AncReading(None, AncSource.UNKNOWN)),
    ],
)
def test_anc_reading_says_how_the_anc_was_obtained(
    values: dict[str, Any], expected: AncReading
) -> None:
    assert anc_reading(**values) == expected


def test_anc_reading_refuses_a_differential_over_100_percent() -> None:
    with pytest.raises(InvalidInput):
        anc_reading(wbc_10e9_per_l=1, neutrophils_segmented_percent=90, neutrophils_band_percent=20)
