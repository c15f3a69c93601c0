"""The administration record: times, volume, rate, premedication, vital signs and reactions."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.security.form_locks import FormLocked
from msc_desk.security.policy import InputRefused
from msc_desk.services.actor import Actor
from msc_desk.services.infusion_record import Administration, Vitals, record_administration
from msc_desk.services.permissions import PermissionDenied
from msc_desk.timekeeping import Clock, to_moscow
from msc_desk.ui.infusion.calculator_dialog import typed
from msc_desk.ui.infusion.messages import infusion_message
from msc_desk.ui.labels import fill

REACTION_CODES = ("none", "fever", "chills", "hypotension", "allergic", "other")


def _instant(edit: QDateTimeEdit) -> datetime:
    """The entered wall-clock time with the UTC offset the edit carries (Moscow by default)."""
    value = edit.dateTime().toPython()
    assert isinstance(value, datetime)
    offset = edit.property("utc_offset")
    return value.replace(tzinfo=offset)


def whole(text: str) -> object:
    """A whole number as typed; anything else goes on as typed for the service to refuse."""
    value = typed(text)
    return int(value) if value is not None and value.isdigit() else value


class AdministrationDialog(QDialog):
    """Mark a checked infusion started and record it; reactions open adverse events."""

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        clock: Clock,
        infusion_id: int,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        self._infusion_id = infusion_id
        self.adverse_event_ids: tuple[int, ...] = ()
        self.setWindowTitle(fill(self.tr("MSC administration: %1"), title))
        now = to_moscow(clock())
        self.start_edit = self._time_edit(now)
        self.end_edit = self._time_edit(now)
        self.end_given = QCheckBox(self.tr("ended"), self)
        self.end_given.setChecked(True)
        self.volume_edit = QLineEdit(self)
        self.rate_edit = QLineEdit(self)
        self.premedication_edit = QLineEdit(self)
        self.vitals: dict[str, dict[str, QLineEdit]] = {}
        vitals_box = QGroupBox(self.tr("Vital signs"), self)
        grid = QGridLayout(vitals_box)
        grid.addWidget(QLabel(self.tr("Before"), vitals_box), 0, 1)
        grid.addWidget(QLabel(self.tr("After"), vitals_box), 0, 2)
        rows = (
            ("temperature", self.tr("Temperature, °C")),
            ("heart_rate", self.tr("Heart rate, /min")),
            ("map", self.tr("MAP, mmHg")),
            ("spo2", self.tr("SpO₂, %")),
        )
        for moment in ("before", "after"):
            self.vitals[moment] = {}
        for row, (code, label) in enumerate(rows, start=1):
            grid.addWidget(QLabel(label, vitals_box), row, 0)
            for column, moment in enumerate(("before", "after"), start=1):
                edit = QLineEdit(vitals_box)
                self.vitals[moment][code] = edit
                grid.addWidget(edit, row, column)
        reactions_box = QGroupBox(self.tr("Infusion reactions"), self)
        reactions_layout = QGridLayout(reactions_box)
        words = {
            "none": self.tr("none"),
            "fever": self.tr("fever"),
            "chills": self.tr("chills"),
            "hypotension": self.tr("hypotension"),
            "allergic": self.tr("allergic reaction"),
            "other": self.tr("other"),
        }
        self.reaction_boxes: dict[str, QCheckBox] = {}
        for index, code in enumerate(REACTION_CODES):
            box = QCheckBox(words[code], reactions_box)
            self.reaction_boxes[code] = box
            reactions_layout.addWidget(box, index // 3, index % 3)
        self.reaction_boxes["none"].setChecked(True)
        self.other_edit = QLineEdit(reactions_box)
        self.other_edit.setPlaceholderText(self.tr("Describe the other reaction"))
        reactions_layout.addWidget(self.other_edit, 2, 0, 1, 3)
        self.reaction_note = QLabel(
            self.tr(
                "Each reaction opens an adverse event: after saving, its form opens filled in,"
                " to be completed with the grade, seriousness, action taken and outcome."
            ),
            reactions_box,
        )
        self.reaction_note.setWordWrap(True)
        self.reaction_note.setStyleSheet("QLabel { color: #555; }")
        reactions_layout.addWidget(self.reaction_note, 3, 0, 1, 3)
        self.late_reason = QLineEdit(self)
        self.late_reason.setPlaceholderText(self.tr("Only if the first infusion starts after 10 h"))
        self.dose_reason = QLineEdit(self)
        self.dose_reason.setPlaceholderText(
            self.tr("Only if the achieved dose is outside 1–2 million/kg or the day exceeds 2.0")
        )
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel { color: #b71c1c; }")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save record"))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        times = QFormLayout()
        times.addRow(self.tr("Start (MSK):"), self.start_edit)
        end_row = QHBoxLayout()
        end_row.addWidget(self.end_edit, 1)
        end_row.addWidget(self.end_given)
        times.addRow(self.tr("End (MSK):"), end_row)
        times.addRow(self.tr("Volume actually infused, mL:"), self.volume_edit)
        times.addRow(self.tr("Rate, mL/h:"), self.rate_edit)
        times.addRow(self.tr("Premedication:"), self.premedication_edit)
        deviations = QFormLayout()
        deviations.addRow(self.tr("Reason for a start after 10 h:"), self.late_reason)
        deviations.addRow(self.tr("Reason for the achieved dose:"), self.dose_reason)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(times)
        left.addWidget(vitals_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(reactions_box)
        right.addLayout(deviations)
        right.addWidget(self.message)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.buttons)
        self.resize(1040, 460)

    def _time_edit(self, now: datetime) -> QDateTimeEdit:
        edit = QDateTimeEdit(self)
        edit.setDisplayFormat("dd.MM.yyyy HH:mm")
        edit.setCalendarPopup(True)
        self.set_instant(edit, now)
        return edit

    def set_instant(self, edit: QDateTimeEdit, value: datetime) -> None:
        """Show `value` on the Moscow wall clock (tests and a later correction use it)."""
        moscow = to_moscow(value)
        edit.setDateTime(
            QDateTime.fromString(moscow.strftime("%d.%m.%Y %H:%M"), "dd.MM.yyyy HH:mm")
        )
        edit.setProperty("utc_offset", moscow.tzinfo)

    def administration(self) -> Administration:
        def vitals(moment: str) -> Vitals:
            edits = self.vitals[moment]
            return Vitals(
                typed(edits["temperature"].text()),
                whole(edits["heart_rate"].text()),
                whole(edits["map"].text()),
                typed(edits["spo2"].text()),
            )

        return Administration(
            started_at=_instant(self.start_edit),
            ended_at=_instant(self.end_edit) if self.end_given.isChecked() else None,
            volume_infused_ml=typed(self.volume_edit.text()),
            rate_ml_per_hour=typed(self.rate_edit.text()),
            premedication=self.premedication_edit.text(),
            before=vitals("before"),
            after=vitals("after"),
            reactions=tuple(code for code, box in self.reaction_boxes.items() if box.isChecked()),
            reaction_other=self.other_edit.text(),
            late_reason=self.late_reason.text(),
            dose_reason=self.dose_reason.text(),
        )

    def _save(self) -> None:
        try:
            result = record_administration(
                self._factory, self._actor, self._infusion_id, self.administration(), self._clock
            )
        except (InputRefused, PermissionDenied, FormLocked) as error:
            self.message.setText(infusion_message(error))
            return
        self.adverse_event_ids = result.adverse_event_ids
        self.accept()
