"""Russian-locale entry fields: decimal comma or point, dd.MM.yyyy dates, 24-hour Moscow times."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from msc_desk.timekeeping import MOSCOW, to_moscow
from msc_desk.ui.checked_edit import CheckedLineEdit, Feedback
from msc_desk.ui.labels import fill, format_decimal

_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
_DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")
_TIME = re.compile(r"(\d{2}):(\d{2})")


def apply_locale() -> None:
    """Make Russian (Russia) the default locale: decimal comma, dd.MM.yyyy, 24-hour clock."""
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))


def parse_decimal(text: str) -> Decimal | None:
    """Read a number typed with a decimal comma or point; empty text is None.

    Raises:
        ValueError: the text is not a plain decimal number.
    """
    cleaned = text.strip().replace("\u2212", "-")
    for space in (" ", "\u00a0", "\u202f"):
        cleaned = cleaned.replace(space, "")
    if not cleaned:
        return None
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"not a number: {text!r}")
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(f"not a number: {text!r}") from exc


class DecimalLineEdit(CheckedLineEdit):
    """A number field: comma or point, a hard possible range, a soft plausible range.

    Args:
        minimum: the lowest possible value (below it is refused), or None.
        maximum: the highest possible value (above it is refused), or None.
        plausible: (low, high) outside which the value is accepted with a warning, or None.
        decimals: the most digits allowed after the decimal separator, or None.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        minimum: Decimal | None = None,
        maximum: Decimal | None = None,
        plausible: tuple[Decimal, Decimal] | None = None,
        decimals: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._minimum, self._maximum = minimum, maximum
        self._plausible, self._decimals = plausible, decimals
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        self.setMaxLength(24)
        if plausible is not None:
            low, high = (format_decimal(bound) for bound in plausible)
            self.set_hint(fill(self.tr("Usual range: %1–%2"), low, high))

    def value(self) -> Decimal | None:
        """The number typed, or None when the field is empty or holds an error."""
        if self.assess()[0] is Feedback.ERROR:
            return None
        return parse_decimal(self.text())

    def set_value(self, value: Decimal | None) -> None:
        self.setText("" if value is None else format_decimal(value))
        self.check()

    def assess(self) -> tuple[Feedback, str]:
        try:
            value = parse_decimal(self.text())
        except ValueError:
            return Feedback.ERROR, self.tr("Enter a number, e.g. 36.6")
        if value is None:
            return Feedback.NONE, ""
        exponent = value.as_tuple().exponent
        if self._decimals is not None and isinstance(exponent, int) and -exponent > self._decimals:
            return Feedback.ERROR, self.tr(
                "At most %n digit(s) after the decimal point", "", self._decimals
            )
        refusal = self._range_error(value)
        if refusal:
            return Feedback.ERROR, refusal
        if self._plausible is not None and not self._plausible[0] <= value <= self._plausible[1]:
            low, high = (format_decimal(bound) for bound in self._plausible)
            message = self.tr("Unusual value (usually %1–%2): please check")
            return Feedback.WARNING, fill(message, low, high)
        return Feedback.NONE, ""

    def _range_error(self, value: Decimal) -> str:
        low, high = self._minimum, self._maximum
        if (low is None or value >= low) and (high is None or value <= high):
            return ""
        if low is not None and high is not None:
            message = self.tr("Impossible value: must be from %1 to %2")
            return fill(message, format_decimal(low), format_decimal(high))
        if low is not None:
            return fill(self.tr("Impossible value: must be at least %1"), format_decimal(low))
        return fill(self.tr("Impossible value: must be at most %1"), format_decimal(high))


