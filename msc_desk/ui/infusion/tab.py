"""The «Infusion» tab of an MSC-arm patient: the deadline, the infusion days and their steps."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.security.policy import InputRefused
from msc_desk.services.actor import Actor
from msc_desk.services.adverse_events import list_adverse_events
from msc_desk.services.infusion_sheet import (
    InfusionLine,
    first_infusion_started,
    patient_infusions,
    print_infusion_sheet,
)
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.protocol_deadline import (
    ClockReading,
    ClockState,
    format_duration,
    preparation_delta,
    read_clock,
)
from msc_desk.services.settings import CELL_PREPARATION_HOURS, site_settings
from msc_desk.timekeeping import Clock, to_moscow
from msc_desk.ui.follow_up.adverse_event_dialog import AdverseEventDialog
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.infusion.calculator_dialog import DoseCalculatorDialog
from msc_desk.ui.infusion.check_dialog import SecondCheckDialog
from msc_desk.ui.infusion.messages import infusion_message
from msc_desk.ui.infusion.record_dialog import AdministrationDialog
from msc_desk.ui.labels import DASH, fill, format_decimal, format_moscow
from msc_desk.ui.patient_parts import InfusionRead

_COLOURS = {
    ClockState.NORMAL: ("#eceff1", "#263238"),
    ClockState.AMBER: ("#fff3cd", "#6d4500"),
    ClockState.RED: ("#fdecea", "#b71c1c"),
    ClockState.EXPIRED: ("#c62828", "#ffffff"),
}


class InfusionDeadline(QFrame):
    """Time left to 10 h from shock onset for the MSC infusion, until the infusion starts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("InfusionDeadline")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.label.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label)
        self.reading = ClockReading(ClockState.NO_ONSET)
        self._preparation_hours = Decimal(0)

    def show_reading(self, reading: ClockReading, preparation_hours: Decimal) -> None:
        self.reading, self._preparation_hours = reading, preparation_hours
        self.setProperty("clock_state", reading.state.value)
        background, text = _COLOURS.get(reading.state, _COLOURS[ClockState.NORMAL])
        self.setStyleSheet(
            f"QFrame#InfusionDeadline {{ background: {background}; border-radius: 4px; }}"
            f" QLabel {{ color: {text}; }}"
        )
        self.label.setText(self._text(reading))

    def _text(self, reading: ClockReading) -> str:
        if reading.state is ClockState.EXPIRED:
            return self.tr(
                "10 hours since shock onset have passed: the infusion is a protocol deviation."
            )
        if reading.deadline is None or reading.left is None:
            return self.tr("Shock onset unknown: no infusion deadline.")
        text = fill(
            self.tr("MSC infusion: %1 left (limit %2 MSK)."),
            format_duration(reading.left),
            to_moscow(reading.deadline).strftime("%H:%M, %d.%m"),
        )
        if reading.state is ClockState.RED:
            text += " " + fill(
                self.tr("Less time left than the cells need to be prepared (%1 h)."),
                format_decimal(self._preparation_hours.normalize()),
            )
        elif reading.state is ClockState.AMBER:
            text += " " + self.tr("Less than 2 hours left.")
        return text


