"""One catalogue field on a visit form: its input, unit (or unit chooser), reason and warnings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from msc_desk.catalogue import MISSING_DATA_REASONS, Field, FieldType
from msc_desk.services.visit_entries import Entry
from msc_desk.ui.locale_input import DateTimeInput

CONVERSION_INPUTS = ("drug_mg", "syringe_ml", "weight_kg")
_ERROR = "QLabel { color: #b71c1c; }"
_WARNING = "QLabel { color: #8a5a00; }"
_NOTE = "QLabel { color: #555; }"


def _combo(parent: QWidget, items: Sequence[tuple[str, str | None]]) -> QComboBox:
    """A chooser whose items carry codes; "no choice" is stored as "" (never None as data)."""
    combo = QComboBox(parent)
    for text, code in items:
        combo.addItem(text, code or "")
    return combo


def show(widget: QWidget, visible: bool) -> None:
    """Change a widget's visibility only when it differs (a form refreshes on every keystroke)."""
    if widget.isHidden() == visible:
        widget.setVisible(visible)


def set_text(label: QLabel | QLineEdit, text: str) -> None:
    if label.text() != text:
        label.setText(text)


def set_style(widget: QWidget, style: str) -> None:
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)


def code_of(combo: QComboBox) -> str | None:
    """The code of the chosen item, None for the empty item."""
    data = combo.itemData(combo.currentIndex())
    return str(data) if data else None


def choose(combo: QComboBox, code: str | None) -> None:
    combo.setCurrentIndex(max(0, combo.findData(code or "")))


