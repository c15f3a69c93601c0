"""A visit form's fields in one grid, drawn from the catalogue: at once or a slice at a time."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from msc_desk.catalogue import Field, Section
from msc_desk.services.visit_entries import sections_for_day
from msc_desk.ui.visits.field_row import FieldRow

_TITLE_STYLE = "QLabel { font-weight: bold; font-size: 13px; padding-top: 8px; }"


class FormPage(QWidget):
    """Every section and field of the visit, iterated from the catalogue, in a grid.

    `build(budget_ms)` adds titles and fields until the budget is spent (None: all of them),
    so that a dialog already on screen can add the rest between events.
    """

    def __init__(
        self,
        study_day: int,
        language: str,
        make_row: Callable[[Field, QWidget], FieldRow],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._make_row = make_row
        self._grid = QGridLayout(self)
        self._grid.setColumnStretch(1, 1)
        self._grid.setHorizontalSpacing(10)
        self._line = 0
        self._pending: deque[Section | Field] = deque()
        for section in sections_for_day(study_day):
            self._pending.append(section)
            self._pending.extend(section.fields)
        self.rows: dict[str, FieldRow] = {}

    @property
    def complete(self) -> bool:
        return not self._pending

    def build(self, budget_ms: float | None = None) -> bool:
        """Add what is pending, within `budget_ms` (at least one item); True once complete."""
        started = time.perf_counter()
        while self._pending:
            item = self._pending.popleft()
            if isinstance(item, Section):
                self._add_title(item)
            else:
                self._add_row(item)
            if budget_ms is not None and (time.perf_counter() - started) * 1000 >= budget_ms:
                break
        if not self._pending:
            self._grid.setRowStretch(self._line, 1)
        return self.complete

    def _add_title(self, section: Section) -> None:
        title = QLabel(section.title(self._language), self)
        title.setStyleSheet(_TITLE_STYLE)
        self._grid.addWidget(title, self._line, 0, 1, 3)
        self._line += 1

    def _add_row(self, item: Field) -> None:
        row = self._make_row(item, self)
        self.rows[item.name] = row
        self._grid.addWidget(row.label, self._line, 0)
        holder = QWidget(self)
        box = QHBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(row.value_widget)
        box.addWidget(row.unit)
        box.addStretch(1)
        self._grid.addWidget(holder, self._line, 1)
        self._grid.addWidget(row.detail, self._line + 1, 1, 1, 2)
        self._line += 2
