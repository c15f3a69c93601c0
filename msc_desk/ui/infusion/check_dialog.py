"""The second check: another user confirms patient, lot, dose and volume with their own key."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.security.policy import InputRefused
from msc_desk.services.infusion_check import verify_with_credentials
from msc_desk.services.infusion_sheet import InfusionLine
from msc_desk.timekeeping import Clock
from msc_desk.ui.checked_edit import password_field
from msc_desk.ui.infusion.messages import infusion_message
from msc_desk.ui.labels import fill, format_decimal


def _millions(cells: Decimal | None) -> Decimal | None:
    return None if cells is None else (cells / Decimal(10**6)).normalize()


class SecondCheckDialog(QDialog):
    """A second user with the right to verify confirms the infusion with their own credentials."""

    def __init__(
        self,
        factory: SessionFactory,
        data_dir: Path,
        clock: Clock,
        study_id: str,
        line: InfusionLine,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory, self._data_dir, self._clock = factory, data_dir, clock
        self._line = line
        self.checker: str | None = None
        self.setWindowTitle(self.tr("Second check before the infusion"))
        intro = QLabel(
            self.tr(
                "A second nurse or investigator compares the product with the sheet and confirms"
                " with their own user name and password. The person who prepared the infusion"
                " cannot confirm it."
            ),
            self,
        )
        intro.setWordWrap(True)
        facts = QFormLayout()
        for label, value in (
            (self.tr("Patient:"), study_id),
            (self.tr("Infusion day:"), str(line.infusion_day)),
            (self.tr("Product lot:"), line.product_lot),
            (
                self.tr("Dose:"),
                fill(self.tr("%1 million viable cells/kg"), format_decimal(line.target_dose)),
            ),
            (self.tr("Volume:"), fill(self.tr("%1 mL"), format_decimal(line.volume_ml))),
            (self.tr("Weight:"), fill(self.tr("%1 kg"), format_decimal(line.weight_kg))),
            (
                self.tr("Certificate:"),
                fill(
                    self.tr("%1 × 10⁶ cells/mL, viability %2 %"),
                    format_decimal(_millions(line.concentration_cells_per_ml)),
                    format_decimal(line.viability_percent),
                ),
            ),
        ):
            shown = QLabel(value, self)
            font = shown.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.2)
            shown.setFont(font)
            facts.addRow(label, shown)
        self.username_edit = QLineEdit(self)
        self.password_edit = password_field(self)
        credentials = QFormLayout()
        credentials.addRow(self.tr("Second person's user name:"), self.username_edit)
        credentials.addRow(self.tr("Their password:"), self.password_edit)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel { color: #b71c1c; }")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.confirm_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(self.tr("Confirm and sign"))
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(facts)
        layout.addSpacing(8)
        layout.addLayout(credentials)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(560, 420)

    def _confirm(self) -> None:
        try:
            checker = verify_with_credentials(
                self._factory,
                self._data_dir,
                self._line.infusion_id,
                self.username_edit.text(),
                self.password_edit.text(),
                self._clock,
            )
        except InputRefused as error:
            self.password_edit.clear()
            self.message.setText(infusion_message(error))
            return
        self.checker = checker.username
        self.accept()
