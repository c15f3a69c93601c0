"""The scrolling page of a visit form: every section and field of the day, from the catalogue."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from msc_desk.services.visit_entries import sections_for_day
from msc_desk.ui.visits.field_row import FieldRow


def build_page(
    study_day: int,
    language: str,
    default_weight: str,
    on_changed: Callable[[], None],
    parent: QWidget,
) -> tuple[QWidget, dict[str, FieldRow]]:
    """The page and its rows by field name; a computed field is read-only from the start."""
    page = QWidget(parent)
    rows: dict[str, FieldRow] = {}
    grid = QGridLayout(page)
    grid.setColumnStretch(1, 1)
    grid.setHorizontalSpacing(10)
    line = 0
    for section in sections_for_day(study_day):
        title = QLabel(section.title(language), page)
        title.setStyleSheet("QLabel { font-weight: bold; font-size: 13px; padding-top: 8px; }")
        grid.addWidget(title, line, 0, 1, 3)
        line += 1
        for item in section.fields:
            row = FieldRow(item, language, page)
            if item.computed:
                row.set_read_only()
                row.value_widget.setToolTip(
                    QCoreApplication.translate("VisitFormDialog", "Computed, never typed")
                )
            else:
                row.changed.connect(on_changed)
            row.default_weight = default_weight
            rows[item.name] = row
            grid.addWidget(row.label, line, 0)
            holder = QWidget(page)
            box = QHBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(row.value_widget)
            box.addWidget(row.unit)
            box.addStretch(1)
            grid.addWidget(holder, line, 1)
            grid.addWidget(row.detail, line + 1, 1, 1, 2)
            line += 2
    grid.setRowStretch(line, 1)
    return page, rows
