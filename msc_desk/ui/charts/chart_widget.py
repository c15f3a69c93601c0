"""A QPainter chart widget that records every text it draws, answers tooltips and saves PNGs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QImageWriter, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

# Okabe–Ito colours (safe for colour-blind readers), one per series.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
AXIS_COLOUR = QColor("#444444")
GRID_COLOUR = QColor("#e3e3e3")
MUTED_TEXT = QColor("#555555")


def series_colour(index: int) -> QColor:
    return QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)])


def format_number(value: float, decimals: int) -> str:
    """A number as the default locale writes it (decimal comma in Russian)."""
    return QLocale().toString(float(value), "f", decimals)


class ChartWidget(QWidget):
    """Base of the charts: subclasses paint in `paint_chart` and write text only via `text`.

    Every string drawn by the last paint (on screen or into a PNG) is kept in `drawn_texts`,
    so what a reader can see is checkable; `tooltip_at` gives the hover text.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts: list[str] = []
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    # --- for subclasses -------------------------------------------------------------------
    def paint_chart(self, painter: QPainter, area: QRectF) -> None:
        raise NotImplementedError

    def tooltip_at(self, point: QPointF) -> str:
        """The hover text at `point` (widget coordinates), or "" for none."""
        return ""

    def text(
        self,
        painter: QPainter,
        rect: QRectF,
        flags: Qt.AlignmentFlag | int,
        value: str,
        colour: QColor | None = None,
    ) -> QRectF:
        """Draw `value` in `rect` (recorded in `drawn_texts`); returns the bounding rectangle."""
        self._texts.append(value)
        painter.save()
        painter.setPen(QPen(colour if colour is not None else AXIS_COLOUR))
        bounds = painter.drawText(rect, int(flags), value)
        painter.restore()
        return bounds

    # --- public ---------------------------------------------------------------------------
    def drawn_texts(self) -> list[str]:
        """Every string the last paint drew, in order."""
        return list(self._texts)

    def render_image(self, size: QSize | None = None) -> QImage:
        """The chart painted on white at `size` (default: the widget's size)."""
        size = size if size is not None and not size.isEmpty() else self.size()
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setFont(self.font())
        self._paint(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        return image

    def save_png(self, path: str | Path, size: QSize | None = None) -> bool:
        """Save the chart as a PNG file; False when the file cannot be written."""
        writer = QImageWriter(str(path), QByteArray(b"png"))
        return writer.write(self.render_image(size))

    # --- Qt -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        self._paint(painter, QRectF(self.rect()))
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(QPointF(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _paint(self, painter: QPainter, area: QRectF) -> None:
        self._texts = []
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.paint_chart(painter, area)
