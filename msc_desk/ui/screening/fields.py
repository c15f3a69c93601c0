"""Building blocks of the wizard pages: a closed-question radio group, the page base, notes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QWidget,
    QWizardPage,
)

from msc_desk.ui.checked_edit import Feedback, FeedbackLabel

YES, NO, UNKNOWN = "yes", "no", "unknown"

NOTE_STYLE = "QLabel { color: #455a64; }"
ERROR_STYLE = (
    "QLabel { color: #b71c1c; background: #fdecea; border: 1px solid #e57373;"
    " border-radius: 4px; padding: 6px; }"
)
INFO_STYLE = (
    "QLabel { color: #1b5e20; background: #e8f5e9; border: 1px solid #81c784;"
    " border-radius: 4px; padding: 6px; }"
)


def yes_no_unknown_options() -> list[tuple[str, str]]:
    return [
        (YES, QCoreApplication.translate("ScreeningFields", "Yes")),
        (NO, QCoreApplication.translate("ScreeningFields", "No")),
        (UNKNOWN, QCoreApplication.translate("ScreeningFields", "Unknown")),
    ]


def as_flag(answer: object) -> bool | None:
    """Yes → True, no → False, unknown or no answer → None."""
    return {YES: True, NO: False}.get(answer) if isinstance(answer, str) else None


def note_label(text: str, parent: QWidget) -> QLabel:
    """A grey explanatory note that wraps."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


def message_label(parent: QWidget, style: str = ERROR_STYLE) -> QLabel:
    """A boxed message (an error by default), hidden until it has text."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class ChoiceGroup(QWidget):
    """Radio buttons for one closed question; nothing checked means not answered.

    Keyboard: Tab reaches the group, the arrow keys move between the answers, Space checks one.

    Signals:
        changed(): an answer was chosen or cleared.
    """

    changed = Signal()

    def __init__(self, options: Sequence[tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[Any, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        for value, text in options:
            button = QRadioButton(text, self)
            self.group.addButton(button)
            self.buttons[value] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.setFocusProxy(next(iter(self.buttons.values())))
        self.group.buttonToggled.connect(self._on_toggled)

    def value(self) -> Any:
        """The chosen answer, or None."""
        for value, button in self.buttons.items():
            if button.isChecked():
                return value
        return None

    def set_value(self, value: Any) -> None:
        """Check an answer; None clears the group."""
        if value is None:
            self.group.setExclusive(False)
            for button in self.buttons.values():
                button.setChecked(False)
            self.group.setExclusive(True)
            self.changed.emit()
        else:
            self.buttons[value].setChecked(True)

    def focus_button(self) -> QRadioButton:
        """The button that Tab would reach: the checked one, else the first."""
        checked = self.group.checkedButton()
        if isinstance(checked, QRadioButton):
            return checked
        return next(iter(self.buttons.values()))

    def _on_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self.setFocusProxy(self.focus_button())
            self.changed.emit()


Missing = list[tuple[QWidget, FeedbackLabel, str]]


def field_feedback(parent: QWidget) -> FeedbackLabel:
    """The message line under one field (a format error, or a required answer left empty)."""
    return FeedbackLabel(parent)


class ScreeningPage(QWizardPage):
    """A wizard page that contributes fields to the `ScreeningInput`.

    A required answer left empty is caught on its own page: the first «Next» shows what is
    missing under each such field and stays; a second «Next» goes on without it (it is then
    recorded as missing data, and the decision page says what it prevents).

    Signals:
        changed(): something on the page was edited.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._missing_shown: frozenset[QWidget] | None = None
        self._missing_labels: dict[FeedbackLabel, str] = {}
        self.changed.connect(self._clear_answered)

    def first_field(self) -> QWidget:
        """The widget that gets the focus when the page opens."""
        return self

    def collect(self) -> dict[str, Any]:
        """This page's `ScreeningInput` fields (None for what is not entered)."""
        return {}

    def check(self) -> bool:
        """Show what is wrong on the page; False keeps the wizard on it."""
        return True

    def missing(self) -> Missing:
        """Required answers left empty: the field, the label under it, and what to say."""
        return []

    def validatePage(self) -> bool:
        if not self.check():
            return False
        return self._missing_acknowledged()

    def _missing_acknowledged(self) -> bool:
        missing = self.missing()
        fields = frozenset(field for field, _label, _text in missing)
        if not missing or fields == self._missing_shown:
            return True
        again = QCoreApplication.translate(
            "ScreeningFields", "Press Next again to go on without it."
        )
        for _field, label, text in missing:
            self._missing_labels[label] = f"{text} {again}"
            label.show_message(Feedback.WARNING, self._missing_labels[label])
        self._missing_shown = fields
        missing[0][0].setFocus(Qt.FocusReason.OtherFocusReason)
        return False

    def _clear_answered(self) -> None:
        still = {label for _field, label, _text in self.missing()}
        for label, text in list(self._missing_labels.items()):
            if label not in still:
                if label.text() == text:  # not replaced by a message of the field itself
                    label.show_message(Feedback.NONE, "")
                del self._missing_labels[label]


def ask(parent: QWidget, title: str, text: str, yes_text: str, *, default_yes: bool) -> bool:
    """A modal yes/cancel question; True when the user chose `yes_text`."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton)
    box.setParent(parent, box.windowFlags())
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(
        QCoreApplication.translate("ScreeningFields", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(yes if default_yes else cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is yes
