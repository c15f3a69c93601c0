"""The administrator's site settings: idle lock, cell preparation time, release viability."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.settings import (
    CELL_PREPARATION_HOURS,
    IDLE_LOCK_MINUTES,
    SITE_SETTINGS,
    VIABILITY_RELEASE_PERCENT,
    SettingError,
    site_settings,
    update_site_settings,
)
from msc_desk.timekeeping import Clock
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.labels import fill
from msc_desk.ui.refusals import HANDLED, error_message

_CONTEXT = "SiteSettingsDialog"
_NAMES = {
    IDLE_LOCK_MINUTES: QT_TRANSLATE_NOOP("SiteSettingsDialog", "Lock the screen after inactivity"),
    CELL_PREPARATION_HOURS: QT_TRANSLATE_NOOP("SiteSettingsDialog", "Cell preparation time"),
    VIABILITY_RELEASE_PERCENT: QT_TRANSLATE_NOOP(
        "SiteSettingsDialog", "Minimum cell viability for release"
    ),
}
_REFUSAL = {
    "out_of_range": QT_TRANSLATE_NOOP("SiteSettingsDialog", "%1: the value must be from %2 to %3."),
    "not_whole": QT_TRANSLATE_NOOP("SiteSettingsDialog", "%1: enter a whole number."),
    "not_a_number": QT_TRANSLATE_NOOP("SiteSettingsDialog", "%1: enter a number."),
    "unknown_setting": QT_TRANSLATE_NOOP("SiteSettingsDialog", "%1: no such setting."),
}


def setting_refusal_text(error: SettingError) -> str:
    """A refused settings change, naming the setting and its allowed range."""
    spec = SITE_SETTINGS.get(error.key)
    name = QCoreApplication.translate(_CONTEXT, str(_NAMES.get(error.key, error.key)))
    template = QCoreApplication.translate(_CONTEXT, str(_REFUSAL.get(error.code, "%1")))
    if spec is None:
        return fill(template, name)
    return fill(template, name, spec.minimum, spec.maximum)


class SiteSettingsDialog(QDialog):
    """Edit the site settings; the service checks the role and the ranges, and audits changes.

    Signals:
        saved(): the settings were stored (the idle lock takes the new delay at once).
    """

    saved = Signal()

    def __init__(
        self, factory: SessionFactory, actor: Actor, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        self.setWindowTitle(self.tr("Site settings"))
        values = site_settings(factory)
        self.idle_minutes = self._spin(IDLE_LOCK_MINUTES, values, self.tr(" min"))
        self.preparation_hours = QDoubleSpinBox(self)
        spec = SITE_SETTINGS[CELL_PREPARATION_HOURS]
        self.preparation_hours.setDecimals(1)
        self.preparation_hours.setSingleStep(0.5)
        self.preparation_hours.setRange(float(spec.minimum), float(spec.maximum))
        self.preparation_hours.setValue(float(values[CELL_PREPARATION_HOURS]))
        self.preparation_hours.setSuffix(self.tr(" h"))
        self.viability = self._spin(VIABILITY_RELEASE_PERCENT, values, " %")
        form = QFormLayout()
        for key, field, hint in (
            (
                IDLE_LOCK_MINUTES,
                self.idle_minutes,
                self.tr("Without keyboard or mouse input, every window is closed and the"
                        " password is asked for."),
            ),
            (
                CELL_PREPARATION_HOURS,
                self.preparation_hours,
                self.tr("From the order to the cells at the bedside; the screening wizard warns"
                        " when less than this is left of the 10-hour window."),
            ),
            (
                VIABILITY_RELEASE_PERCENT,
                self.viability,
                self.tr("A product below this viability is not infused."),
            ),
        ):  # fmt: skip
            form.addRow(QCoreApplication.translate(_CONTEXT, str(_NAMES[key])) + ":", field)
            note = QLabel(hint, self)
            note.setWordWrap(True)
            note.setStyleSheet("QLabel { color: #555; }")
            form.addRow("", note)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _spin(self, key: str, values: dict[str, Decimal], suffix: str) -> QSpinBox:
        spec = SITE_SETTINGS[key]
        spin = QSpinBox(self)
        spin.setRange(int(spec.minimum), int(spec.maximum))
        spin.setValue(int(values[key]))
        spin.setSuffix(suffix)
        return spin

    def save(self) -> bool:
        """Store the values; the confirmation or the refusal is shown in the dialog."""
        changes: dict[str, str | int | Decimal] = {
            IDLE_LOCK_MINUTES: self.idle_minutes.value(),
            CELL_PREPARATION_HOURS: Decimal(str(round(self.preparation_hours.value(), 1))),
            VIABILITY_RELEASE_PERCENT: self.viability.value(),
        }
        try:
            update_site_settings(self._factory, self._actor, changes, self._clock)
        except SettingError as exc:
            show_result(self.message, setting_refusal_text(exc), ok=False)
            return False
        except HANDLED as exc:
            show_result(self.message, error_message(exc), ok=False)
            return False
        show_result(self.message, self.tr("Settings saved."), ok=True)
        self.saved.emit()
        return True