class FieldRow(QObject):
    """The widgets of one field, laid out by the form in a grid row; `entry()` reads them.

    Columns: label, value, unit (a chooser when the field has alternative units), and a
    detail line with the conversion inputs, the confirmation of a soft warning, the
    missing-data reason and the message. Signals `changed` on every edit.
    """

    changed = Signal()

    def __init__(self, item: Field, language: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.item = item
        self.label = QLabel(item.label(language), parent)
        self.value_widget = self._value_widget(item, language, parent)
        self.label.setBuddy(self.value_widget)
        self.unit = self._unit_widget(item, language, parent)
        self.detail = QWidget(parent)
        lines = QVBoxLayout(self.detail)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(2)
        self.controls = QWidget(self.detail)
        detail = QHBoxLayout(self.controls)
        detail.setContentsMargins(0, 0, 0, 0)
        self.inputs: dict[str, QLineEdit] = {}
        self.captions: dict[str, QLabel] = {}
        for name, text in zip(CONVERSION_INPUTS, self._input_labels(), strict=True):
            caption = QLabel(text, self.controls)
            edit = QLineEdit(self.controls)
            edit.setMaximumWidth(80)
            edit.setToolTip(text)
            caption.setBuddy(edit)
            edit.textChanged.connect(self.changed)
            self.inputs[name] = edit
            self.captions[name] = caption
            detail.addWidget(caption)
            detail.addWidget(edit)
        self.tartrate = QCheckBox(self.tr("tartrate (mg halved)"), self.controls)
        self.tartrate.toggled.connect(self.changed)
        detail.addWidget(self.tartrate)
        self.confirm = QCheckBox(self.tr("Confirm the value"), self.controls)
        self.confirm.toggled.connect(self.changed)
        detail.addWidget(self.confirm)
        reasons = [(self.tr("— reason missing —"), None)] + [
            (choice.ru if language == "ru" else choice.en, choice.code)
            for choice in MISSING_DATA_REASONS
        ]
        self.reason = _combo(self.controls, reasons)
        self.reason.currentIndexChanged.connect(self._on_reason)
        detail.addWidget(self.reason)
        self.reason_text = QLineEdit(self.controls)
        self.reason_text.setPlaceholderText(self.tr("Why (other)"))
        self.reason_text.setMaxLength(200)
        self.reason_text.textChanged.connect(self.changed)
        detail.addWidget(self.reason_text)
        detail.addStretch(1)
        self.message = QLabel(self.detail)
        self.message.setWordWrap(True)
        lines.addWidget(self.controls)
        lines.addWidget(self.message)
        self.reason_wanted = False
        self.default_weight = ""
        self._warning = False
        self._refresh_detail()

    def _input_labels(self) -> tuple[str, str, str]:
        return (self.tr("drug, mg"), self.tr("syringe, mL"), self.tr("weight, kg"))

    def _value_widget(self, item: Field, language: str, parent: QWidget) -> QWidget:
        if item.type is FieldType.CHOICE:
            choices = [(c.ru if language == "ru" else c.en, c.code) for c in item.choices]
            combo = _combo(parent, [("", None), *choices])
            combo.currentIndexChanged.connect(self._on_edit)
            return combo
        if item.type is FieldType.BOOLEAN:
            combo = _combo(parent, [("", None), (self.tr("Yes"), "true"), (self.tr("No"), "false")])
            combo.currentIndexChanged.connect(self._on_edit)
            return combo
        if item.type is FieldType.INSTANT:
            when = DateTimeInput(parent)
            when.date_edit.textChanged.connect(self._on_edit)
            when.time_edit.textChanged.connect(self._on_edit)
            return when
        edit = QLineEdit(parent)
        if item.max_length:
            edit.setMaxLength(item.max_length)
        if item.type in (FieldType.DECIMAL, FieldType.INTEGER):
            edit.setMaximumWidth(120)
        else:
            edit.setMinimumWidth(420)
        edit.textChanged.connect(self._on_edit)
        return edit

    def _unit_widget(self, item: Field, language: str, parent: QWidget) -> QWidget:
        own = item.unit_text(language)
        if not item.alternatives:
            return QLabel(own, parent)
        units = [(own, None)] + [
            (alt.unit.ru if language == "ru" else alt.unit.en, alt.code)
            for alt in item.alternatives
        ]
        combo = _combo(parent, units)
        combo.setToolTip(self.tr("Unit as the laboratory printed it; converted on entry"))
        combo.currentIndexChanged.connect(self._on_unit)
        return combo

    # -- reading and writing ------------------------------------------------------------------

    def focus_widgets(self) -> list[QWidget]:
        """The widgets Tab visits, in order (hidden ones are skipped by Qt)."""
        value = self.value_widget
        first: list[QWidget] = (
            [value.date_edit, value.time_edit] if isinstance(value, DateTimeInput) else [value]
        )
        unit = [self.unit] if isinstance(self.unit, QComboBox) else []
        inputs = list(self.inputs.values())
        return [*first, *unit, *inputs, self.tartrate, self.confirm, self.reason, self.reason_text]

    def raw(self) -> object:
        widget = self.value_widget
        if isinstance(widget, QComboBox):
            return code_of(widget)
        if isinstance(widget, DateTimeInput):
            return widget.value()
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def is_empty(self) -> bool:
        widget = self.value_widget
        if isinstance(widget, DateTimeInput):
            return widget.date_edit.is_empty() and widget.time_edit.is_empty()
        raw = self.raw()
        return raw is None or (isinstance(raw, str) and not raw.strip())

    def unit_code(self) -> str | None:
        return code_of(self.unit) if isinstance(self.unit, QComboBox) else None

    def entry(self) -> Entry:
        code = self.unit_code()
        needed = self._needed_inputs(code)
        inputs = {name: self.inputs[name].text() for name in needed if self.inputs[name].text()}
        empty = self.is_empty()
        raw = self.raw()
        if isinstance(self.value_widget, DateTimeInput) and raw is None and not empty:
            raw = "?"  # half a date: refused by the catalogue rather than silently dropped
        return Entry(
            None if empty else raw,
            code,
            inputs,
            self.tartrate.isChecked() and "drug_mg" in needed,
            code_of(self.reason) if empty else None,
            self.reason_text.text() if empty and code_of(self.reason) == "other" else None,
            self.confirm.isChecked(),
        )

    def set_entry(self, entry: Entry) -> None:
        widgets = [self.value_widget, self.unit, self.reason, self.tartrate, self.confirm]
        for widget in widgets:
            widget.blockSignals(True)
        raw = entry.raw
        widget = self.value_widget
        if isinstance(widget, QComboBox):
            text = raw if not isinstance(raw, bool) else ("true" if raw else "false")
            choose(widget, None if raw is None else str(text))
        elif isinstance(widget, DateTimeInput):
            widget.set_value(raw if isinstance(raw, datetime) else None)
        else:
            assert isinstance(widget, QLineEdit)
            widget.setText("" if raw is None else str(raw).replace(".", ","))
        if isinstance(self.unit, QComboBox):
            choose(self.unit, entry.unit)
        for name, edit in self.inputs.items():
            value = entry.inputs.get(name)
            edit.setText("" if value is None else str(value).replace(".", ","))
        self.tartrate.setChecked(entry.tartrate)
        self.confirm.setChecked(entry.confirmed)
        choose(self.reason, entry.missing_reason)
        self.reason_text.setText(entry.missing_text or "")
        self.reason_wanted = entry.missing_reason is not None
        for widget in widgets:
            widget.blockSignals(False)
        self._refresh_detail()

    def set_read_only(self) -> None:
        for widget in self.focus_widgets():
            widget.setEnabled(False)

    # -- feedback -----------------------------------------------------------------------------

    def show_message(self, text: str, *, error: bool, warning: bool) -> None:
        set_text(self.message, text)
        set_style(self.message, _ERROR if error else _WARNING if warning else _NOTE)
        show(self.message, bool(text))
        self._warning = warning
        self._refresh_detail()

    def want_reason(self, wanted: bool) -> None:
        self.reason_wanted = wanted
        self._refresh_detail()

    def _needed_inputs(self, code: str | None) -> tuple[str, ...]:
        alternative = None if code is None else self.item.alternative(code)
        return () if alternative is None else alternative.inputs

    def _refresh_detail(self) -> None:
        needed = self._needed_inputs(self.unit_code())
        for name, edit in self.inputs.items():
            show(edit, name in needed)
            show(self.captions[name], name in needed)
            if name == "weight_kg" and name in needed and not edit.text():
                set_text(edit, self.default_weight)
        show(self.tartrate, self.item.name == "norepinephrine" and "drug_mg" in needed)
        show(self.confirm, self._warning or self.confirm.isChecked())
        reason = code_of(self.reason)
        show_reason = self.is_empty() and (self.reason_wanted or reason is not None)
        show(self.reason, show_reason)
        show(self.reason_text, show_reason and reason == "other")
        shown = any(
            not widget.isHidden()
            for widget in (*self.inputs.values(), self.tartrate, self.confirm, self.reason)
        )
        show(self.controls, shown)
        show(self.detail, shown or bool(self.message.text()))

    def _on_edit(self) -> None:
        if not self.is_empty() and self.confirm.isChecked():
            self.confirm.setChecked(False)  # a new value needs its own confirmation
        self._refresh_detail()
        self.changed.emit()

    def _on_unit(self) -> None:
        self._refresh_detail()
        self.changed.emit()

    def _on_reason(self) -> None:
        self._refresh_detail()
        self.changed.emit()
