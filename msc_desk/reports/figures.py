"""Figures drawn as vectors with real text: the CONSORT flow and the Kaplan–Meier curves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit

from msc_desk.analysis.survival import HORIZON_DAYS, KaplanMeierCurve
from msc_desk.reports.fonts import BOLD, FAMILY, register_fonts

_INK = colors.black
_FONT_SIZE = 7.5
_LINE = _FONT_SIZE + 1.5
# Arms differ by dash and weight, so the figure reads on a mono laser printer.
_ARM_STYLES: tuple[tuple[float, tuple[float, ...] | None, colors.Color], ...] = (
    (1.4, None, colors.Color(0.1, 0.25, 0.6)),
    (1.4, (4, 2), colors.Color(0.7, 0.2, 0.1)),
    (1.0, (1, 1.5), colors.Color(0.2, 0.5, 0.2)),
)


@dataclass(frozen=True)
class FlowBox:
    """A CONSORT box: its lines of text (the first in bold)."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class ConsortFlow:
    """Screened → excluded (side box) → randomized → one column per arm, top to bottom."""

    screened: FlowBox
    excluded: FlowBox
    randomized: FlowBox
    arms: tuple[tuple[FlowBox, ...], ...]


def rectangle(
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    stroke: Color | None,
    fill: Color | None,
    line_width: float = 0.7,
) -> Rect:
    """A rectangle (attributes set after construction: the stubs mistype the keywords)."""
    shape = Rect(x, y, width, height)
    shape.strokeColor = stroke
    shape.fillColor = fill
    shape.strokeWidth = line_width
    return shape


def _dashed(shape: Line | PolyLine, dash: tuple[float, ...] | None) -> Line | PolyLine:
    if dash is not None:
        shape.strokeDashArray = dash
    return shape


def _wrapped(box: FlowBox, width: float) -> FlowBox:
    lines: list[str] = []
    for index, line in enumerate(box.lines):
        font = BOLD if index == 0 else FAMILY
        lines += simpleSplit(line, font, _FONT_SIZE, width - 8) or [""]
    return FlowBox(tuple(lines))


def _box(drawing: Drawing, x: float, top: float, width: float, box: FlowBox) -> float:
    """Draw `box` with its top-left at (x, top); return its bottom."""
    height = len(box.lines) * _LINE + 6
    drawing.add(rectangle(x, top - height, width, height, stroke=_INK, fill=None))
    for index, line in enumerate(box.lines):
        font = BOLD if index == 0 else FAMILY
        drawing.add(
            String(
                x + 4,
                top - 4 - _FONT_SIZE - index * _LINE,
                line,
                fontName=font,
                fontSize=_FONT_SIZE,
                fillColor=_INK,
            )
        )
    return top - height


def _arrow(drawing: Drawing, x1: float, y1: float, x2: float, y2: float) -> None:
    drawing.add(Line(x1, y1, x2, y2, strokeColor=_INK, strokeWidth=0.7))
    size = 3.5
    if x1 == x2:
        sign = -1 if y2 < y1 else 1
        points = [x2, y2, x2 - size / 2, y2 - sign * size, x2 + size / 2, y2 - sign * size]
    else:
        sign = -1 if x2 < x1 else 1
        points = [x2, y2, x2 - sign * size, y2 - size / 2, x2 - sign * size, y2 + size / 2]
    drawing.add(Polygon(points, fillColor=_INK, strokeColor=_INK, strokeWidth=0.3))


def _box_height(box: FlowBox) -> float:
    return len(box.lines) * _LINE + 6


def consort_drawing(flow: ConsortFlow, width: float) -> Drawing:
    """The CONSORT diagram: boxes joined by arrows, the exclusions to the side."""
    register_fonts()
    gap = 9 * mm
    main_width = width * 0.42
    side_width = width * 0.52
    arms = max(len(flow.arms), 1)
    arm_width = (width - (arms - 1) * 6 * mm) / arms
    columns: list[list[FlowBox]] = [
        [_wrapped(box, arm_width) for box in column] for column in flow.arms
    ]
    for row in range(max((len(column) for column in columns), default=0)):
        # Boxes side by side are equally tall, so the arms' columns line up.
        tallest = max(len(column[row].lines) for column in columns if row < len(column))
        for column in columns:
            if row < len(column):
                padding = ("",) * (tallest - len(column[row].lines))
                column[row] = FlowBox(column[row].lines + padding)
    flow = ConsortFlow(
        _wrapped(flow.screened, main_width),
        _wrapped(flow.excluded, side_width),
        _wrapped(flow.randomized, main_width),
        tuple(tuple(column) for column in columns),
    )
    arm_height = max(
        (sum(_box_height(b) for b in column) + gap * (len(column) - 1) for column in flow.arms),
        default=0,
    )
    height = (
        _box_height(flow.screened)
        + max(_box_height(flow.excluded), gap)
        + gap
        + _box_height(flow.randomized)
        + gap
        + arm_height
        + 4
    )
    drawing = Drawing(width, height)
    centre = main_width / 2
    top = height - 2
    bottom = _box(drawing, 0, top, main_width, flow.screened)
    side_top = bottom - gap / 2
    side_bottom = _box(drawing, width - side_width, side_top, side_width, flow.excluded)
    branch_y = side_top - _box_height(flow.excluded) / 2
    drawing.add(Line(centre, bottom, centre, branch_y, strokeColor=_INK, strokeWidth=0.7))
    _arrow(drawing, centre, branch_y, width - side_width, branch_y)
    randomized_top = min(side_bottom, branch_y) - gap / 2
    _arrow(drawing, centre, branch_y, centre, randomized_top)
    bottom = _box(drawing, 0, randomized_top, main_width, flow.randomized)
    split_y = bottom - gap / 2
    drawing.add(Line(centre, bottom, centre, split_y, strokeColor=_INK, strokeWidth=0.7))
    columns_top = bottom - gap
    centres = [index * (arm_width + 6 * mm) + arm_width / 2 for index in range(arms)]
    drawing.add(
        Line(
            min(centres + [centre]),
            split_y,
            max(centres + [centre]),
            split_y,
            strokeColor=_INK,
            strokeWidth=0.7,
        )
    )
    for index, arm_boxes in enumerate(flow.arms):
        x = index * (arm_width + 6 * mm)
        _arrow(drawing, centres[index], split_y, centres[index], columns_top)
        y = columns_top
        for position, box in enumerate(arm_boxes):
            if position:
                _arrow(drawing, centres[index], y, centres[index], y - gap)
                y -= gap
            y = _box(drawing, x, y, arm_width, box)
    return drawing


