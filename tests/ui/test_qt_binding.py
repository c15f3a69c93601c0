"""The installed Qt binding keeps None's reference count: a long session must not crash.

PySide6 6.12.0 on Python 3.11 returns None from void methods (setText, drawLine, update, ...)
without taking a reference, so every call drops one; after a few thousand calls Python aborts
with "deallocating None". Python 3.12+ makes None immortal and hides it; 3.11 does not.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_keep_none_alive(qapp: QApplication) -> None:
    label = QLabel()
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        before = sys.getrefcount(None)
        for _ in range(200):
            label.setText("x")
            painter.drawLine(QPointF(0, 0), QPointF(4, 4))
            painter.fillRect(0, 0, 2, 2, QColor("red"))
        after = sys.getrefcount(None)
    finally:
        painter.end()
    assert after >= before - 10  # a few references may come and go; 600 lost ones may not
