"""Russian-locale entry: decimal comma and point, hard and soft ranges, dates, 24-hour times."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from msc_desk.timekeeping import MOSCOW
from msc_desk.ui.checked_edit import Feedback, FeedbackLabel
from msc_desk.ui.locale_input import (
    DateEdit,
    DateTimeInput,
    DecimalLineEdit,
    TimeEdit,
    apply_locale,
    parse_decimal,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("36,6", Decimal("36.6")),
        ("36.6", Decimal("36.6")),
        (" 36,6 ", Decimal("36.6")),
        ("0,28", Decimal("0.28")),
        (",5", Decimal("0.5")),
        ("-1,5", Decimal("-1.5")),
        ("\u22122", Decimal("-2")),
        ("1 000", Decimal("1000")),
        ("120", Decimal("120")),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_decimal_accepts_comma_and_point(text: str, expected: Decimal | None) -> None:
    assert parse_decimal(text) == expected


@pytest.mark.parametrize("text", ["abc", "36,6,1", "36.6.1", "1e5", "--1", "36,6 °C", "NaN", "."])
def test_parse_decimal_refuses_garbage(text: str) -> None:
    with pytest.raises(ValueError):
        parse_decimal(text)


def _decimal_edit(qtbot: QtBot, **kwargs: Any) -> DecimalLineEdit:
    edit = DecimalLineEdit(**kwargs)
    qtbot.addWidget(edit)
    return edit


def test_decimal_edit_reads_what_was_typed(qtbot: QtBot) -> None:
    edit = _decimal_edit(qtbot)
    qtbot.keyClicks(edit, "36,6")
    assert edit.value() == Decimal("36.6")
    edit.clear()
    qtbot.keyClicks(edit, "36.6")
    assert edit.value() == Decimal("36.6")
    edit.clear()
    assert edit.value() is None
    assert edit.check()


def test_garbage_shows_an_error_and_gives_none(qtbot: QtBot) -> None:
    edit = _decimal_edit(qtbot)
    label = FeedbackLabel()
    qtbot.addWidget(label)
    label.watch(edit)
    qtbot.keyClicks(edit, "36,6x")
    with qtbot.waitSignal(edit.feedback_changed):
        edit.editingFinished.emit()
    assert edit.value() is None
    assert edit.feedback() is Feedback.ERROR
    assert edit.message() and edit.message() in edit.toolTip()
    assert not label.isHidden() and label.text() == edit.message()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)  # the correction clears the error at once
    assert edit.feedback() is Feedback.NONE
    assert label.isHidden()
    assert edit.value() == Decimal("36.6")


def test_hard_range_refuses_and_soft_range_warns(qtbot: QtBot) -> None:
    edit = _decimal_edit(
        qtbot,
        minimum=Decimal(25),
        maximum=Decimal(45),
        plausible=(Decimal(35), Decimal("41.5")),
        decimals=1,
    )
    edit.setText("50")
    assert not edit.check()
    assert edit.value() is None
    assert "25" in edit.message() and "45" in edit.message()
    edit.setText("42,0")
    assert edit.check()
    assert edit.feedback() is Feedback.WARNING
    assert edit.value() == Decimal("42.0")
    edit.setText("36,66")
    assert not edit.check()
    edit.setText("36,6")
    assert edit.check() and edit.feedback() is Feedback.NONE


@pytest.mark.usefixtures("russian")
def test_errors_read_in_russian_with_a_decimal_comma(qtbot: QtBot) -> None:
    edit = _decimal_edit(qtbot, minimum=Decimal("0.5"), maximum=Decimal("45"), decimals=1)
    edit.setText("абв")
    edit.check()
    assert edit.message() == "Введите число, например 36,6"
    edit.setText("0,1")
    edit.check()
    assert edit.message() == "Невозможное значение: допустимо от 0,5 до 45"
    edit.setText("1,25")
    edit.check()
    assert edit.message() == "Не более 1 знака после запятой"
    edit.set_value(Decimal("36.6"))
    assert edit.text() == "36,6"


def test_date_round_trips_as_dd_mm_yyyy(qtbot: QtBot) -> None:
    edit = DateEdit(maximum=date(2026, 12, 31))
    qtbot.addWidget(edit)
    edit.set_value(date(2026, 3, 5))
    assert edit.text() == "05.03.2026"
    assert edit.value() == date(2026, 3, 5)
    edit.clear()
    edit.setCursorPosition(0)
    qtbot.keyClicks(edit, "24112026")
    assert edit.text() == "24.11.2026"
    assert edit.value() == date(2026, 11, 24)
    edit.set_value(None)
    assert edit.value() is None and edit.check()


@pytest.mark.parametrize("typed", ["31022026", "2411", "00012026", "01132026", "01012027"])
def test_impossible_or_partial_dates_are_errors(qtbot: QtBot, typed: str) -> None:
    edit = DateEdit(maximum=date(2026, 12, 31))
    qtbot.addWidget(edit)
    edit.setCursorPosition(0)
    qtbot.keyClicks(edit, typed)
    assert not edit.check()
    assert edit.value() is None
    assert edit.message()


def test_time_is_24_hour(qtbot: QtBot) -> None:
    edit = TimeEdit()
    qtbot.addWidget(edit)
    edit.setCursorPosition(0)
    qtbot.keyClicks(edit, "2145")
    assert edit.value() == time(21, 45)
    edit.set_value(time(7, 5))
    assert edit.text() == "07:05"
    for typed in ("2400", "1960", "7"):
        edit.clear()
        edit.setCursorPosition(0)
        qtbot.keyClicks(edit, typed)
        assert not edit.check(), typed
        assert edit.value() is None


def test_date_time_input_gives_an_aware_moscow_instant(qtbot: QtBot) -> None:
    field = DateTimeInput()
    qtbot.addWidget(field)
    assert field.value() is None and field.check()
    field.date_edit.set_value(date(2026, 11, 24))
    field.time_edit.set_value(time(3, 40))
    value = field.value()
    assert value == datetime(2026, 11, 24, 3, 40, tzinfo=MOSCOW)
    assert value is not None and value.utcoffset() == timedelta(hours=3)
    assert value.astimezone(UTC) == datetime(2026, 11, 24, 0, 40, tzinfo=UTC)
    field.set_value(datetime(2026, 11, 23, 22, 15, tzinfo=UTC))  # shown on the Moscow clock
    assert (field.date_edit.text(), field.time_edit.text()) == ("24.11.2026", "01:15")
    field.set_value(None)
    assert field.value() is None


def test_a_half_filled_date_time_is_an_error(qtbot: QtBot) -> None:
    field = DateTimeInput()
    qtbot.addWidget(field)
    field.date_edit.set_value(date(2026, 11, 24))
    assert not field.check()
    assert field.value() is None
    assert field.time_edit.feedback() is Feedback.ERROR


def _dialog(qtbot: QtBot) -> tuple[QDialog, list[QWidget]]:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    fields: list[QWidget] = [DecimalLineEdit(dialog), DateTimeInput(dialog), QLineEdit(dialog)]
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for widget in [*fields, buttons]:
        layout.addWidget(widget)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog, fields


def test_tab_moves_on_through_date_and_time(qtbot: QtBot) -> None:
    dialog, (number, moment, after) = _dialog(qtbot)
    assert isinstance(number, DecimalLineEdit) and isinstance(moment, DateTimeInput)
    number.setFocus()
    qtbot.keyClicks(number, "36,6")
    qtbot.keyClick(number, Qt.Key.Key_Tab)
    assert moment.date_edit.hasFocus()
    qtbot.keyClicks(moment.date_edit, "24112026")
    qtbot.keyClick(moment.date_edit, Qt.Key.Key_Tab)
    assert moment.time_edit.hasFocus()
    qtbot.keyClicks(moment.time_edit, "0340")
    qtbot.keyClick(moment.time_edit, Qt.Key.Key_Tab)
    assert after.hasFocus()
    assert moment.value() == datetime(2026, 11, 24, 3, 40, tzinfo=MOSCOW)
    assert dialog.isVisible()


def test_enter_accepts_the_dialog(qtbot: QtBot) -> None:
    dialog, (number, moment, _after) = _dialog(qtbot)
    assert isinstance(moment, DateTimeInput)
    moment.date_edit.setFocus()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(moment.date_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog2, (number2, _m, _a) = _dialog(qtbot)
    number2.setFocus()
    with qtbot.waitSignal(dialog2.accepted):
        qtbot.keyClick(number2, Qt.Key.Key_Enter)


def test_apply_locale_makes_russian_the_default() -> None:
    previous = QLocale()
    try:
        apply_locale()
        assert QLocale().decimalPoint() == ","
        assert QLocale().language() is QLocale.Language.Russian
    finally:
        QLocale.setDefault(previous)
