"""The MSC infusion form: dosing calculator, the administration record and the reactions."""

from __future__ import annotations

from msc_desk.catalogue.baseline_forms import INFUSION_VITALS, WEIGHT
from msc_desk.catalogue.schema import (
    DIMENSIONLESS,
    Choice,
    Condition,
    Field,
    FieldType,
    Form,
    Section,
    Unit,
    span,
)

ML = Unit("мл", "mL")
ML_PER_HOUR = Unit("мл/ч", "mL/h")
MILLION_PER_KG = Unit("млн/кг", "million/kg")
CELLS_PER_ML = Unit("клеток/мл", "cells/mL")
PERCENT = Unit("%", "%")

WEIGHT_SOURCES = (
    Choice("measured", "измерена", "measured"),
    Choice("estimated", "оценена", "estimated"),
    Choice("chart", "из медицинской документации", "from the chart"),
)
REACTIONS = (
    Choice("none", "нет", "none"),
    Choice("fever", "лихорадка", "fever"),
    Choice("chills", "озноб", "chills"),
    Choice("hypotension", "гипотензия", "hypotension"),
    Choice("allergic", "аллергическая реакция", "allergic reaction"),
    Choice("other", "другое", "other"),
)


def _item(name: str, ru: str, en: str, kind: FieldType, **extra: object) -> Field:
    return Field(name, ru, en, kind, **extra)  # type: ignore[arg-type]


def _number(name: str, ru: str, en: str, unit: Unit, low: str, high: str) -> Field:
    return Field(name, ru, en, FieldType.DECIMAL, unit=unit, plausible=span(low, high),
                 possible=span(low, high))  # fmt: skip


CALCULATOR = Section(
    "infusion_dose",
    "Расчёт дозы МСК",
    "MSC dose",
    (
        WEIGHT,
        _item("weight_source", "Источник массы тела", "Source of the weight", FieldType.CHOICE,
              choices=WEIGHT_SOURCES),
        _item("infusion_day", "День инфузии", "Infusion day", FieldType.INTEGER,
              unit=DIMENSIONLESS, plausible=span("1", "7"), possible=span("1", "7")),
        _number("target_dose", "Назначенная доза", "Prescribed dose", MILLION_PER_KG, "1.0",
                "2.0"),
        _item("product_lot", "Серия препарата", "Product lot", FieldType.TEXT, max_length=50),
        _number("cell_concentration", "Концентрация клеток (сертификат)",
                "Cell concentration (release certificate)", CELLS_PER_ML, "100000",
                "100000000"),
        _number("cell_viability", "Жизнеспособность клеток (сертификат)",
                "Cell viability (release certificate)", PERCENT, "1", "100"),
        _number("container_volume", "Объём одного контейнера", "Volume of one container", ML,
                "1", "1000"),
        _item("viable_cells_needed", "Требуется жизнеспособных клеток", "Viable cells needed",
              FieldType.DECIMAL, unit=DIMENSIONLESS, computed=True, required=False),
        _item("total_cells", "Всего клеток", "Total cells", FieldType.DECIMAL,
              unit=DIMENSIONLESS, computed=True, required=False),
        _item("dose_volume", "Объём к введению", "Volume to infuse", FieldType.DECIMAL, unit=ML,
              computed=True, required=False),
        _item("container_count", "Число контейнеров", "Number of containers", FieldType.INTEGER,
              unit=DIMENSIONLESS, computed=True, required=False),
        _item("weight_reason", "Обоснование массы тела вне 30–200 кг",
              "Reason for a weight outside 30–200 kg", FieldType.TEXT, required=False,
              max_length=500),
        _item("viability_reason", "Обоснование жизнеспособности ниже порога",
              "Reason for a viability under the release threshold", FieldType.TEXT,
              required=False, max_length=500),
    ),
)  # fmt: skip

_OTHER_REACTION = Condition("infusion_reaction", "other")

ADMINISTRATION = Section(
    "infusion_record",
    "Введение МСК",
    "MSC administration",
    (
        _item("infusion_started_at", "Начало инфузии", "Infusion started", FieldType.INSTANT),
        _item("infusion_ended_at", "Окончание инфузии", "Infusion ended", FieldType.INSTANT),
        _number("volume_infused", "Фактически введённый объём", "Volume actually infused", ML,
                "0", "1000"),
        _number("infusion_rate", "Скорость введения", "Infusion rate", ML_PER_HOUR, "1",
                "1000"),
        _item("premedication", "Премедикация", "Premedication", FieldType.TEXT, max_length=500),
        _item("achieved_dose", "Фактическая доза", "Achieved dose", FieldType.DECIMAL,
              unit=MILLION_PER_KG, computed=True, required=False),
        _item("infusion_reaction", "Инфузионная реакция", "Infusion reaction", FieldType.CHOICE,
              choices=REACTIONS),
        _item("reaction_other", "Другая реакция (описание)", "Other reaction (description)",
              FieldType.TEXT, required_if=_OTHER_REACTION, max_length=500),
        _item("late_deviation_reason", "Причина начала позже 10 ч от начала шока",
              "Why the infusion started more than 10 h after shock onset", FieldType.TEXT,
              required=False, max_length=500),
        _item("dose_deviation_reason", "Причина фактической дозы вне 1–2 млн/кг",
              "Why the achieved dose is outside 1–2 million/kg", FieldType.TEXT,
              required=False, max_length=500),
    ),
)  # fmt: skip

INFUSION_FORM = Form(
    "infusion", "Инфузия МСК", "MSC infusion", (CALCULATOR, ADMINISTRATION, INFUSION_VITALS)
)
