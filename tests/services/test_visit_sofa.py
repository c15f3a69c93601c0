"""A stored visit's SOFA: values in the fields' units, choices, yes/no, deleted and bad values."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from msc_desk.models import Observation
from msc_desk.services.export_sofa import sofa_columns
from msc_desk.services.observation_sofa import visit_sofa
from msc_desk.services.visit_sofa import bedside_sofa, stored_values


def _obs(code: str, value: str | None = None, **extra: object) -> Observation:
    number = None if value is None else Decimal(value)
    return Observation(visit_id=1, code=code, value=number, **extra)


FULL = [
    _obs("pao2", "68", unit="mmHg"),
    # Typed as 60 %, stored in the field's unit (a fraction) with what was typed beside it.
    _obs("fio2", "0.6", entered_value=Decimal(60), entered_unit="%"),
    _obs("respiratory_support", value_text="invasive"),
    _obs("platelets", "18"),
    _obs("bilirubin_total", "48"),
    _obs("map", "61"),
    _obs("norepinephrine", "1.1"),
    _obs("sedated", value_text="false"),
    _obs("gcs", "10"),
    # Typed as 2.15 mg/dL: the µmol/L value is what is scored.
    _obs("creatinine", "190", entered_value=Decimal("2.15"), entered_unit="mg/dL"),
    _obs("urine_output", "450"),
    _obs("rrt", value_text="none"),
]


def _rows(observations: list[Observation]) -> list[tuple[str, Decimal | None, str | None]]:
    return [(item.code, item.value, item.value_text) for item in observations]


def test_a_complete_visit_scores_every_organ() -> None:
    result = visit_sofa(FULL)
    assert result is not None
    assert (result.respiration, result.coagulation, result.liver) == (3, 4, 2)
    assert (result.cardiovascular, result.cns, result.renal) == (4, 2, 3)
    assert result.total == 18


def test_stored_values_read_numbers_choices_and_yes_no_as_the_form_does() -> None:
    values = stored_values(_rows(FULL))
    assert values["fio2"] == Decimal("0.6")
    assert values["respiratory_support"] == "invasive"
    assert values["sedated"] is False
    assert values["rrt"] == "none"


def test_reports_the_export_and_the_bedside_score_the_same_rows_alike() -> None:
    bedside = bedside_sofa(stored_values(_rows(FULL)))
    exported = sofa_columns({code: (value, text, None) for code, value, text in _rows(FULL)})
    reported = visit_sofa(FULL)
    assert reported is not None
    assert bedside.total == exported["re_sofa_total"] == reported.total == 18
    for organ in bedside.organs:
        assert exported[f"re_sofa_{organ.organ}"] == organ.points


def test_sedation_scores_the_presedation_gcs_and_rrt_alone_changes_nothing() -> None:
    on_rrt = [*FULL[:-1], _obs("rrt", value_text="hemodialysis")]
    sedated = [_obs("sedated", value_text="true"), _obs("gcs_presedation", "15"), _obs("gcs", "3")]
    renal, cns = visit_sofa(on_rrt), visit_sofa(sedated)
    assert renal is not None and renal.renal == 3  # SOFA-1 scores the measured values
    assert cns is not None and cns.cns == 0


def test_deleted_and_missing_values_are_not_scored() -> None:
    deleted = _obs("platelets", "10", deleted_at=datetime(2026, 1, 1, tzinfo=UTC))
    missing = _obs("gcs", None, missing_reason="not_done")
    assert visit_sofa([deleted, missing]) is None
    assert sofa_columns({"gcs": (None, None, None)})["re_sofa_note"] == "no SOFA inputs recorded"


def test_an_impossible_value_gives_no_score_rather_than_a_wrong_one() -> None:
    assert visit_sofa([*FULL[:-4], _obs("gcs", "40")]) is None
    assert sofa_columns({"gcs": (Decimal(40), None, None)})["re_sofa_total"] is None
