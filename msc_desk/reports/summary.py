"""The trial summary on paper: enrollment, CONSORT, baseline, 28-day mortality, SOFA, events.

Arms are the labels given (for a blinded reader «Группа A»/«Группа B»): nothing here knows
which arm a label stands for, so a blinded summary names no arm by construction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from msc_desk.analysis.survival import SurvivalAnalysis
from msc_desk.reports.blocks import DASH, data_table, para, styles
from msc_desk.reports.figures import (
    ConsortFlow,
    consort_drawing,
    kaplan_meier_drawing,
    rectangle,
)
from msc_desk.reports.page import FRAME_WIDTH, PageStamp, RunningTitle, render_pdf
from msc_desk.reports.progress import Progress, no_progress

TITLE = "Сводка исследования"
TARGET_ENROLLMENT = 30
_FILLED = colors.Color(0.45, 0.45, 0.45)

ArmRow = tuple[str, tuple[str, ...]]
"""A row label and one printed value per arm (in the order of `SummaryData.arms`)."""


@dataclass(frozen=True)
class SummaryData:
    study: str
    site: str
    blinded: bool
    arms: tuple[str, ...]
    randomized: int
    target: int
    consort: ConsortFlow
    baseline: tuple[ArmRow, ...]
    survival: SurvivalAnalysis
    sofa_by_day: tuple[ArmRow, ...]
    adverse_events: tuple[ArmRow, ...]


def p_value(value: float | None) -> str:
    """«p = 0,042», «p < 0,001», or that it cannot be computed."""
    if value is None:
        return "p не вычисляется"
    if value < 0.001:
        return "p < 0,001"
    return "p = " + f"{value:.3f}".replace(".", ",")


def _arm_table(first: str, rows: Sequence[ArmRow], arms: Sequence[str]) -> Flowable:
    label_width = 62 * mm
    arm_width = (FRAME_WIDTH - label_width) / max(len(arms), 1)
    return data_table(
        [first, *arms],
        [[label, *values] for label, values in rows],
        [label_width, *[arm_width] * len(arms)],
    )


def _section(title: str, body: Sequence[Flowable]) -> list[Flowable]:
    """A heading kept on one page with the section's first block (a short table, a figure)."""
    first, rest = body[0], body[1:]
    start = KeepTogether([RunningTitle(title), para(title, styles().heading), first])
    return [start, *rest, Spacer(1, 3 * mm)]


def _enrollment(data: SummaryData) -> list[Flowable]:
    look = styles()
    share = 100 * data.randomized / data.target if data.target else 0
    return _section(
        "Набор пациентов",
        [
            para(
                f"Рандомизировано {data.randomized} из {data.target} запланированных "
                f"({share:.0f} %).",
                look.body,
            ),
            _progress_bar(data.randomized, data.target),
        ],
    )


def _progress_bar(done: int, target: int) -> Drawing:
    width, height = FRAME_WIDTH * 0.6, 5 * mm
    drawing = Drawing(width, height + 2)
    filled = width * min(done, target) / target if target else 0
    drawing.add(rectangle(0, 1, filled, height, stroke=None, fill=_FILLED))
    drawing.add(rectangle(0, 1, width, height, stroke=colors.black, fill=None, line_width=0.6))
    return drawing


def _mortality(data: SummaryData) -> list[Flowable]:
    look = styles()
    survival = data.survival
    rows: list[ArmRow] = [
        ("Рандомизировано", tuple(str(m.patients) for m in survival.mortality)),
        ("Умерли к 28-м суткам", tuple(str(m.deaths) for m in survival.mortality)),
        ("Живы на 28-е сутки", tuple(str(m.alive) for m in survival.mortality)),
        ("Статус на 28-е сутки неизвестен", tuple(str(m.lost) for m in survival.mortality)),
        (
            "Летальность к 28-м суткам",
            tuple(
                DASH if m.proportion is None else f"{100 * m.proportion:.1f} %".replace(".", ",")
                for m in survival.mortality
            ),
        ),
    ]
    figure = kaplan_meier_drawing(
        survival.curves, data.arms, survival.at_risk_days, survival.at_risk, FRAME_WIDTH
    )
    return _section(
        "Летальность к 28-м суткам",
        [
            _arm_table("Показатель", rows, data.arms),
            Spacer(1, 2 * mm),
            para(
                f"Лог-ранговый критерий: {p_value(survival.logrank_p)}. "
                f"Точный критерий Фишера (28-е сутки): {p_value(survival.fisher_p)}.",
                look.body,
            ),
            KeepTogether(
                [
                    para(
                        "Кривые выживаемости Каплана–Мейера (штрих — цензурирование)",
                        look.cell_head,
                    ),
                    figure,
                ]
            ),
        ],
    )


def build_summary(data: SummaryData, stamp: PageStamp, progress: Progress = no_progress) -> bytes:
    """The trial summary as a PDF; the arms are printed only as `data.arms` labels them."""
    look = styles()
    intro = [
        para(TITLE, look.title),
        para(" · ".join(filter(None, (f"Исследование {data.study}", data.site))), look.body),
        para(
            "Сводка не содержит ФИО, номеров историй болезни и номеров пациентов.",
            look.note,
        ),
    ]
    if data.blinded:
        intro.append(
            para(
                "Заслепленная версия: группы обозначены буквами A и B, соответствие групп "
                "вмешательству не раскрывается; связь нежелательных явлений с вмешательством "
                "и сведения о введении продукта не приводятся.",
                look.note,
            )
        )
    story: list[Flowable] = [*intro, Spacer(1, 2 * mm), *_enrollment(data)]
    story += _section("Поток пациентов (CONSORT)", [consort_drawing(data.consort, FRAME_WIDTH)])
    story += _section(
        "Исходные характеристики по группам", [_arm_table("Показатель", data.baseline, data.arms)]
    )
    story += _mortality(data)
    story += _section(
        "Динамика SOFA: медиана (межквартильный размах), число пациентов",
        [
            _arm_table("Визит", data.sofa_by_day, data.arms),
            para(
                "Учтены визиты с оценкой всех шести систем органов; неполная оценка "
                "в медиану не входит.",
                styles().note,
            ),
        ],
    )
    story += _section(
        "Нежелательные явления по группам",
        [_arm_table("Показатель", data.adverse_events, data.arms)],
    )
    return render_pdf(story, stamp, title=TITLE, subject=data.study, progress=progress)
