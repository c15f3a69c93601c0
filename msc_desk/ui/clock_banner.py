"""The clock set back: a banner in the main window and the time confirmation by an investigator."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.clock_guard import ClockConfirmationError, ClockStatus, confirm_clock
from msc_desk.timekeeping import Clock
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.labels import fill, format_moscow

BANNER_STYLE = (
    "QFrame#clockBanner { background: #fde2e1; border: 2px solid #b3261e; border-radius: 4px; }"
    " QLabel { color: #5c0f0a; }"
)
_CONFIRMATION = {
    "not_investigator": QT_TRANSLATE_NOOP(
        "ClockMessages", "Only an investigator may confirm the time."
    ),
    "no_user_keys": QT_TRANSLATE_NOOP(
        "ClockMessages",
        "First choose your own password: a password set by the administrator signs nothing.",
    ),
    "reason_required": QT_TRANSLATE_NOOP(
        "ClockMessages",
        "Enter the reason (up to 500 characters): how the time was checked, e.g. against the"
        " ward clock or a phone.",
    ),
}


def confirmation_error_text(error: ClockConfirmationError) -> str:
    source = _CONFIRMATION.get(error.code)
    text = error.code if source is None else str(source)
    return QCoreApplication.translate("ClockMessages", text)


def behind_text(status: ClockStatus) -> str:
    """How far the clock is behind the last instant seen, in words."""
    last = "" if status.last_seen is None else format_moscow(status.last_seen)
    if status.backward and status.behind_by is not None:
        minutes = int(status.behind_by.total_seconds() // 60)
        return fill(
            QCoreApplication.translate(
                "ClockMessages",
                "The laptop clock shows %1 MSK, %2 min earlier than the latest time already"
                " recorded (%3 MSK): it has been set back.",
            ),
            format_moscow(status.now),
            minutes,
            last,
        )
    return QCoreApplication.translate(
        "ClockMessages", "The laptop clock was set back, and the time has not been confirmed since."
    )


class ClockBanner(QFrame):
    """Shown above the patient list while randomization waits for a confirmed time.

    Signals:
        confirm_requested(): «Confirm the time…» was clicked (investigators only see it).
    """

    confirm_requested = Signal()

    def __init__(self, may_confirm: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clockBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("Confirm the time…"), self)
        self.confirm_button.setVisible(may_confirm)
        self.confirm_button.clicked.connect(self.confirm_requested)
        layout = QHBoxLayout(self)
        layout.addWidget(self.title, 1)
        layout.addWidget(self.confirm_button)
        self._may_confirm = may_confirm
        self.hide()

    def show_status(self, status: ClockStatus) -> None:
        if not status.unconfirmed:
            self.hide()
            return
        if self._may_confirm:
            tail = self.tr(
                "Randomization is blocked until an investigator checks the time and confirms it."
            )
        else:
            tail = self.tr(
                "Randomization is blocked until an investigator checks the time and confirms it"
                " (File → Confirm the time…). Tell the investigator."
            )
        self.title.setText(f"<b>{behind_text(status)}</b><br>{tail}")
        self.show()


class ConfirmClockDialog(QDialog):
    """The investigator states why the time now shown is right; signed and audited."""

    confirmed = Signal()

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        status: ClockStatus,
        data_dir: Path,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._data_dir, self._clock = factory, actor, data_dir, clock
        self.setWindowTitle(self.tr("Confirm the time"))
        explanation = QLabel(
            behind_text(status)
            + "\n\n"
            + fill(
                self.tr(
                    "Check the time against another clock. If %1 MSK is right now, confirm it"
                    " with a reason: the confirmation is signed with your key and recorded in"
                    " the audit trail, and randomization is allowed again. If the clock is wrong,"
                    " cancel, set the clock correctly and restart MSC Desk."
                ),
                format_moscow(clock()),
            ),
            self,
        )
        explanation.setWordWrap(True)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("e.g. checked against the ward clock"))
        self.reason_edit.setMaximumHeight(90)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Confirm"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(QLabel(self.tr("Reason:"), self))
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def submit(self) -> bool:
        try:
            confirm_clock(
                self._factory,
                self._actor,
                self.reason_edit.toPlainText(),
                data_dir=self._data_dir,
                clock=self._clock,
            )
        except ClockConfirmationError as exc:
            show_result(self.message, confirmation_error_text(exc), ok=False)
            return False
        self.confirmed.emit()
        self.accept()
        return True