class DateEdit(CheckedLineEdit):
    """A date typed as dd.MM.yyyy (digits only, the dots are there); empty is None."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        minimum: date | None = None,
        maximum: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._minimum, self._maximum = minimum, maximum
        self.setInputMask("00.00.0000;_")
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("00.00.00000") + 16)
        self.set_hint(self.tr("Date as dd.mm.yyyy"))

    def value(self) -> date | None:
        """The date typed, or None when empty or not a date."""
        if self.assess()[0] is Feedback.ERROR:
            return None
        match = _DATE.fullmatch(self.text())
        return None if match is None else _to_date(match)

    def set_value(self, value: date | None) -> None:
        self.setText("" if value is None else value.strftime("%d.%m.%Y"))
        self.check()

    def is_empty(self) -> bool:
        return not any(char.isdigit() for char in self.text())

    def assess(self) -> tuple[Feedback, str]:
        if self.is_empty():
            return Feedback.NONE, ""
        match = _DATE.fullmatch(self.text())
        if match is None:
            return Feedback.ERROR, self.tr("Enter the date as dd.mm.yyyy")
        value = _to_date(match)
        if value is None:
            return Feedback.ERROR, self.tr("There is no such date")
        if (self._minimum and value < self._minimum) or (self._maximum and value > self._maximum):
            low = self._minimum.strftime("%d.%m.%Y") if self._minimum else "…"
            high = self._maximum.strftime("%d.%m.%Y") if self._maximum else "…"
            message = self.tr("The date must be from %1 to %2")
            return Feedback.ERROR, fill(message, low, high)
        return Feedback.NONE, ""


def _to_date(match: re.Match[str]) -> date | None:
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


class TimeEdit(CheckedLineEdit):
    """A 24-hour time typed as HH:mm; empty is None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setInputMask("00:00;_")
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("00:000") + 16)
        self.set_hint(self.tr("Time as HH:mm, 24-hour"))

    def value(self) -> time | None:
        """The time typed, or None when empty or not a time."""
        if self.assess()[0] is Feedback.ERROR:
            return None
        match = _TIME.fullmatch(self.text())
        return None if match is None else time(int(match[1]), int(match[2]))

    def set_value(self, value: time | None) -> None:
        self.setText("" if value is None else value.strftime("%H:%M"))
        self.check()

    def is_empty(self) -> bool:
        return not any(char.isdigit() for char in self.text())

    def assess(self) -> tuple[Feedback, str]:
        if self.is_empty():
            return Feedback.NONE, ""
        match = _TIME.fullmatch(self.text())
        if match is None or int(match[1]) > 23 or int(match[2]) > 59:
            return Feedback.ERROR, self.tr("Enter the time as HH:mm, from 00:00 to 23:59")
        return Feedback.NONE, ""


class DateTimeInput(QWidget):
    """A Moscow date and time pair; its value is an aware datetime in Europe/Moscow, or None.

    Signals:
        feedback_changed(str, str): the level and message of the pair's current problem.
    """

    feedback_changed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_edit = DateEdit(self)
        self.time_edit = TimeEdit(self)
        zone = QLabel(self.tr("MSK"), self)
        zone.setToolTip(self.tr("Moscow time (UTC+3)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.date_edit)
        layout.addWidget(self.time_edit)
        layout.addWidget(zone)
        layout.addStretch(1)
        self.setFocusProxy(self.date_edit)
        for edit in (self.date_edit, self.time_edit):
            edit.feedback_changed.connect(self.feedback_changed)
        self.time_edit.editingFinished.connect(self.check)

    def value(self) -> datetime | None:
        """The instant entered, on the Moscow clock, or None when incomplete or wrong."""
        day, moment = self.date_edit.value(), self.time_edit.value()
        if day is None or moment is None:
            return None
        return datetime.combine(day, moment, tzinfo=MOSCOW)

    def set_value(self, value: datetime | None) -> None:
        """Show an instant (any zone) on the Moscow clock; None empties both fields."""
        local = None if value is None else to_moscow(value)
        self.date_edit.set_value(None if local is None else local.date())
        self.time_edit.set_value(None if local is None else local.time())

    def check(self) -> bool:
        """Show what is wrong; False when the pair is wrong or only half filled."""
        valid = self.date_edit.check() & self.time_edit.check()
        if not valid:
            return False
        if self.date_edit.is_empty() != self.time_edit.is_empty():
            if self.time_edit.is_empty():
                self.time_edit.show_feedback(Feedback.ERROR, self.tr("Enter the time as well"))
            else:
                self.date_edit.show_feedback(Feedback.ERROR, self.tr("Enter the date as well"))
            return False
        return True
