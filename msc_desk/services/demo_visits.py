"""Demo visit forms: every catalogue field of a visit, read through the rules of a saved form."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from msc_desk.catalogue import field
from msc_desk.services.visit_entries import Entry, StoredValue, fields_for_day, read_form
from msc_desk.services.visit_sofa import BedsideSofa, bedside_sofa

# Field: (at baseline, on day 28 in a survivor, decimals). A septic, neutropenic ICU course;
# a patient who dies drifts the other way. Each value is kept inside the plausible range.
_COURSE: dict[str, tuple[str, str, int]] = {
    "bilirubin_total": ("48", "21", 1),
    "alt": ("85", "40", 0),
    "ast": ("110", "35", 0),
    "ldh": ("620", "280", 0),
    "prothrombin_quick": ("55", "85", 0),
    "inr": ("1.8", "1.15", 2),
    "amylase": ("70", "60", 0),
    "urea": ("14", "7", 1),
    "creatinine": ("190", "95", 0),
    "urine_output": ("450", "1600", 0),
    "pao2": ("68", "92", 0),
    "fio2": ("0.6", "0.3", 2),
    "map": ("61", "78", 0),
    "norepinephrine": ("0.9", "0", 2),
    "epinephrine": ("0", "0", 2),
    "dopamine": ("0", "0", 1),
    "dobutamine": ("0", "0", 1),
    "svri": ("1250", "1900", 0),
    "cardiac_output": ("8.2", "6.0", 1),
    "il6": ("2500", "40", 0),
    "il10": ("180", "8", 0),
    "pct": ("18", "0.6", 1),
    "crp": ("240", "30", 0),
    "fibrinogen": ("5.5", "3.4", 1),
    "lactate": ("5.2", "1.3", 1),
    "xiia_fibrinolysis": ("28", "12", 0),
    "wbc": ("0.5", "4.8", 1),
    "neutrophils": ("0.2", "2.1", 2),
    "lymphocytes": ("0.1", "0.9", 2),
    "hemoglobin": ("82", "101", 0),
    "platelets": ("18", "95", 0),
    "gcs": ("10", "15", 0),
}
_NOT_ALWAYS_MEASURED = {"il6": 0.25, "il10": 0.3, "xiia_fibrinolysis": 0.2, "amylase": 0.15}
"""Tests a ward laboratory does not always run: how often each is missing (not available)."""

_DIAGNOSES = (
    ("Острый миелобластный лейкоз", "chemotherapy"),
    ("Острый лимфобластный лейкоз", "chemotherapy"),
    ("Диффузная B-крупноклеточная лимфома", "chemotherapy"),
    ("Множественная миелома, аутологичная ТГСК", "chemotherapy"),
    ("Миелодиспластический синдром", "other"),
    ("Апластическая анемия, тяжёлая форма", "aplastic_anemia"),
)
_MICROBIOLOGY = (
    "Klebsiella pneumoniae (кровь)",
    "Escherichia coli (кровь)",
    "Pseudomonas aeruginosa (БАЛ)",
    "Staphylococcus epidermidis (кровь из катетера)",
    "Роста нет",
)
_FOCUS = ("lungs", "lungs", "abdomen", "catheter", "urinary", "unknown")


@dataclass(frozen=True)
class DemoVisit:
    """What a demo visit stores: one row per field, and the SOFA the form computed."""

    stored: dict[str, StoredValue]
    sofa: BedsideSofa


def demo_visit(
    study_day: int,
    at: datetime,
    *,
    weight_kg: Decimal,
    sex: str,
    worsening: bool,
    rng: random.Random,
) -> DemoVisit:
    """A complete form of the visit on `study_day` done at `at`, as a ward would fill it in.

    Raises:
        ValueError: the generated form would not pass the form's own checks (a demo defect).
    """
    entries = _entries(study_day, at, weight_kg=weight_kg, worsening=worsening, rng=rng)
    if study_day == 0:
        entries["sex"] = Entry(raw=sex)  # as the screening recorded it
    reading = read_form(study_day, entries, at)
    if not reading.complete:
        problems = [p.field for p in (*reading.refusals, *reading.warnings)] + list(reading.missing)
        raise ValueError(f"demo visit day {study_day} is not complete: {problems}")
    return DemoVisit(reading.stored, bedside_sofa(reading.values))


def _number(name: str, progress: Decimal, rng: random.Random) -> Decimal:
    start, end, decimals = _COURSE[name]
    value = Decimal(start) + (Decimal(end) - Decimal(start)) * progress
    value *= Decimal(str(round(rng.uniform(0.9, 1.1), 3)))
    plausible = field(name).plausible
    if plausible is not None:
        value = min(max(value, plausible.low), plausible.high)
    return value.quantize(Decimal(1).scaleb(-decimals))


def _entries(
    study_day: int, at: datetime, *, weight_kg: Decimal, worsening: bool, rng: random.Random
) -> dict[str, Entry]:
    progress = Decimal(study_day) / 28
    if worsening:
        progress = -progress / 2
    numbers = {name: _number(name, progress, rng) for name in _COURSE}
    numbers["neutrophils"] = min(numbers["neutrophils"], numbers["wbc"])
    numbers["lymphocytes"] = min(numbers["lymphocytes"], numbers["wbc"] - numbers["neutrophils"])
    entries = {name: Entry(raw=value) for name, value in numbers.items()}
    for name, rate in _NOT_ALWAYS_MEASURED.items():
        if rng.random() < rate:
            entries[name] = Entry(missing_reason="not_available")
    _vasopressors(entries, numbers, weight_kg, rng)
    _alternative_units(entries, numbers, rng)
    _choices(entries, numbers, rng)
    if study_day == 0:
        entries.update(_baseline(at, weight_kg, rng))
    carried = {item.name for item in fields_for_day(study_day)}
    return {name: entry for name, entry in entries.items() if name in carried}


def _vasopressors(
    entries: dict[str, Entry], numbers: dict[str, Decimal], weight_kg: Decimal, rng: random.Random
) -> None:
    dose = numbers["norepinephrine"]
    if dose and rng.random() < 0.2:
        # Some wards chart the syringe pump: 8 mg in 50 mL, the rate in mL/h.
        rate = (dose * weight_kg * 60 * 50 / 8000).quantize(Decimal("0.1"))
        if rate:
            inputs = {"drug_mg": Decimal(8), "syringe_ml": Decimal(50), "weight_kg": weight_kg}
            entries["norepinephrine"] = Entry(raw=rate, unit="pump", inputs=inputs)
    elif dose and rng.random() < 0.2:
        per_minute = (dose * weight_kg).quantize(Decimal(1))
        if per_minute:
            entries["norepinephrine"] = Entry(
                raw=per_minute, unit="mcg_min", inputs={"weight_kg": weight_kg}
            )


def _alternative_units(
    entries: dict[str, Entry], numbers: dict[str, Decimal], rng: random.Random
) -> None:
    if rng.random() < 0.4:
        entries["fio2"] = Entry(raw=(numbers["fio2"] * 100).quantize(Decimal(1)), unit="percent")
    if rng.random() < 0.1:
        # A laboratory that reports creatinine in mg/dL (88.4 µmol/L each).
        entries["creatinine"] = Entry(
            raw=(numbers["creatinine"] / Decimal("88.4")).quantize(Decimal("0.01")), unit="mg_dl"
        )


def _choices(entries: dict[str, Entry], numbers: dict[str, Decimal], rng: random.Random) -> None:
    fio2 = numbers["fio2"]
    support = (
        "invasive" if fio2 >= Decimal("0.5") else ("niv" if fio2 >= Decimal("0.4") else "oxygen")
    )
    if fio2 <= Decimal("0.25"):
        support = "none"
    entries["respiratory_support"] = Entry(raw=support)
    sedated = support == "invasive"
    entries["sedated"] = Entry(raw=sedated)
    if sedated:
        entries["gcs"] = Entry(raw=3)
        entries["gcs_presedation"] = Entry(raw=numbers["gcs"])
    on_rrt = numbers["creatinine"] > 300 and rng.random() < 0.6
    entries["rrt"] = Entry(raw="hemodiafiltration" if on_rrt else "none")
    entries["rrt_sessions"] = Entry(raw=rng.randint(1, 3) if on_rrt else 0)
    thermodilution = numbers["norepinephrine"] > Decimal("0.3") and rng.random() < 0.3
    entries["thermodilution"] = Entry(raw=thermodilution)
    if not thermodilution:
        entries.pop("svri")
        entries.pop("cardiac_output")
    entries["ecg"] = Entry(raw="atrial_fibrillation" if rng.random() < 0.1 else "sinus")


def _baseline(at: datetime, weight_kg: Decimal, rng: random.Random) -> dict[str, Entry]:
    diagnosis, cause = rng.choice(_DIAGNOSES)
    shocked = at - timedelta(hours=rng.uniform(3, 8))
    entries = {
        "weight": Entry(raw=weight_kg),
        "height": Entry(raw=rng.randint(155, 188)),
        "hematological_diagnosis": Entry(raw=diagnosis),
        "neutropenia_cause": Entry(raw=cause),
        "infection_focus": Entry(raw=rng.choice(_FOCUS)),
        "microbiology": Entry(raw=rng.choice(_MICROBIOLOGY)),
        "antibiotics": Entry(raw="Меропенем 1 г × 3, ванкомицин 1 г × 2"),
        "antibiotics_at": Entry(raw=shocked + timedelta(minutes=rng.randint(20, 70))),
        "cultures_before_antibiotics": Entry(raw=rng.random() < 0.85),
        "fluids_ml_per_kg": Entry(raw=Decimal(rng.randint(25, 35))),
        "lactate_measured_at": Entry(raw=shocked + timedelta(minutes=rng.randint(5, 40))),
        "vasopressors": Entry(raw=True),
        "inotropes": Entry(raw=rng.random() < 0.15),
        "steroids": Entry(raw=rng.random() < 0.6),
    }
    if cause == "other":
        entries["neutropenia_cause_other"] = Entry(raw="Гипоплазия кроветворения при МДС")
    return entries
