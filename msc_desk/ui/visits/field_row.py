"""One catalogue field on a visit form: its input, unit (or unit chooser), reason and warnings."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from msc_desk.catalogue import Field, FieldType
from msc_desk.services.visit_entries import Entry
from msc_desk.ui.locale_input import DateTimeInput
from msc_desk.ui.visits.field_controls import FieldControls, combo_with_codes

_ERROR = "QLabel { color: #b71c1c; }"
_WARNING = "QLabel { color: #8a5a00; }"
_NOTE = "QLabel { color: #555; }"


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
        self._language = language
        self.label = QLabel(item.label(language), parent)
        self.value_widget = self._value_widget(item, language, parent)
        self.label.setBuddy(self.value_widget)
        self.unit = self._unit_widget(item, language, parent)
        self.detail = QWidget(parent)
        self.detail.setVisible(False)  # shown with something in it, also on a visible form
        self._lines = QVBoxLayout(self.detail)
        self._lines.setContentsMargins(0, 0, 0, 0)
        self._lines.setSpacing(2)
        self.message = QLabel(self.detail)
        self.message.setWordWrap(True)
        self._lines.addWidget(self.message)
        # The conversion inputs, confirmation and missing-data reason are built the first time
        # the field needs one: most fields never do, and a form has dozens of fields.
        self._controls: FieldControls | None = None
        self._read_only = False
        self.reason_wanted = False
        self.default_weight = ""
        self._warning = False
        self._refresh_detail()

    def _input_labels(self) -> tuple[str, str, str]:
        return (self.tr("drug, mg"), self.tr("syringe, mL"), self.tr("weight, kg"))

    def _control_texts(self) -> dict[str, str]:
        return {
            "tartrate": self.tr("tartrate (mg halved)"),
            "confirm": self.tr("Confirm the value"),
            "no_reason": self.tr("— reason missing —"),
            "why": self.tr("Why (other)"),
        }

    # -- the detail controls, built on first use ------------------------------------------------

    def _built(self) -> FieldControls:
        if self._controls is None:
            controls = self._controls = FieldControls(self, self.detail)
            self._lines.insertWidget(0, controls.box)
            previous = self._own_focus_widgets()[-1]
            for widget in controls.focus_widgets():
                QWidget.setTabOrder(previous, widget)
                previous = widget
                if self._read_only:
                    widget.setEnabled(False)
        return self._controls

    @property
    def controls(self) -> QWidget:
        return self._built().box

    @property
    def inputs(self) -> dict[str, QLineEdit]:
        return self._built().inputs

    @property
    def captions(self) -> dict[str, QLabel]:
        return self._built().captions

    @property
    def tartrate(self) -> QCheckBox:
        return self._built().tartrate

    @property
    def confirm(self) -> QCheckBox:
        return self._built().confirm

    @property
    def reason(self) -> QComboBox:
        return self._built().reason

    @property
    def reason_text(self) -> QLineEdit:
        return self._built().reason_text

    def confirmed(self) -> bool:
        """Whether the user confirmed a value outside the plausible range."""
        return self._controls is not None and self._controls.confirm.isChecked()

    def reason_code(self) -> str | None:
        """The chosen missing-data reason (None: none chosen)."""
        return None if self._controls is None else code_of(self._controls.reason)

    def _value_widget(self, item: Field, language: str, parent: QWidget) -> QWidget:
        if item.type is FieldType.CHOICE:
            choices = [(c.ru if language == "ru" else c.en, c.code) for c in item.choices]
            combo = combo_with_codes(parent, [("", None), *choices])
            combo.currentIndexChanged.connect(self._on_edit)
            return combo
        if item.type is FieldType.BOOLEAN:
            combo = combo_with_codes(
                parent, [("", None), (self.tr("Yes"), "true"), (self.tr("No"), "false")]
            )
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
        combo = combo_with_codes(parent, units)
        combo.setToolTip(self.tr("Unit as the laboratory printed it; converted on entry"))
        combo.currentIndexChanged.connect(self._on_unit)
        return combo

    # -- reading and writing ------------------------------------------------------------------

    def focus_widgets(self) -> list[QWidget]:
        """The widgets Tab visits, in order (hidden ones are skipped by Qt)."""
        built = [] if self._controls is None else self._controls.focus_widgets()
        return [*self._own_focus_widgets(), *built]

    def _own_focus_widgets(self) -> list[QWidget]:
        value = self.value_widget
        first: list[QWidget] = (
            [value.date_edit, value.time_edit] if isinstance(value, DateTimeInput) else [value]
        )
        unit = [self.unit] if isinstance(self.unit, QComboBox) else []
        return [*first, *unit]

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
        controls = self._controls
        texts = {} if controls is None else {n: e.text() for n, e in controls.inputs.items()}
        inputs = {name: texts[name] for name in needed if texts.get(name)}
        empty = self.is_empty()
        raw = self.raw()
        if isinstance(self.value_widget, DateTimeInput) and raw is None and not empty:
            raw = "?"  # half a date: refused by the catalogue rather than silently dropped
        reason = self.reason_code()
        tartrate = controls is not None and controls.tartrate.isChecked()
        return Entry(
            None if empty else raw,
            code,
            inputs,
            tartrate and "drug_mg" in needed,
            reason if empty else None,
            controls.reason_text.text() if controls and empty and reason == "other" else None,
            self.confirmed(),
        )

    def set_entry(self, entry: Entry) -> None:
        details = bool(
            entry.inputs or entry.tartrate or entry.confirmed or entry.missing_reason
        ) or bool(entry.missing_text)
        controls = self._built() if details else self._controls
        widgets: list[QWidget] = [self.value_widget, self.unit]
        if controls is not None:
            widgets += [controls.reason, controls.tartrate, controls.confirm]
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
        if controls is not None:
            for name, edit in controls.inputs.items():
                value = entry.inputs.get(name)
                edit.setText("" if value is None else str(value).replace(".", ","))
            controls.tartrate.setChecked(entry.tartrate)
            controls.confirm.setChecked(entry.confirmed)
            choose(controls.reason, entry.missing_reason)
            controls.reason_text.setText(entry.missing_text or "")
        self.reason_wanted = entry.missing_reason is not None
        for widget in widgets:
            widget.blockSignals(False)
        self._refresh_detail()

    def set_read_only(self) -> None:
        self._read_only = True
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
        reason = self.reason_code()
        wanted = bool(needed) or self._warning or self.confirmed()
        wanted = wanted or (self.is_empty() and (self.reason_wanted or reason is not None))
        if self._controls is None and not wanted:
            show(self.detail, bool(self.message.text()))
            return
        controls = self._built()
        for name, edit in controls.inputs.items():
            show(edit, name in needed)
            show(controls.captions[name], name in needed)
            if name == "weight_kg" and name in needed and not edit.text():
                set_text(edit, self.default_weight)
        show(controls.tartrate, self.item.name == "norepinephrine" and "drug_mg" in needed)
        show(controls.confirm, self._warning or controls.confirm.isChecked())
        show_reason = self.is_empty() and (self.reason_wanted or reason is not None)
        show(controls.reason, show_reason)
        show(controls.reason_text, show_reason and reason == "other")
        shown = any(
            not widget.isHidden()
            for widget in (
                *controls.inputs.values(),
                controls.tartrate,
                controls.confirm,
                controls.reason,
            )
        )
        show(controls.box, shown)
        show(self.detail, shown or bool(self.message.text()))

    def _on_edit(self) -> None:
        if not self.is_empty() and self.confirmed():
            self.confirm.setChecked(False)  # a new value needs its own confirmation
        self._refresh_detail()
        self.changed.emit()

    def _on_unit(self) -> None:
        self._refresh_detail()
        self.changed.emit()

    def _on_reason(self) -> None:
        self._refresh_detail()
        self.changed.emit()
