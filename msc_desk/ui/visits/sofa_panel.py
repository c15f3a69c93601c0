"""The live SOFA panel: each organ's points, the values it was scored from, and what is missing."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from msc_desk import catalogue
from msc_desk.catalogue.validation import Value
from msc_desk.services.visit_sofa import ORGANS, BedsideSofa
from msc_desk.ui.labels import format_moscow
from msc_desk.ui.visits.field_row import set_style, set_text

SOURCES_WIDTH = 380
_ORGAN_NAMES = {
    "respiration": QT_TRANSLATE_NOOP("SofaPanel", "Respiration"),
    "coagulation": QT_TRANSLATE_NOOP("SofaPanel", "Coagulation"),
    "liver": QT_TRANSLATE_NOOP("SofaPanel", "Liver"),
    "cardiovascular": QT_TRANSLATE_NOOP("SofaPanel", "Cardiovascular"),
    "cns": QT_TRANSLATE_NOOP("SofaPanel", "Central nervous system"),
    "renal": QT_TRANSLATE_NOOP("SofaPanel", "Kidneys"),
}


def organ_name(code: str) -> str:
    return QCoreApplication.translate("SofaPanel", str(_ORGAN_NAMES[code]))


def value_text(item: catalogue.Field, value: Value, language: str) -> str:
    """A value in words for the panel: number with its unit, choice label, yes/no."""
    if isinstance(value, bool):
        return catalogue.value_label(item, "true" if value else "false", language) or ""
    if isinstance(value, Decimal | int):
        number = format(round(Decimal(value), 3).normalize(), "f")
        if language == "ru":
            number = number.replace(".", ",")
        unit = item.unit_text(language)
        return f"{number} {unit}".strip()
    if isinstance(value, datetime):
        return format_moscow(value)
    return catalogue.value_label(item, str(value), language) or ""


class SofaPanel(QWidget):
    """Shows a `BedsideSofa`; it never holds a typed score, only what the form computes."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self.title = QLabel(self)
        self.title.setStyleSheet("QLabel { font-weight: bold; font-size: 14px; }")
        blocks = QVBoxLayout()
        blocks.setSpacing(2)
        self.points: dict[str, QLabel] = {}
        self.sources: dict[str, QLabel] = {}
        for organ, _fields in ORGANS:
            head = QHBoxLayout()
            name = QLabel(organ_name(organ), self)
            name.setStyleSheet("QLabel { font-weight: bold; }")
            points = QLabel(self)
            points.setStyleSheet("QLabel { font-weight: bold; }")
            head.addWidget(name)
            head.addStretch(1)
            head.addWidget(points)
            sources = QLabel(self)
            sources.setWordWrap(True)
            sources.setIndent(12)
            sources.setFixedWidth(SOURCES_WIDTH)  # a fixed width lets the wrapped text grow down
            blocks.addLayout(head)
            blocks.addWidget(sources)
            self.points[organ] = points
            self.sources[organ] = sources
        self.note = QLabel(self.tr("Computed from the form; never typed."), self)
        self.note.setStyleSheet("QLabel { color: #666; }")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(blocks)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def show_sofa(self, sofa: BedsideSofa) -> None:
        if sofa.total is not None:
            set_text(self.title, self.tr("SOFA: %1").replace("%1", str(sofa.total)))
        else:
            set_text(
                self.title,
                self.tr("SOFA: incomplete (%1 from the organs scored)").replace(
                    "%1", str(sofa.total_missing_as_normal)
                ),
            )
        for organ in sofa.organs:
            points = "—" if organ.points is None else str(organ.points)
            set_text(self.points[organ.organ], self.tr("points: %1").replace("%1", points))
            parts = [
                f"{catalogue.field(name).label(self._language)} "
                f"{value_text(catalogue.field(name), value, self._language)}"
                for name, value in organ.sources
            ]
            text = "; ".join(parts)
            if organ.missing:
                labels = ", ".join(
                    catalogue.field(name).label(self._language) for name in organ.missing
                )
                missing = self.tr("missing: %1").replace("%1", labels)
                text = f"{text}\n{missing}" if text else missing
            label = self.sources[organ.organ]
            if label.text() != text:
                label.setText(text)
                label.setMinimumHeight(max(0, label.heightForWidth(SOURCES_WIDTH)))
            colour = "#b71c1c" if organ.missing and organ.points is None else "#222"
            set_style(self.sources[organ.organ], f"QLabel {{ color: {colour}; }}")
