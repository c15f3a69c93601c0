"""The baseline extras (demographics, diagnosis, infection, sepsis bundle) and infusion vitals."""

from __future__ import annotations

from msc_desk.catalogue.schema import (
    BASELINE_ONLY,
    NO_VISIT,
    Choice,
    Condition,
    Field,
    FieldType,
    Form,
    Section,
    Unit,
    span,
)
from msc_desk.catalogue.visit_forms import PERCENT, VISIT_SECTIONS

KG = Unit("кг", "kg")
CM = Unit("см", "cm")
CELSIUS = Unit("°C", "°C")
PER_MIN = Unit("уд/мин", "beats/min")
ML_KG = Unit("мл/кг", "mL/kg")

SEX_CHOICES = (Choice("male", "мужской", "male"), Choice("female", "женский", "female"))


def _measure(
    name: str,
    ru: str,
    en: str,
    unit: Unit,
    plausible: tuple[str, str],
    possible: tuple[str, str],
    visits: frozenset[int],
) -> Field:
    return Field(
        name,
        ru,
        en,
        FieldType.DECIMAL,
        unit=unit,
        plausible=span(*plausible),
        possible=span(*possible),
        visits=visits,
    )


def _baseline(name: str, ru: str, en: str, kind: FieldType, **extra: object) -> Field:
    return Field(name, ru, en, kind, visits=BASELINE_ONLY, **extra)  # type: ignore[arg-type]


WEIGHT = _measure("weight", "Масса тела", "Body weight", KG, ("30", "200"), ("20", "350"),
                  BASELINE_ONLY)  # fmt: skip
HEIGHT = _measure("height", "Рост", "Height", CM, ("140", "210"), ("100", "250"), BASELINE_ONLY)

DEMOGRAPHICS = Section(
    "demographics",
    "Демографические данные",
    "Demographics",
    (
        _baseline("sex", "Пол", "Sex", FieldType.CHOICE, choices=SEX_CHOICES),
        WEIGHT,
        HEIGHT,
    ),
)

DIAGNOSIS = Section(
    "diagnosis",
    "Гематологический диагноз",
    "Haematological diagnosis",
    (
        _baseline("hematological_diagnosis", "Гематологический диагноз",
                  "Haematological diagnosis", FieldType.TEXT, max_length=200),
        _baseline("neutropenia_cause", "Причина нейтропении", "Cause of neutropenia",
                  FieldType.CHOICE, choices=(
                      Choice("chemotherapy", "индуцированная химиотерапией",
                             "chemotherapy-induced"),
                      Choice("other_drug", "лекарственная (не химиотерапия)",
                             "drug-induced, not chemotherapy"),
                      Choice("aplastic_anemia", "апластическая анемия", "aplastic anaemia"),
                      Choice("other", "другая", "other"),
                  )),
        _baseline("neutropenia_cause_other", "Причина нейтропении: другая",
                  "Cause of neutropenia: other", FieldType.TEXT, max_length=200,
                  required_if=Condition("neutropenia_cause", "other")),
    ),
)  # fmt: skip

INFECTION = Section(
    "infection",
    "Очаг инфекции и микробиология",
    "Infection focus and microbiology",
    (
        _baseline("infection_focus", "Очаг инфекции", "Infection focus", FieldType.CHOICE,
                  choices=(
                      Choice("lungs", "лёгкие", "lungs"),
                      Choice("abdomen", "брюшная полость", "abdomen"),
                      Choice("urinary", "мочевые пути", "urinary tract"),
                      Choice("catheter", "катетер-ассоциированная", "catheter-related"),
                      Choice("skin_soft_tissue", "кожа и мягкие ткани", "skin and soft tissue"),
                      Choice("unknown", "не установлен", "unknown"),
                      Choice("other", "другой", "other"),
                  )),
        _baseline("microbiology", "Микробиология (возбудитель, материал)",
                  "Microbiology (organism, specimen)", FieldType.TEXT, max_length=500),
    ),
)  # fmt: skip

SEPSIS_BUNDLE = Section(
    "sepsis_bundle",
    "Мероприятия по лечению сепсиса",
    "Sepsis bundle",
    (
        _baseline("antibiotics", "Антибактериальные препараты", "Antibiotics", FieldType.TEXT,
                  max_length=500),
        _baseline("antibiotics_at", "Начало антибактериальной терапии",
                  "Antibiotics started", FieldType.INSTANT),
        _baseline("cultures_before_antibiotics", "Посевы крови до антибиотиков",
                  "Blood cultures before antibiotics", FieldType.BOOLEAN),
        _measure("fluids_ml_per_kg", "Инфузия кристаллоидов", "Crystalloid fluids", ML_KG,
                 ("0", "60"), ("0", "200"), BASELINE_ONLY),
        _baseline("lactate_measured_at", "Время измерения лактата", "Lactate measured at",
                  FieldType.INSTANT),
        _baseline("vasopressors", "Вазопрессоры", "Vasopressors", FieldType.BOOLEAN),
        _baseline("inotropes", "Инотропы", "Inotropes", FieldType.BOOLEAN),
        _baseline("steroids", "Глюкокортикоиды", "Steroids", FieldType.BOOLEAN),
    ),
)  # fmt: skip

BASELINE_SECTIONS = (DEMOGRAPHICS, DIAGNOSIS, INFECTION, SEPSIS_BUNDLE)
BASELINE_FORM = Form(
    "baseline", "Исходный визит", "Baseline visit", BASELINE_SECTIONS + VISIT_SECTIONS
)

INFUSION_VITALS = Section(
    "infusion_vitals",
    "Показатели при инфузии",
    "Infusion vitals",
    (
        _measure("temperature", "Температура тела", "Body temperature", CELSIUS, ("35", "41"),
                 ("25", "45"), NO_VISIT),
        Field("heart_rate", "ЧСС", "Heart rate", FieldType.INTEGER, unit=PER_MIN,
              plausible=span("40", "180"), possible=span("0", "300")),
        next(item for section in VISIT_SECTIONS for item in section.fields if item.name == "map"),
        Field("spo2", "SpO₂", "SpO₂", FieldType.DECIMAL, unit=PERCENT,
              plausible=span("80", "100"), possible=span("0", "100")),
    ),
)  # fmt: skip
INFUSION_VITALS_FORM = Form(
    "infusion_vitals", "Показатели при инфузии", "Infusion vitals", (INFUSION_VITALS,)
)
