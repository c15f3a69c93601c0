"""The bedside MSC infusion sheet: what was prescribed, the two checks, and lines to sign."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from msc_desk.reports.blocks import DASH, data_table, heading, number, para, styles
from msc_desk.reports.page import PageStamp, moscow_time, render_pdf

TITLE = "Лист инфузии МСК"
_LINE = "____________________"


@dataclass(frozen=True)
class SheetCheck:
    """One person's confirmation as recorded: who and when (None: not yet done)."""

    name: str | None
    at: datetime | None


@dataclass(frozen=True)
class InfusionSheet:
    study_id: str
    infusion_day: int
    product_lot: str
    weight_kg: Decimal
    weight_source: str
    target_dose: Decimal
    concentration_cells_per_ml: Decimal
    viability_percent: Decimal
    viable_cells: Decimal
    volume_ml: Decimal
    container_volume_ml: Decimal
    container_count: int
    prepared: SheetCheck
    checked: SheetCheck


def _cells(value: Decimal) -> str:
    """Cells in millions, as the release certificate writes them (×10⁶)."""
    millions = (value / Decimal(10**6)).quantize(Decimal("0.01"))
    return (
        f"{number(millions.normalize() if millions == millions.to_integral() else millions)} × 10⁶"
    )


def _check(check: SheetCheck) -> tuple[str, str]:
    if check.name is None or check.at is None:
        return DASH, DASH
    return check.name, moscow_time(check.at)


def _story(sheet: InfusionSheet) -> list[Flowable]:
    look = styles()
    story: list[Flowable] = [
        para(f"{TITLE}: пациент {sheet.study_id}, день инфузии {sheet.infusion_day}", look.title),
        para(
            "Перед началом инфузии два сотрудника у постели пациента сверяют пациента, "
            "серию препарата, дозу и объём с этим листом.",
            look.note,
        ),
    ]
    story += heading("Назначение")
    rows = [
        ("Номер пациента в исследовании", sheet.study_id),
        ("Серия препарата", sheet.product_lot),
        ("Масса тела", f"{number(sheet.weight_kg)} кг ({sheet.weight_source})"),
        ("Доза", f"{number(sheet.target_dose)} млн жизнеспособных клеток/кг"),
        (
            "Концентрация клеток (сертификат)",
            f"{_cells(sheet.concentration_cells_per_ml)} клеток/мл",
        ),
        ("Жизнеспособность (сертификат)", f"{number(sheet.viability_percent)} %"),
        ("Требуется жизнеспособных клеток", _cells(sheet.viable_cells)),
        ("Объём к введению", f"{number(sheet.volume_ml)} мл"),
        (
            "Контейнеры",
            f"{sheet.container_count} × до {number(sheet.container_volume_ml)} мл",
        ),
    ]
    story.append(data_table(("Показатель", "Значение"), rows, (70 * mm, 100 * mm), zebra=False))
    story += heading("Двойная проверка")
    prepared, checked = _check(sheet.prepared), _check(sheet.checked)
    story.append(
        data_table(
            ("", "ФИО", "Время (МСК)", "Подпись"),
            [
                ("Подготовил(а), проверка 1", prepared[0], prepared[1], _LINE),
                ("Проверил(а), проверка 2", checked[0], checked[1], _LINE),
                ("Сотрудник лаборатории клеточной терапии", _LINE, _LINE, _LINE),
            ],
            (52 * mm, 45 * mm, 33 * mm, 40 * mm),
            zebra=False,
        )
    )
    story += heading("Введение")
    story.append(
        data_table(
            ("", "Время (МСК)", "Подпись"),
            [
                ("Начало инфузии", _LINE, _LINE),
                ("Окончание инфузии", _LINE, _LINE),
                ("Фактически введённый объём, мл", _LINE, _LINE),
            ],
            (70 * mm, 50 * mm, 50 * mm),
            zebra=False,
        )
    )
    story.append(Spacer(1, 4 * mm))
    story.append(
        para(
            "Показатели до и после инфузии (температура, ЧСС, среднее АД, SpO₂) и реакции "
            "вносятся в запись о введении.",
            look.note,
        )
    )
    return story


def build_infusion_sheet(sheet: InfusionSheet, stamp: PageStamp) -> bytes:
    """The sheet's PDF, one A4 page."""
    return render_pdf(_story(sheet), stamp, title=f"{TITLE} {sheet.study_id}", subject=TITLE)
