"""The dosing calculator: weight, dose, lot and the release certificate give the volume."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.scoring import dose
from msc_desk.security.policy import InputRefused
from msc_desk.services.actor import Actor
from msc_desk.services.infusion import (
    DEFAULT_CONTAINER_ML,
    Prescription,
    baseline_weight,
    calculate,
    prescribe,
)
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.settings import VIABILITY_RELEASE_PERCENT, site_settings
from msc_desk.timekeeping import Clock
from msc_desk.ui.infusion.messages import field_label, infusion_message
from msc_desk.ui.labels import DASH, fill, format_decimal

_ERROR_FIELDS = {
    dose.WEIGHT_INVALID: "weight_kg",
    dose.DOSE_OUT_OF_RANGE: "target_dose",
    dose.CONCENTRATION_INVALID: "concentration_cells_per_ml",
    dose.VIABILITY_INVALID: "viability_percent",
}


def typed(text: str) -> str | None:
    """A number as typed, with a decimal comma accepted; empty text is None."""
    text = text.strip().replace(",", ".").replace(" ", "")
    return text or None


def millions(value: Decimal | None) -> str:
    if value is None:
        return DASH
    return f"{format_decimal((value / Decimal(10**6)).quantize(Decimal('0.01')))} × 10⁶"


class DoseCalculatorDialog(QDialog):
    """Compute and save one infusion day's prescription for an MSC-arm patient."""

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        clock: Clock,
        patient_id: int,
        study_id: str,
        infusion_day: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        self._patient_id = patient_id
        self.infusion_id: int | None = None
        self._threshold = site_settings(factory)[VIABILITY_RELEASE_PERCENT]
        self.setWindowTitle(fill(self.tr("MSC dose: patient %1"), study_id))
        self.day_spin = QSpinBox(self)
        self.day_spin.setRange(1, 7)
        self.day_spin.setValue(infusion_day)
        self.weight_edit = QLineEdit(self)
        self.source_combo = QComboBox(self)
        for code, text in (
            ("measured", self.tr("measured")),
            ("estimated", self.tr("estimated")),
            ("chart", self.tr("from the chart")),
        ):
            self.source_combo.addItem(text, code)
        self.baseline_button = QPushButton(self)
        self._baseline = baseline_weight(factory, patient_id)
        self.baseline_button.setVisible(self._baseline is not None)
        if self._baseline is not None:
            self.baseline_button.setText(
                fill(self.tr("Use the baseline weight (%1 kg)"), format_decimal(self._baseline))
            )
        self.baseline_button.clicked.connect(self._use_baseline)
        self.dose_spin = QDoubleSpinBox(self)
        self.dose_spin.setDecimals(1)
        self.dose_spin.setRange(0.0, 5.0)  # outside 1–2 is shown and refused, not hidden
        self.dose_spin.setSingleStep(0.1)
        self.dose_spin.setValue(1.0)
        self.dose_spin.setSuffix(self.tr(" million/kg"))
        self.lot_edit = QLineEdit(self)
        self.lot_edit.setMaxLength(50)
        self.concentration_edit = QLineEdit(self)
        self.concentration_edit.setPlaceholderText(self.tr("cells/mL, e.g. 2000000"))
        self.viability_edit = QLineEdit(self)
        self.viability_edit.setPlaceholderText("%")
        self.container_edit = QLineEdit(str(DEFAULT_CONTAINER_ML), self)
        self.weight_confirm = QCheckBox(self.tr("I confirm the weight outside 30–200 kg"), self)
        self.weight_reason = QLineEdit(self)
        self.weight_reason.setPlaceholderText(self.tr("Reason"))
        self.viability_confirm = QCheckBox(
            fill(
                self.tr("I confirm a viability under the release threshold (%1 %)"),
                format_decimal(self._threshold),
            ),
            self,
        )
        self.viability_reason = QLineEdit(self)
        self.viability_reason.setPlaceholderText(self.tr("Reason"))
        self.viable_label = QLabel(DASH, self)
        self.total_label = QLabel(DASH, self)
        self.volume_label = QLabel(DASH, self)
        self.containers_label = QLabel(DASH, self)
        big = self.volume_label.font()
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.4)
        self.volume_label.setFont(big)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel { color: #b71c1c; }")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save prescription"))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        for edit in (
            self.weight_edit,
            self.lot_edit,
            self.concentration_edit,
            self.viability_edit,
            self.container_edit,
            self.weight_reason,
            self.viability_reason,
        ):
            edit.textChanged.connect(self.recalculate)
        self.dose_spin.valueChanged.connect(self.recalculate)
        self.recalculate()

    def _lay_out(self) -> None:
        inputs = QGroupBox(self.tr("Inputs"), self)
        self._form = form = QFormLayout(inputs)
        form.addRow(self.tr("Infusion day:"), self.day_spin)
        weight_row = QHBoxLayout()
        weight_row.addWidget(self.weight_edit, 1)
        weight_row.addWidget(self.source_combo)
        form.addRow(self.tr("Weight today, kg:"), weight_row)
        form.addRow("", self.baseline_button)
        form.addRow(self.tr("Target dose:"), self.dose_spin)
        form.addRow(self.tr("Product lot:"), self.lot_edit)
        form.addRow(self.tr("Cell concentration (certificate), cells/mL:"), self.concentration_edit)
        form.addRow(self.tr("Cell viability (certificate), %:"), self.viability_edit)
        form.addRow(self.tr("Volume of one bag or syringe, mL:"), self.container_edit)
        form.addRow(self.weight_confirm)
        form.addRow(self.tr("Reason for the weight:"), self.weight_reason)
        form.addRow(self.viability_confirm)
        form.addRow(self.tr("Reason for the viability:"), self.viability_reason)
        outputs = QGroupBox(self.tr("Result"), self)
        result = QFormLayout(outputs)
        result.addRow(self.tr("Viable cells needed:"), self.viable_label)
        result.addRow(self.tr("Total cells:"), self.total_label)
        result.addRow(self.tr("Volume to infuse:"), self.volume_label)
        result.addRow(self.tr("Bags or syringes:"), self.containers_label)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(inputs)
        left.addStretch(1)
        columns.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(outputs)
        right.addWidget(self.message)
        right.addStretch(1)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.buttons)
        self.resize(1000, 480)

    def _use_baseline(self) -> None:
        if self._baseline is not None:
            self.weight_edit.setText(format_decimal(self._baseline))
            self.source_combo.setCurrentIndex(self.source_combo.findData("chart"))

    def prescription(self) -> Prescription:
        return Prescription(
            weight_kg=typed(self.weight_edit.text()),
            weight_source=self.source_combo.currentData(),
            target_dose=Decimal(str(round(self.dose_spin.value(), 1))),
            product_lot=self.lot_edit.text(),
            concentration_cells_per_ml=typed(self.concentration_edit.text()),
            viability_percent=typed(self.viability_edit.text()),
            container_volume_ml=typed(self.container_edit.text()),
            infusion_day=self.day_spin.value(),
            weight_reason=self.weight_reason.text(),
            viability_reason=self.viability_reason.text(),
        )

    def recalculate(self) -> None:
        calculation = calculate(self.prescription(), self._threshold)
        result = calculation.result
        self.viable_label.setText(millions(result.total_viable_cells))
        self.total_label.setText(millions(result.total_cells_infused))
        self.volume_label.setText(
            DASH
            if result.volume_ml is None
            else fill(self.tr("%1 mL"), format_decimal(result.volume_ml))
        )
        self.containers_label.setText(
            DASH if calculation.container_count is None else str(calculation.container_count)
        )
        for widget in (self.weight_confirm, self.weight_reason):
            self._form.setRowVisible(widget, calculation.needs_weight_reason)
        for widget in (self.viability_confirm, self.viability_reason):
            self._form.setRowVisible(widget, calculation.needs_viability_reason)
        problems = [
            fill(self.tr("%1: check the value."), field_label(_ERROR_FIELDS[code]))
            for code in result.errors
            if self._typed_something(code)
        ]
        self.message.setText("\n".join(problems))

    def _typed_something(self, code: str) -> bool:
        edits = {
            dose.WEIGHT_INVALID: self.weight_edit,
            dose.CONCENTRATION_INVALID: self.concentration_edit,
            dose.VIABILITY_INVALID: self.viability_edit,
        }
        edit = edits.get(code)
        return edit is None or bool(edit.text().strip())

    def _save(self) -> None:
        calculation = calculate(self.prescription(), self._threshold)
        if calculation.needs_weight_reason and not self.weight_confirm.isChecked():
            self.message.setText(self.tr("Tick the weight confirmation and give a reason."))
            return
        if calculation.needs_viability_reason and not self.viability_confirm.isChecked():
            self.message.setText(self.tr("Tick the viability confirmation and give a reason."))
            return
        try:
            self.infusion_id = prescribe(
                self._factory, self._actor, self._patient_id, self.prescription(), self._clock
            )
        except (InputRefused, PermissionDenied) as error:
            self.message.setText(infusion_message(error))
            return
        self.accept()
