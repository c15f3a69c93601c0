"""Draw resources/icons/msc-desk.png and .ico: a stromal cell on a clinical-blue tile."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

SIZE = 256


def draw(size: int = SIZE) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scale = size / 256
    painter.scale(scale, scale)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#1f5f8b"))
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    # A spindle-shaped stromal cell with its nucleus.
    cell = QPainterPath()
    cell.moveTo(40, 150)
    cell.cubicTo(90, 70, 170, 60, 216, 106)
    cell.cubicTo(170, 150, 110, 190, 40, 150)
    painter.setBrush(QColor("#ffffff"))
    painter.drawPath(cell)
    painter.setBrush(QColor("#c0392b"))
    painter.drawEllipse(QPointF(134, 122), 24, 18)
    # A small cross: the clinic.
    painter.setPen(
        QPen(QBrush(QColor("#ffffff")), 14, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
    )
    painter.drawLine(QPointF(190, 178), QPointF(190, 226))
    painter.drawLine(QPointF(166, 202), QPointF(214, 202))
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    folder = Path(__file__).resolve().parents[1] / "resources" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    ok = draw().save(str(folder / "msc-desk.png"), "PNG")
    ok = draw(64).save(str(folder / "msc-desk.ico"), "ICO") and ok
    del app
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
