"""The dashboard's long tables: texts prepared beforehand, counts right-aligned, columns fit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from msc_desk.ui.trial.text_table import TextRows, TextTable, TextTableModel


def _rows() -> TextRows:
    return TextRows.of(
        [("MSC-001", "Rash", "3"), ("MSC-002", "Septic shock, refractory", "12 %")], 3
    )


def test_the_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = TextTableModel(["Patient", "Event", "Count"])
    model.set_rows(_rows())
    qtmodeltester.check(model)
    model.set_rows(TextRows.of([], 3))
    qtmodeltester.check(model)


def test_texts_and_alignment() -> None:
    model = TextTableModel(["Patient", "Event", "Count"])
    model.set_rows(_rows())
    assert model.rowCount() == 2 and model.columnCount() == 3
    assert model.index(1, 1).data() == "Septic shock, refractory"
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(1, 2).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None  # an id, not a count
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Event"
    assert model.longest == ("MSC-001", "Septic shock, refractory", "12 %")


def test_columns_fit_their_longest_text(qtbot: QtBot) -> None:
    table = TextTable(["Patient", "Event", "Count"])
    qtbot.addWidget(table)
    table.set_rows(_rows())
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    assert header.sectionSize(1) > metrics.horizontalAdvance("Septic shock, refractory")
    assert header.sectionSize(0) > metrics.horizontalAdvance("MSC-001")
    assert table.rowCount() == 2
    assert table.texts()[:3] == ["Patient", "Event", "Count"]
    assert "12 %" in table.texts()
