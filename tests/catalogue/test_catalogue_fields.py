# ruff: noqa: E501  (the document's table rows are kept verbatim)
"""The catalogue holds every field of visit-fields.md, labelled, with units and nesting ranges."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Table as SqlTable

import msc_desk.catalogue as cat
from msc_desk.catalogue import FieldType
from msc_desk.models import Base

# The tables of visit-fields.md, verbatim: field | label (ru) | unit | alternative | plausible | possible
VISIT_FIELDS_MD = """
| bilirubin_total | Билирубин общий | мкмоль/л | mg/dL × 17.1 | 2–500 | 0–1500 |
| alt | АЛТ | Ед/л | — | 3–2000 | 0–20000 |
| ast | АСТ | Ед/л | — | 3–3000 | 0–30000 |
| ldh | ЛДГ | Ед/л | — | 100–5000 | 0–50000 |
| prothrombin_quick | Протромбин по Квику | % | — | 20–130 | 1–200 |
| inr | МНО | — | — | 0.8–6 | 0.5–20 |
| amylase | Амилаза | Ед/л | — | 10–1000 | 0–20000 |
| rrt | Заместительная почечная терапия | choice: нет / гемодиализ / гемодиафильтрация / гемофильтрация | — | — | — |
| rrt_sessions | Число сеансов ЗПТ с прошлого визита | — | — | 0–14 | 0–60 |
| urea | Мочевина | ммоль/л | BUN mg/dL × 0.357 | 1–50 | 0–150 |
| creatinine | Креатинин | мкмоль/л | mg/dL × 88.4 | 20–800 | 5–3000 |
| urine_output | Диурез за сутки | мл/сут | — | 0–6000 | 0–20000 |
| respiratory_support | Респираторная поддержка | choice: нет / кислород / НИВЛ / ИВЛ | — | — | — |
| pao2 | PaO₂ | мм рт. ст. | kPa × 7.50062 | 40–500 | 10–700 |
| fio2 | FiO₂ | доля (0,21–1,0) | % ÷ 100 | 0.21–1.0 | 0.21–1.0 |
| pf_ratio | PaO₂/FiO₂ | мм рт. ст. | computed, never typed | — | — |
| map | Среднее АД | мм рт. ст. | — | 40–130 | 10–250 |
| norepinephrine | Норадреналин | мкг/кг/мин | µg/min with weight; pump mL/h with syringe content and weight | 0–2 | 0–10 |
| epinephrine | Адреналин | мкг/кг/мин | as above | 0–1 | 0–5 |
| dopamine | Дофамин | мкг/кг/мин | as above | 0–20 | 0–50 |
| dobutamine | Добутамин | мкг/кг/мин | as above | 0–20 | 0–40 |
| svri | ИОПСС (SVRI) | дин·с·см⁻⁵·м² | — | 500–4000 | 100–10000 |
| cardiac_output | Сердечный выброс | л/мин | — | 2–15 | 0.5–30 |
| ecg | ЭКГ | choice: синусовый ритм / фибрилляция предсердий / другая аритмия / ишемия / другое (текст) | — | — | — |
| il6 | ИЛ-6 | пг/мл | — | 0–50000 | 0–1000000 |
| il10 | ИЛ-10 | пг/мл | — | 0–5000 | 0–100000 |
| pct | Прокальцитонин | нг/мл | µg/L × 1 | 0–200 | 0–2000 |
| crp | С-реактивный белок | мг/л | mg/dL × 10 | 0–400 | 0–1000 |
| fibrinogen | Фибриноген | г/л | mg/dL × 0.01 | 0.5–10 | 0–20 |
| lactate | Лактат | ммоль/л | mg/dL ÷ 9.01 | 0.3–20 | 0–40 |
| xiia_fibrinolysis | XIIa-зависимый фибринолиз | мин | — | 4–120 | 1–600 |
| wbc | Лейкоциты | ×10⁹/л | /µL ÷ 1000 | 0–50 | 0–500 |
| neutrophils | Нейтрофилы (абс.) | ×10⁹/л | /µL ÷ 1000 | 0–30 | 0–300 |
| lymphocytes | Лимфоциты (абс.) | ×10⁹/л | /µL ÷ 1000 | 0–10 | 0–400 |
| hemoglobin | Гемоглобин | г/л | g/dL × 10 | 50–170 | 20–250 |
| platelets | Тромбоциты | ×10⁹/л | ×10³/µL × 1 | 1–600 | 0–3000 |
| gcs | Шкала комы Глазго | баллы (целое) | — | 3–15 | 3–15 |
| sedated | Седация | yes/no | — | — | — |
| gcs_presedation | ШКГ до седации (предполагаемая) | баллы (целое) | — | 3–15 | 3–15 |
| weight | Масса тела | кг | — | 30–200 | 20–350 |
| height | Рост | см | — | 140–210 | 100–250 |
| temperature | Температура тела | °C | — | 35–41 | 25–45 |
| heart_rate | ЧСС | уд/мин | — | 40–180 | 0–300 |
| spo2 | SpO₂ | % | — | 80–100 | 0–100 |
| fluids_ml_per_kg | Инфузия кристаллоидов | мл/кг | — | 0–60 | 0–200 |
"""

ROWS = [
    [cell.strip() for cell in line.strip().strip("|").split("|")]
    for line in VISIT_FIELDS_MD.strip().splitlines()
]
ALL_FIELDS = list(cat.FIELDS.values()) + [c for t in cat.TABLES for c in t.columns]
VISIT_SECTIONS = {
    "liver_pancreas": "Liver and pancreas",
    "kidney": "Kidney",
    "lungs": "Lungs",
    "heart": "Heart and circulation",
    "inflammation_blood": "Inflammation, coagulation, blood count",
    "neurology": "Neurology",
}


def _range(text: str) -> cat.Range | None:
    if text == "—":
        return None
    low, high = text.split("–")
    return cat.Range(Decimal(low), Decimal(high))


@pytest.mark.parametrize("row", ROWS, ids=[row[0] for row in ROWS])
def test_every_row_of_the_visit_fields_document_is_in_the_catalogue(row: list[str]) -> None:
    name, label, unit, alternative, plausible, possible = row
    item = cat.field(name)
    assert item.label_ru == label
    assert item.plausible == _range(plausible) and item.possible == _range(possible)
    if unit.startswith("choice:"):
        assert item.type is FieldType.CHOICE
        wanted = [text.strip() for text in unit.removeprefix("choice:").split("/")]
        assert [choice.ru for choice in item.choices] == wanted
    elif unit == "yes/no":
        assert item.type is FieldType.BOOLEAN
    elif unit == "—":
        assert item.unit == cat.DIMENSIONLESS
    else:
        assert item.unit is not None and unit.startswith(item.unit.ru)
    if alternative == "computed, never typed":
        assert item.computed
    elif alternative != "—":
        assert item.alternatives, name
    else:
        assert not item.alternatives
    if "(целое)" in unit:
        assert item.type is FieldType.INTEGER


def test_the_visit_form_has_the_documented_sections_in_order() -> None:
    visit = next(form for form in cat.FORMS if form.code == "visit")
    assert [(s.code, s.title_en) for s in visit.sections] == list(VISIT_SECTIONS.items())
    baseline = next(form for form in cat.FORMS if form.code == "baseline")
    assert [s.code for s in baseline.sections[:4]] == [
        "demographics", "diagnosis", "infection", "sepsis_bundle",
    ]  # fmt: skip
    assert baseline.sections[4:] == visit.sections


@pytest.mark.parametrize("item", ALL_FIELDS, ids=lambda item: item.name)
def test_every_field_has_both_labels_a_unit_if_numeric_and_nesting_ranges(
    item: cat.Field,
) -> None:
    assert item.label_ru.strip() and item.label_en.strip()
    assert item.label_ru != item.label_en or item.label_ru.startswith(("PaO", "FiO", "SpO"))
    if item.type in cat.NUMERIC_TYPES:
        assert item.unit is not None
    else:
        assert item.unit is None and not item.alternatives
    if item.plausible is not None:
        assert item.possible is not None and item.possible.covers(item.plausible)
    if item.type is FieldType.CHOICE:
        codes = [choice.code for choice in item.choices]
        assert codes and len(codes) == len(set(codes))
        assert all(choice.ru and choice.en for choice in item.choices)
    else:
        assert not item.choices
    codes = [alt.code for alt in item.alternatives]
    assert len(codes) == len(set(codes))
    if item.required_if is not None:
        assert item.required_if.field in {other.name for other in ALL_FIELDS}


def test_field_names_are_unique_on_every_form_and_in_every_table() -> None:
    for form in cat.FORMS:
        names = [item.name for item in form.fields()]
        assert len(names) == len(set(names)), form.code
    for table in cat.TABLES:
        names = [item.name for item in table.columns]
        assert len(names) == len(set(names)), table.name
    by_name: dict[str, cat.Field] = {}
    for form in cat.FORMS:
        for item in form.fields():
            assert by_name.setdefault(item.name, item) is item


def test_every_audited_column_of_the_database_has_a_label() -> None:
    unlabelled = []
    for name, sql_table in Base.metadata.tables.items():
        assert isinstance(sql_table, SqlTable)
        if name == "audit_log":
            continue
        for sql_column in sql_table.columns:
            if cat.column(name, sql_column.name) is None:
                unlabelled.append(f"{name}.{sql_column.name}")
    assert unlabelled == []


def test_a_range_that_does_not_nest_is_caught() -> None:
    assert not cat.Range(Decimal(0), Decimal(10)).covers(cat.Range(Decimal(-1), Decimal(5)))
    with pytest.raises(ValueError):
        cat.Range(Decimal(2), Decimal(1))


def test_visits_follow_the_protocol() -> None:
    assert cat.VISIT_DAYS == (0, 2, 3, 7, 14, 21, 28)
    assert cat.field("creatinine").visits == frozenset(cat.VISIT_DAYS)
    assert cat.field("neutropenia_cause").visits == {0}
    assert cat.field("temperature").visits == frozenset()


def test_only_the_documented_exceptions_are_conditionally_required() -> None:
    conditional = {item.name: item.required_if for item in cat.FIELDS.values() if item.required_if}
    assert conditional.keys() == {
        "svri", "cardiac_output", "gcs_presedation", "ecg_other", "neutropenia_cause_other",
    }  # fmt: skip
    svri = cat.field("svri")
    assert not svri.is_required({"thermodilution": False})
    assert svri.is_required({"thermodilution": True})
    assert cat.field("gcs_presedation").is_required({"sedated": True})
    assert not cat.field("gcs_presedation").is_required({"sedated": False})
    assert cat.field("creatinine").is_required({})
    assert not cat.field("pf_ratio").is_required({})
    assert all(item.required for item in cat.FIELDS.values())