def _step_points(curve: KaplanMeierCurve, x: float, y: float, w: float, h: float) -> list[float]:
    def px(day: float) -> float:
        return x + w * min(day, HORIZON_DAYS) / HORIZON_DAYS

    def py(survival: float) -> float:
        return y + h * survival

    points = [px(0), py(1.0)]
    level = 1.0
    for step in curve.steps:
        points += [px(step.time), py(level), px(step.time), py(step.survival)]
        level = step.survival
    end = max(curve.follow_up, default=0.0)
    points += [px(end), py(level)]
    return points


def kaplan_meier_drawing(
    curves: Sequence[KaplanMeierCurve],
    labels: Sequence[str],
    at_risk_days: Sequence[int],
    at_risk: Sequence[Sequence[int]],
    width: float,
) -> Drawing:
    """Survival to day 28 by arm, censoring ticks, a legend and the numbers at risk below."""
    register_fonts()
    left, right, plot_height = 22 * mm, 4 * mm, 62 * mm
    risk_rows = len(curves)
    below = 12 * mm + (risk_rows + 1) * _LINE
    height = plot_height + below + 8 * mm
    drawing = Drawing(width, height)
    x0, y0 = left, below
    w = width - left - right
    h = plot_height
    drawing.add(Line(x0, y0, x0 + w, y0, strokeColor=_INK, strokeWidth=0.6))
    drawing.add(Line(x0, y0, x0, y0 + h, strokeColor=_INK, strokeWidth=0.6))
    for tenth in range(0, 11, 2):
        ty = y0 + h * tenth / 10
        drawing.add(Line(x0 - 2, ty, x0, ty, strokeColor=_INK, strokeWidth=0.5))
        drawing.add(
            Line(x0, ty, x0 + w, ty, strokeColor=colors.Color(0.85, 0.85, 0.85), strokeWidth=0.3)
        )
        drawing.add(
            String(
                x0 - 3,
                ty - 2.5,
                f"{tenth * 10}",
                fontName=FAMILY,
                fontSize=_FONT_SIZE,
                textAnchor="end",
            )
        )
    for day in (0, 7, 14, 21, 28):
        tx = x0 + w * day / HORIZON_DAYS
        drawing.add(Line(tx, y0 - 2, tx, y0, strokeColor=_INK, strokeWidth=0.5))
        drawing.add(
            String(tx, y0 - 9, str(day), fontName=FAMILY, fontSize=_FONT_SIZE, textAnchor="middle")
        )
    drawing.add(
        String(
            x0 + w / 2,
            y0 - 17,
            "Сутки после рандомизации",
            fontName=FAMILY,
            fontSize=_FONT_SIZE,
            textAnchor="middle",
        )
    )
    drawing.add(String(4, y0 + h + 10, "Выживаемость, %", fontName=FAMILY, fontSize=_FONT_SIZE))
    for index, (curve, label) in enumerate(zip(curves, labels, strict=True)):
        stroke, dash, color = _ARM_STYLES[index % len(_ARM_STYLES)]
        line = PolyLine(_step_points(curve, x0, y0, w, h), strokeColor=color, strokeWidth=stroke)
        drawing.add(_dashed(line, dash))
        for censored in curve.censor_times:
            cx = x0 + w * min(censored, HORIZON_DAYS) / HORIZON_DAYS
            cy = y0 + h * curve.survival_at(censored)
            drawing.add(Line(cx, cy - 2.5, cx, cy + 2.5, strokeColor=color, strokeWidth=0.8))
        legend_y = y0 + 12 + index * _LINE
        legend_x = x0 + 6
        sample = Line(
            legend_x,
            legend_y + 2.5,
            legend_x + 16,
            legend_y + 2.5,
            strokeColor=color,
            strokeWidth=stroke,
        )
        drawing.add(_dashed(sample, dash))
        drawing.add(String(legend_x + 20, legend_y, label, fontName=FAMILY, fontSize=_FONT_SIZE))
    risk_top = y0 - 26
    drawing.add(String(0, risk_top, "Под наблюдением:", fontName=BOLD, fontSize=_FONT_SIZE))
    for row, (label, counts) in enumerate(zip(labels, at_risk, strict=True)):
        ry = risk_top - (row + 1) * _LINE
        drawing.add(String(0, ry, label, fontName=FAMILY, fontSize=_FONT_SIZE))
        for day, count in zip(at_risk_days, counts, strict=True):
            tx = x0 + w * min(day, HORIZON_DAYS) / HORIZON_DAYS
            drawing.add(
                String(
                    tx, ry, str(count), fontName=FAMILY, fontSize=_FONT_SIZE, textAnchor="middle"
                )
            )
    return drawing
