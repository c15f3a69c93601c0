"""Visit forms: values read through the catalogue, units kept, reasons, SOFA, drafts, findings."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import Engine, func, select
from visit_trial import RANDOMIZED_AT, VisitTrial, build_trial, typical_entries

from msc_desk import catalogue
from msc_desk.models import (
    AuditEntry,
    Observation,
    Outcome,
    Visit,
    VisitDeviation,
    VisitDraft,
    VisitStatus,
)
from msc_desk.models.database import make_session_factory
from msc_desk.services.audit import ReasonRequired, audited_mappers
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.session import install_audit_hooks, read_session
from msc_desk.services.visit_drafts import discard_draft, load_draft, save_draft
from msc_desk.services.visit_entries import Entry, fields_for_day, read_form
from msc_desk.services.visit_forms import VisitFormRefused, open_visit, save_visit

NOW = RANDOMIZED_AT.replace(day=8, hour=10)  # study day 7


@pytest.fixture
def trial(plain_engine: Engine) -> VisitTrial:
    return build_trial(plain_engine, NOW)


def _save(trial: VisitTrial, day: int, entries: dict[str, Entry], **kwargs: object) -> object:
    kwargs.setdefault("performed_at", trial.day(day, 2))
    kwargs.setdefault("complete", True)
    return save_visit(
        trial.factory,
        trial.actors["petrova"],
        trial.patient_id,
        day,
        entries,
        clock=lambda: NOW,
        **kwargs,  # type: ignore[arg-type]
    )


def _rows(trial: VisitTrial) -> dict[str, Observation]:
    with read_session(trial.factory) as session:
        rows = {row.code: row for row in session.scalars(select(Observation))}
        session.expunge_all()
        return rows


def test_a_complete_day7_visit_is_saved_with_sofa_and_its_audit(trial: VisitTrial) -> None:
    entries = typical_entries(7, NOW)
    saved = _save(trial, 7, entries)
    rows = _rows(trial)
    assert set(rows) == {item.name for item in fields_for_day(7)} - {
        "svri", "cardiac_output", "ecg_other", "gcs_presedation"
    }  # fmt: skip
    assert rows["pf_ratio"].value == Decimal("446.3")  # 270 / 0.605, computed
    with read_session(trial.factory) as session:
        visit = session.scalars(select(Visit)).one()
        session.expunge(visit)
        audited = session.scalar(
            select(func.count()).where(
                AuditEntry.table_name == "observation", AuditEntry.field == "value"
            )
        )
    assert visit.status == VisitStatus.DONE
    assert visit.sofa_total == saved.sofa.total  # type: ignore[attr-defined]
    assert visit.sofa_total is not None
    assert audited == sum(1 for row in rows.values() if row.value is not None)


@pytest.mark.parametrize(
    "item",
    [item for item in fields_for_day(0) if item.possible is not None and not item.computed],
    ids=lambda item: item.name,
)
def test_every_possible_range_is_a_hard_stop_naming_the_field(
    trial: VisitTrial, item: catalogue.Field
) -> None:
    assert item.possible is not None
    entries = typical_entries(0, NOW)
    for outside in (item.possible.low - 1, item.possible.high + 1):
        entries[item.name] = Entry(str(outside), confirmed=True)
        with pytest.raises(VisitFormRefused) as refused:
            _save(trial, 0, entries)
        assert refused.value.code == "hard_stop"
        assert [problem.field for problem in refused.value.problems] == [item.name]
    assert _rows(trial) == {}


@pytest.mark.parametrize(
    "item",
    [
        item
        for item in fields_for_day(0)
        if item.plausible is not None
        and item.possible is not None
        and item.plausible != item.possible
        and not item.computed
    ],
    ids=lambda item: item.name,
)
def test_every_plausible_range_is_a_soft_warning_saved_once_confirmed(
    trial: VisitTrial, item: catalogue.Field
) -> None:
    assert item.plausible is not None and item.possible is not None
    outside = item.plausible.high + 1 if item.plausible.high < item.possible.high else None
    if outside is None or not item.possible.contains(outside):
        outside = item.plausible.low - 1
    entries = typical_entries(0, NOW)
    entries[item.name] = Entry(str(outside))
    with pytest.raises(VisitFormRefused) as refused:
        _save(trial, 0, entries)
    assert refused.value.code == "unconfirmed"
    assert [problem.field for problem in refused.value.problems] == [item.name]
    entries[item.name] = Entry(str(outside), confirmed=True)
    _save(trial, 0, entries)
    row = _rows(trial)[item.name]
    assert row.value == outside
    assert row.out_of_range_confirmed


def test_completing_needs_a_reason_for_each_empty_required_field(trial: VisitTrial) -> None:
    entries = typical_entries(7, NOW)
    del entries["il6"], entries["amylase"]
    with pytest.raises(VisitFormRefused) as refused:
        _save(trial, 7, entries)
    assert refused.value.code == "missing_reasons"
    assert refused.value.missing == ("amylase", "il6")
    entries["il6"] = Entry(missing_reason="other")
    with pytest.raises(VisitFormRefused) as refused:
        _save(trial, 7, entries)
    assert [(p.field, p.code) for p in refused.value.problems] == [("il6", "reason_text_required")]
    entries["il6"] = Entry(missing_reason="other", missing_text="Реактивы закончились")
    entries["amylase"] = Entry(missing_reason="technical_failure")
    _save(trial, 7, entries)
    rows = _rows(trial)
    assert rows["il6"].missing_reason == "other"
    assert rows["il6"].missing_reason_text == "Реактивы закончились"
    assert rows["amylase"].missing_reason == "technical_failure"
    reopened = open_visit(trial.factory, trial.actors["ivanov"], trial.patient_id, 7, lambda: NOW)
    assert reopened.entries["il6"].missing_reason == "other"
    assert reopened.entries["il6"].missing_text == "Реактивы закончились"
    assert reopened.entries["amylase"].missing_reason == "technical_failure"


def test_an_incomplete_visit_can_be_saved_but_is_not_done(trial: VisitTrial) -> None:
    entries = {"creatinine": Entry("120")}
    _save(trial, 7, entries, complete=False)
    with read_session(trial.factory) as session:
        assert session.scalars(select(Visit.status)).one() == VisitStatus.SCHEDULED


def test_conditional_fields_are_required_only_when_their_condition_holds(
    trial: VisitTrial,
) -> None:
    entries = typical_entries(7, NOW)
    entries["sedated"] = Entry("true")
    entries["thermodilution"] = Entry("да")
    reading = read_form(7, entries, NOW)
    assert set(reading.missing) == {"gcs_presedation", "svri", "cardiac_output"}


@pytest.mark.parametrize(
    ("name", "unit", "raw", "stored"),
    [
        ("bilirubin_total", "mg_dl", "2", Decimal("34.2")),
        ("creatinine", "mg_dl", "1.5", Decimal("132.6")),
        ("pao2", "kpa", "10", Decimal("75.0062")),
        ("fio2", "percent", "60", Decimal("0.6")),
    ],
)
def test_an_alternative_unit_is_converted_and_the_entered_value_kept(
    trial: VisitTrial, name: str, unit: str, raw: str, stored: Decimal
) -> None:
    entries = typical_entries(7, NOW)
    entries[name] = Entry(raw, unit)
    _save(trial, 7, entries)
    row = _rows(trial)[name]
    assert row.value == stored
    assert row.entered_value == Decimal(raw)
    assert row.entered_unit == catalogue.field(name).alternative(unit).unit.en  # type: ignore[union-attr]
    reopened = open_visit(trial.factory, trial.actors["ivanov"], trial.patient_id, 7, lambda: NOW)
    assert reopened.entries[name].unit == unit


def test_vasoactive_doses_in_every_mode(trial: VisitTrial) -> None:
    entries = typical_entries(7, NOW)
    entries["norepinephrine"] = Entry(
        "10", "pump", {"drug_mg": "8", "syringe_ml": "50", "weight_kg": "80"}, tartrate=True
    )
    entries["epinephrine"] = Entry("8", "mcg_min", {"weight_kg": "80"})
    entries["dopamine"] = Entry("5")
    saved = _save(trial, 7, entries)
    rows = _rows(trial)
    # 8 mg tartrate = 4 mg base; 4000 µg / 50 mL × 10 mL/h / 60 / 80 kg
    assert rows["norepinephrine"].value == Decimal(4000 * 10) / Decimal(50 * 60 * 80)
    assert rows["norepinephrine"].entered_detail is not None
    assert "tartrate_mg=8" in rows["norepinephrine"].entered_detail
    assert rows["epinephrine"].value == Decimal("0.1")
    assert saved.sofa.organ("cardiovascular").points == 4  # type: ignore[attr-defined]
    reopened = open_visit(trial.factory, trial.actors["ivanov"], trial.patient_id, 7, lambda: NOW)
    assert reopened.entries["norepinephrine"].tartrate
    assert reopened.entries["norepinephrine"].inputs["drug_mg"] == "8"


def test_a_conversion_without_its_inputs_is_refused_naming_the_field(trial: VisitTrial) -> None:
    entries = typical_entries(7, NOW)
    entries["norepinephrine"] = Entry("10", "pump", {"drug_mg": "4"})
    with pytest.raises(VisitFormRefused) as refused:
        _save(trial, 7, entries)
    assert [(p.field, p.argument) for p in refused.value.problems] == [
        ("norepinephrine", "syringe_ml")
    ]


def test_pf_ratio_is_never_typed(trial: VisitTrial) -> None:
    entries = typical_entries(7, NOW)
    entries["pf_ratio"] = Entry("300")
    with pytest.raises(VisitFormRefused) as refused:
        _save(trial, 7, entries)
    assert [(p.field, p.code) for p in refused.value.problems] == [("pf_ratio", "computed")]


def test_a_saved_value_changes_only_with_a_reason(trial: VisitTrial) -> None:
    entries = typical_entries(7, NOW)
    _save(trial, 7, entries)
    entries["creatinine"] = Entry("400")
    with pytest.raises(ReasonRequired):
        _save(trial, 7, entries)
    saved = _save(trial, 7, entries, reason="Перепутан образец")
    assert saved.sofa.organ("renal").points == 3  # type: ignore[attr-defined]
    assert _rows(trial)["creatinine"].value == 400


def test_reading_needs_view_clinical_and_writing_enter_data(trial: VisitTrial) -> None:
    entries = typical_entries(7, NOW)
    with pytest.raises(PermissionDenied):
        save_visit(
            trial.factory, trial.actors["sidorov"], trial.patient_id, 7, entries,
            performed_at=trial.day(7), complete=True, clock=lambda: NOW,
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        open_visit(trial.factory, trial.actors["admin"], trial.patient_id, 7, lambda: NOW)
    with pytest.raises(PermissionDenied):
        save_draft(
            trial.factory, trial.actors["sidorov"], trial.patient_id, 7, entries, lambda: NOW
        )
    form = open_visit(trial.factory, trial.actors["sidorov"], trial.patient_id, 7, lambda: NOW)
    assert form.status is None


def test_a_draft_survives_a_crash_and_is_the_users_own(
    trial: VisitTrial, plain_engine: Engine
) -> None:
    nurse = trial.actors["petrova"]
    entries = {"creatinine": Entry("1.5", "mg_dl"), "antibiotics_at": Entry(NOW)}
    save_draft(trial.factory, nurse, trial.patient_id, 0, entries, lambda: NOW)
    plain_engine.dispose()  # the application died: a new factory on the same file
    factory = install_audit_hooks(make_session_factory(plain_engine))
    assert load_draft(factory, nurse, trial.patient_id, 0) == entries
    assert load_draft(factory, trial.actors["ivanov"], trial.patient_id, 0) is None
    form = open_visit(factory, nurse, trial.patient_id, 0, lambda: NOW)
    assert form.from_draft and form.entries == entries
    with read_session(factory) as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.table_name == "visit_draft")) == 0  # fmt: skip
    discard_draft(factory, nurse, trial.patient_id, 0)
    assert load_draft(factory, nurse, trial.patient_id, 0) is None


def test_saving_removes_the_draft_and_drafts_are_not_audited_data(trial: VisitTrial) -> None:
    nurse = trial.actors["petrova"]
    entries = typical_entries(7, NOW)
    save_draft(trial.factory, nurse, trial.patient_id, 7, entries, lambda: NOW)
    save_draft(trial.factory, nurse, trial.patient_id, 7, entries, lambda: NOW)  # replaced
    _save(trial, 7, entries)
    with read_session(trial.factory) as session:
        assert session.scalar(select(func.count()).select_from(VisitDraft)) == 0
    assert "visit_draft" not in audited_mappers()


def _codes(trial: VisitTrial, day: int, now: datetime = NOW) -> list[str]:
    form = open_visit(trial.factory, trial.actors["ivanov"], trial.patient_id, day, lambda: now)
    return [finding.code for finding in form.findings]


def test_a_visit_outside_its_window_is_a_deviation(trial: VisitTrial) -> None:
    _save(trial, 7, typical_entries(7, NOW), performed_at=trial.day(5))
    assert "outside_window" in _codes(trial, 7)
    with read_session(trial.factory) as session:
        assert session.scalars(select(Visit.deviation)).one() == VisitDeviation.OUTSIDE_WINDOW


def test_a_visit_after_death_and_a_discharge_before_randomization(plain_engine: Engine) -> None:
    outcome = Outcome(
        died_at=RANDOMIZED_AT.replace(day=6), discharged_at=RANDOMIZED_AT.replace(day=1, hour=1)
    )
    trial = build_trial(plain_engine, NOW, outcome)
    _save(trial, 7, typical_entries(7, NOW))
    assert _codes(trial, 7) == ["visit_after_death", "discharge_before_randomization"]


def test_vital_status_at_day_28_not_established(plain_engine: Engine) -> None:
    later = RANDOMIZED_AT.replace(month=12, day=3)  # study day 32: the day-28 window closed
    trial = build_trial(plain_engine, later)
    assert _codes(trial, 28, later) == ["day28_vital_status_unknown"]
    seen = RANDOMIZED_AT.replace(day=27)  # day 26: inside the window
    save_visit(
        trial.factory, trial.actors["petrova"], trial.patient_id, 28, typical_entries(28, later),
        performed_at=seen, complete=True, clock=lambda: later,
    )  # fmt: skip
    assert _codes(trial, 28, later) == []
    early = RANDOMIZED_AT.replace(day=28)  # day 27: the window is still open
    assert "day28_vital_status_unknown" not in _codes(trial, 28, early)


def test_on_vasopressors_without_a_dose_is_flagged(trial: VisitTrial) -> None:
    entries = typical_entries(0, NOW)
    entries["vasopressors"] = Entry("true")
    for drug in ("norepinephrine", "epinephrine", "dopamine"):
        entries[drug] = Entry("0")
    _save(trial, 0, entries, performed_at=trial.day(0, 1))
    assert _codes(trial, 0) == ["vasopressors_without_dose"]
    entries["norepinephrine"] = Entry("0.2")
    _save(trial, 0, entries, performed_at=trial.day(0, 1), reason="Доза уточнена")
    assert _codes(trial, 0) == []


def test_sofa_follows_the_values_and_names_missing_components() -> None:
    entries = {"platelets": Entry("30"), "respiratory_support": Entry("invasive")}
    entries |= {"pao2": Entry("60"), "fio2": Entry("0.5")}
    from msc_desk.services.visit_findings import PatientFacts
    from msc_desk.services.visit_forms import evaluate

    facts = PatientFacts(RANDOMIZED_AT)
    _, sofa, _ = evaluate(7, entries, None, facts, NOW)
    assert sofa.organ("coagulation").points == 3
    assert sofa.organ("respiration").points == 3  # 120 on ventilation
    assert sofa.total is None
    assert sofa.organ("liver").missing == ("bilirubin_total",)
    entries["pao2"] = Entry("8", "kpa")  # 60.005 mmHg → P/F 120
    entries["fio2"] = Entry("50", "percent")
    _, sofa, _ = evaluate(7, entries, None, facts, NOW)
    assert sofa.organ("respiration").points == 3
    entries["bilirubin_total"] = Entry("7", "mg_dl")  # 119.7 µmol/L
    entries["creatinine"] = Entry("2.5", "mg_dl")  # 221 µmol/L
    _, sofa, _ = evaluate(7, entries, None, facts, NOW)
    assert (sofa.organ("liver").points, sofa.organ("renal").points) == (3, 2)
    entries = replace_entry(entries, "platelets", "200")
    _, sofa, _ = evaluate(7, entries, None, facts, NOW)
    assert sofa.organ("coagulation").points == 0


def replace_entry(entries: dict[str, Entry], name: str, raw: str) -> dict[str, Entry]:
    return entries | {name: replace(entries[name], raw=raw)}


@pytest.mark.parametrize(
    ("on_form", "at_screening", "flagged"),
    [
        ("male", "female", True),
        ("female", "male", True),
        ("female", "female", False),
        ("male", None, False),  # no screening record to compare with
        (None, "female", False),  # the form does not (yet) say
    ],
)
def test_a_sex_other_than_the_screening_one_is_flagged(
    on_form: str | None, at_screening: str | None, flagged: bool
) -> None:
    from msc_desk.services.visit_findings import PatientFacts, visit_findings

    values = {} if on_form is None else {"sex": on_form}
    facts = PatientFacts(RANDOMIZED_AT, screening_sex=at_screening)
    found = visit_findings(0, RANDOMIZED_AT, values, facts, NOW)
    assert ("sex_differs_from_screening" in [finding.code for finding in found]) is flagged