class InfusionTab(QWidget):
    """Prescribe, check, record and print each infusion day of one MSC-arm patient.

    Signals:
        adverse_events_changed(): a reaction opened adverse events, or one was completed.
    """

    adverse_events_changed = Signal()

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        clock: Clock,
        data_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock, self._data_dir = factory, actor, clock, data_dir
        self._patient_id: int | None = None
        self._study_id = ""
        self._onset: datetime | None = None
        self.lines: list[InfusionLine] = []
        self.last_pdf: Path | None = None
        self.event_dialog: AdverseEventDialog | None = None
        self._pending_events: list[int] = []
        self._recorded_events: tuple[int, ...] = ()
        self._preparation_hours = site_settings(factory)[CELL_PREPARATION_HOURS]
        self.deadline = InfusionDeadline(self)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Day"),
                self.tr("Lot"),
                self.tr("Dose, million/kg"),
                self.tr("Volume, mL"),
                self.tr("Second check"),
                self.tr("Started (MSK)"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.prescribe_button = QPushButton(self.tr("Dose calculator…"), self)
        self.check_button = QPushButton(self.tr("Second check…"), self)
        self.record_button = QPushButton(self.tr("Record administration…"), self)
        self.sheet_button = QPushButton(self.tr("Bedside sheet (PDF)"), self)
        self.prescribe_button.clicked.connect(self.open_calculator)
        self.check_button.clicked.connect(self.open_check)
        self.record_button.clicked.connect(self.open_record)
        self.sheet_button.clicked.connect(self.open_sheet)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (
            self.prescribe_button,
            self.check_button,
            self.record_button,
            self.sheet_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.deadline)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)

    @property
    def factory(self) -> SessionFactory:
        return self._factory

    @property
    def actor(self) -> Actor:
        return self._actor

    def show_patient(
        self,
        patient_id: int,
        study_id: str,
        onset: datetime | None,
        read: InfusionRead | Exception | None = None,
    ) -> None:
        """Show a patient's infusions: `read` already read off the GUI thread, or read now."""
        if patient_id != self._patient_id:
            self.message.clear()
        self._patient_id, self._study_id, self._onset = patient_id, study_id, onset
        if read is None:
            self.reload()
        else:
            self.show_read(read)

    def reload(self) -> None:
        if self._patient_id is None:
            return
        lines = patient_infusions(self._factory, self._actor, self._patient_id, self._clock)
        self.show_read(InfusionRead(lines, first_infusion_started(self._factory, self._patient_id)))

    def show_read(self, read: InfusionRead | Exception) -> None:
        """Fill the tab from what was read, or say why it could not be read."""
        if isinstance(read, Exception):
            self.lines = []
            self.table.setRowCount(0)
            self.timer.stop()
            self.deadline.setVisible(False)
            self._update_buttons()
            self.message.setText(infusion_message(read))
            return
        self.lines = read.lines
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            cells = (
                str(line.infusion_day),
                line.product_lot,
                format_decimal(line.target_dose),
                format_decimal(line.volume_ml),
                self.tr("done") if line.checked else DASH,
                format_moscow(line.started_at) if line.started_at else DASH,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if self.lines:
            self.table.selectRow(len(self.lines) - 1)
        self.deadline.setVisible(not read.started)
        if read.started:
            self.timer.stop()
        else:
            self.timer.start()
            self.tick()
        self._update_buttons()

    def tick(self) -> None:
        reading = read_clock(self._onset, self._clock(), preparation_delta(self._preparation_hours))
        self.deadline.show_reading(reading, self._preparation_hours)

    def selected(self) -> InfusionLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.lines[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        line = self.selected()
        self.check_button.setEnabled(line is not None and not line.checked)
        self.record_button.setEnabled(line is not None and line.checked and line.started_at is None)
        self.sheet_button.setEnabled(line is not None)

    def open_calculator(self) -> DoseCalculatorDialog:
        assert self._patient_id is not None
        next_day = max((line.infusion_day for line in self.lines), default=0) + 1
        dialog = DoseCalculatorDialog(
            self._factory, self._actor, self._clock, self._patient_id, self._study_id,
            min(next_day, 7), self,
        )  # fmt: skip
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog

    def open_check(self) -> SecondCheckDialog | None:
        line = self.selected()
        if line is None:
            return None
        dialog = SecondCheckDialog(
            self._factory, self._data_dir, self._clock, self._study_id, line, self
        )
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog

    def open_record(self) -> AdministrationDialog | None:
        line = self.selected()
        if line is None:
            return None
        title = fill(self.tr("%1, day %2"), self._study_id, line.infusion_day)
        dialog = AdministrationDialog(
            self._factory, self._actor, self._clock, line.infusion_id, title, self
        )
        dialog.accepted.connect(lambda: self._recorded(dialog))
        dialog.open()
        return dialog

    def _recorded(self, dialog: AdministrationDialog) -> None:
        self.reload()
        self._recorded_events = tuple(dialog.adverse_event_ids)
        self._pending_events = list(dialog.adverse_event_ids)
        if self._recorded_events:
            self.adverse_events_changed.emit()
            self._show_events_left()
            self.open_next_event()

    def open_next_event(self) -> AdverseEventDialog | None:
        """Open the next adverse event the reactions opened, pre-filled, to be completed."""
        if self._patient_id is None:
            return None
        while self._pending_events:
            event_id = self._pending_events.pop(0)
            rows = list_adverse_events(self._factory, self._actor, self._patient_id, self._clock)
            row = next((r for r in rows if r.event_id == event_id and r.incomplete), None)
            if row is None:
                continue
            context = FollowUpContext(self._factory, self._actor, self._clock, self._data_dir)
            dialog = AdverseEventDialog(context, self._patient_id, self._study_id, event=row,
                                        parent=self)  # fmt: skip
            dialog.finished.connect(self._event_closed)
            self.event_dialog = dialog
            dialog.open()
            return dialog
        self.event_dialog = None
        return None

    def _event_closed(self) -> None:
        self.adverse_events_changed.emit()
        self._show_events_left()
        self.open_next_event()

    def _show_events_left(self) -> None:
        assert self._patient_id is not None
        rows = list_adverse_events(self._factory, self._actor, self._patient_id, self._clock)
        left = sum(1 for r in rows if r.incomplete and r.event_id in self._recorded_events)
        if left:
            text = fill(
                self.tr(
                    "%1 adverse event(s) opened from the infusion reactions are still to be"
                    " completed: open them in the adverse events tab."
                ),
                left,
            )
        else:
            text = self.tr("The adverse events of the infusion reactions are completed.")
        self.message.setText(text)

    def open_sheet(self) -> None:
        line = self.selected()
        if line is None:
            return
        try:
            pdf = print_infusion_sheet(self._factory, self._actor, line.infusion_id, self._clock)
        except (InputRefused, PermissionDenied) as error:
            QMessageBox.warning(self, self.windowTitle(), infusion_message(error))
            return
        folder = self._data_dir / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"infusion-{self._study_id}-day{line.infusion_day}.pdf"
        path.write_bytes(pdf)
        self.last_pdf = path
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
