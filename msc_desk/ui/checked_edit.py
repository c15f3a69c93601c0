"""A line edit that checks what was typed and shows an error or a warning, and its label."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget


class Feedback(StrEnum):
    NONE = ""
    WARNING = "warning"
    ERROR = "error"


_FRAME = {
    Feedback.NONE: "",
    Feedback.WARNING: "QLineEdit { border: 2px solid #d08c00; background: #fff6dc; }",
    Feedback.ERROR: "QLineEdit { border: 2px solid #c62828; background: #fdecea; }",
}
_TEXT = {
    Feedback.NONE: "",
    Feedback.WARNING: "QLabel { color: #8a5a00; }",
    Feedback.ERROR: "QLabel { color: #b71c1c; }",
}


_DONE = "QLabel { color: #1b5e20; }"


class CheckedLineEdit(QLineEdit):
    """Base of the entry fields: a coloured frame and a tooltip say what is wrong.

    The check runs when editing finishes (Tab, Enter, focus out) or on `check()`; once a
    message shows, it is re-checked on every keystroke so that a correction clears it at once.
    Subclasses implement `assess()`.

    Signals:
        feedback_changed(str, str): the level ("", "warning", "error") and the message.
    """

    feedback_changed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._feedback = Feedback.NONE
        self._message = ""
        self._hint = ""
        self.editingFinished.connect(self.check)
        self.textChanged.connect(self._on_text_changed)

    def assess(self) -> tuple[Feedback, str]:
        """The level and message for the current text; overridden by every field."""
        return Feedback.NONE, ""

    def check(self) -> bool:
        """Show what is wrong with the text now; False when it is an error."""
        level, message = self.assess()
        self.show_feedback(level, message)
        return level is not Feedback.ERROR

    def feedback(self) -> Feedback:
        return self._feedback

    def message(self) -> str:
        return self._message

    def set_hint(self, hint: str) -> None:
        """A tooltip shown when nothing is wrong (e.g. the plausible range)."""
        self._hint = hint
        self._update_tooltip()

    def show_feedback(self, level: Feedback, message: str) -> None:
        """Show a message of a level (used by composites such as a date and time pair)."""
        if (level, message) == (self._feedback, self._message):
            return
        self._feedback, self._message = level, message
        self.setStyleSheet(_FRAME[level])
        self.setProperty("feedback", level.value)
        self._update_tooltip()
        self.feedback_changed.emit(level.value, message)

    def _update_tooltip(self) -> None:
        self.setToolTip("\n".join(part for part in (self._message, self._hint) if part))

    def _on_text_changed(self, _text: str) -> None:
        if self._feedback is not Feedback.NONE:
            self.check()


class FeedbackLabel(QLabel):
    """A small label under a field that shows its error or warning, hidden when all is well.

    Its height follows the width it is given (a wrapped QLabel in a form otherwise asks for
    the height of a narrow column and leaves a gap, or is cut when the form is narrow).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()

    def sizeHint(self) -> QSize:
        return self._fitted(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._fitted(super().minimumSizeHint())

    def _fitted(self, hint: QSize) -> QSize:
        if self.width() <= 0 or not self.wordWrap():
            return hint
        return QSize(hint.width(), self.heightForWidth(self.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()

    def watch(self, edit: CheckedLineEdit) -> None:
        """Follow the messages of a field."""
        edit.feedback_changed.connect(self._on_feedback_changed)

    def _on_feedback_changed(self, level: str, message: str) -> None:
        self.show_message(Feedback(level), message)

    def show_message(self, level: Feedback, message: str) -> None:
        """Show a message of a dialog's own (a refused request); an empty one hides the label."""
        self.setStyleSheet(_TEXT[level])
        self.setText(message)
        self.setVisible(bool(message))


def show_result(label: QLabel, text: str, *, ok: bool) -> None:
    """Show a service outcome in a dialog's message line (green done, red refused)."""
    label.setStyleSheet(_DONE if ok else _TEXT[Feedback.ERROR])
    label.setText(text)


def password_field(parent: QWidget) -> QLineEdit:
    """A line edit that hides what is typed."""
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit
