"""The Kaplan–Meier view: step geometry, texts, tooltips and PNGs, and no arm name when blinded."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from msc_desk.analysis.survival import SurvivalAnalysis, SurvivalRecord, analyse_survival
from msc_desk.ui.charts.km_view import KaplanMeierView

R = SurvivalRecord
ARM_WORDS = ("MSC", "МСК", "Control", "Контроль", "мезенх", "mesenchym", "стромал")


def _records(first: str, second: str) -> list[SurvivalRecord]:
    return [
        R(first, 2, True),
        R(first, 5, False),
        R(first, 28, False),
        R(first, 28, False),
        R(second, 7, True),
        R(second, 14, True),
        R(second, 28, False),
        R(second, 28, False),
    ]


def _view(qtbot: QtBot, analysis: SurvivalAnalysis) -> KaplanMeierView:
    view = KaplanMeierView()
    qtbot.addWidget(view)
    view.resize(1300, 600)
    view.show_analysis(analysis)
    return view


def _all_tooltips(view: KaplanMeierView) -> list[str]:
    plot = view.frame().plot
    tips = []
    for step in range(0, 57):
        x = plot.left() + plot.width() * step / 56
        tips.append(view.tooltip_at(QPointF(x, plot.center().y())))
    return tips


def _seen_text(view: KaplanMeierView, tmp_path: Path) -> str:
    view.grab()  # paints on screen
    on_screen = view.drawn_texts()
    assert view.save_png(tmp_path / "km.png")
    in_png = view.drawn_texts()
    return "\n".join([*on_screen, *in_png, *_all_tooltips(view)])


def test_blinded_labels_show_no_arm_name(qtbot: QtBot, tmp_path: Path) -> None:
    view = _view(qtbot, analyse_survival(_records("A", "B"), ["A", "B"]))
    seen = _seen_text(view, tmp_path)
    assert "A (n = 4)" in seen and "B (n = 4)" in seen
    for word in ARM_WORDS:
        assert word.lower() not in seen.lower()
    png = (tmp_path / "km.png").read_bytes()
    assert all(word.encode() not in png for word in ARM_WORDS)


def test_the_text_check_sees_arm_names_when_they_are_given(qtbot: QtBot, tmp_path: Path) -> None:
    view = _view(qtbot, analyse_survival(_records("МСК", "Контроль"), ["МСК", "Контроль"]))
    seen = _seen_text(view, tmp_path)
    assert "МСК" in seen and "Контроль" in seen
    assert any(tip.startswith("Day") and "МСК: survival" in tip for tip in _all_tooltips(view))


def test_texts_carry_the_counts_and_p_values(qtbot: QtBot) -> None:
    analysis = analyse_survival(_records("A", "B"), ["A", "B"])
    view = _view(qtbot, analysis)
    view.grab()
    texts = view.drawn_texts()
    assert "Died by day 28: 1 of 3 (33%)" in texts  # A: one death, one lost
    assert "Censored before day 28 (status not yet known): 1" in texts
    assert "Died by day 28: 2 of 4 (50%)" in texts
    assert f"p = {analysis.logrank_p:.3f}" in texts
    assert f"p = {analysis.fisher_p:.3f}" in texts
    # The number at risk at days 0, 7, 14, 21, 28, after each arm's label.
    first = texts.index("Number at risk")
    # A's times 2, 5, 28, 28; B's 7, 14, 28, 28.
    assert texts[first + 1 : first + 7] == ["A", "4", "2", "2", "2", "2"]
    assert texts[first + 7 : first + 13] == ["B", "4", "4", "3", "2", "2"]


def _pixel_is(image: QImage, x: float, y: float, colour: str, reach_x: int = 1) -> bool:
    """Whether any pixel within 1 px (`reach_x` across) of (x, y) has the series colour."""
    wanted = QColor(colour)
    for dx in range(-reach_x, reach_x + 1):
        for dy in (-1, 0, 1):
            got = image.pixelColor(round(x) + dx, round(y) + dy)
            if max(abs(got.red() - wanted.red()), abs(got.green() - wanted.green())) < 40 and (
                abs(got.blue() - wanted.blue()) < 40
            ):
                return True
    return False


def test_steps_are_drawn_at_day_and_survival(qtbot: QtBot) -> None:
    view = _view(qtbot, analyse_survival(_records("A", "B"), ["A", "B"]))
    frame = view.frame()
    plot = frame.plot
    # The mapping: day 0 at the left edge, 28 at the right; survival 1 at the top, 0 at the bottom.
    assert frame.x_for_day(0) == plot.left() and frame.x_for_day(28) == plot.right()
    assert frame.x_for_day(14) == pytest.approx(plot.left() + plot.width() / 2)
    assert frame.y_for_survival(1) == pytest.approx(plot.top())
    assert frame.y_for_survival(0) == pytest.approx(plot.bottom())
    assert frame.y_for_survival(0.75) == pytest.approx(plot.bottom() - 0.75 * plot.height())
    image = view.render_image(QSize(1300, 600))
    blue = "#0072B2"  # the first arm (A): 1 until day 2, then 0.75 (one death of four)
    orange = "#D55E00"  # the second (B, dashed): 1 until day 7, 0.75 to day 14, then 0.5
    assert _pixel_is(image, frame.x_for_day(4), frame.y_for_survival(1.0), orange, reach_x=8)
    assert _pixel_is(image, frame.x_for_day(10), frame.y_for_survival(0.75), orange, reach_x=8)
    assert _pixel_is(image, frame.x_for_day(20), frame.y_for_survival(0.5), orange, reach_x=8)
    assert not _pixel_is(image, frame.x_for_day(20), frame.y_for_survival(0.75), orange, 8)
    assert _pixel_is(image, frame.x_for_day(2), frame.y_for_survival(0.875), blue)  # the drop
    assert _pixel_is(image, frame.x_for_day(20), frame.y_for_survival(0.75), blue)
    assert not _pixel_is(image, frame.x_for_day(20), frame.y_for_survival(1.0), blue)
    # the censoring tick on day 5, at S = 0.75, reaches above and below the line
    assert _pixel_is(image, frame.x_for_day(5), frame.y_for_survival(0.75) - 4, blue)
    assert not _pixel_is(image, frame.x_for_day(4), frame.y_for_survival(0.75) - 4, blue)


def test_the_frame_follows_the_size_of_a_saved_png(qtbot: QtBot, tmp_path: Path) -> None:
    view = _view(qtbot, analyse_survival(_records("A", "B"), ["A", "B"]))
    path = tmp_path / "report.png"
    assert view.save_png(path, QSize(2000, 1000))
    assert QImage(str(path)).size() == QSize(2000, 1000)
    wide = view.frame(QRectF(0, 0, 2000, 1000))
    assert wide.plot.width() > view.frame().plot.width()


def test_tooltip_gives_survival_and_at_risk_at_the_hovered_day(qtbot: QtBot) -> None:
    view = _view(qtbot, analyse_survival(_records("A", "B"), ["A", "B"]))
    frame = view.frame()
    tip = view.tooltip_at(QPointF(frame.x_for_day(6), frame.plot.center().y()))
    lines = tip.split("\n")
    assert lines[0] == "Day 6.0"
    assert lines[1].startswith("A: survival 75% (95% CI ") and lines[1].endswith("at risk 2")
    assert lines[2] == "B: survival 100%, at risk 4"  # no interval while the estimate is 1
    tip = view.tooltip_at(QPointF(frame.x_for_day(20), frame.plot.center().y()))
    assert tip.split("\n")[2].startswith("B: survival 50% (95% CI ")
    assert view.tooltip_at(QPointF(2, 2)) == ""


def test_no_patients_is_said(qtbot: QtBot) -> None:
    view = _view(qtbot, analyse_survival([], ["A", "B"]))
    view.grab()
    assert "No randomized patients" in view.drawn_texts()
    view.show_analysis(None)
    view.grab()
    assert "No randomized patients" in view.drawn_texts()


@pytest.mark.usefixtures("russian")
def test_russian_wording_and_decimal_comma(qtbot: QtBot) -> None:
    analysis = analyse_survival(_records("A", "B"), ["A", "B"])
    view = _view(qtbot, analysis)
    view.grab()
    texts = view.drawn_texts()
    assert "Выживаемость, %" in texts
    assert "Сутки после рандомизации" in texts
    assert "Число пациентов под наблюдением" in texts
    assert "Умерли к 28-м суткам: 1 из 3 (33%)" in texts
    assert f"p = {analysis.logrank_p:.3f}".replace(".", ",") in texts
    frame = view.frame()
    tip = view.tooltip_at(QPointF(frame.x_for_day(6), frame.plot.center().y()))
    assert tip.split("\n")[0] == "Сутки 6,0"


def test_a_tooltip_event_shows_the_hover_text(qtbot: QtBot) -> None:
    view = _view(qtbot, analyse_survival(_records("A", "B"), ["A", "B"]))
    view.show()
    qtbot.waitExposed(view)
    frame = view.frame()
    point = QPoint(round(frame.x_for_day(6)), round(frame.plot.center().y()))
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.mapToGlobal(point))
    QApplication.sendEvent(view, event)
    assert QToolTip.text() == view.tooltip_at(point.toPointF())
    assert QToolTip.text().startswith("Day 6.0")
    QToolTip.hideText()
