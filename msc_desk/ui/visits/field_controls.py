"""The detail line of a visit form field, built when the field first needs it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from msc_desk.catalogue import MISSING_DATA_REASONS

if TYPE_CHECKING:
    from msc_desk.ui.visits.field_row import FieldRow

CONVERSION_INPUTS = ("drug_mg", "syringe_ml", "weight_kg")


def combo_with_codes(parent: QWidget, items: Sequence[tuple[str, str | None]]) -> QComboBox:
    """A chooser whose items carry codes; "no choice" is stored as "" (never None as data)."""
    combo = QComboBox(parent)
    for text, code in items:
        combo.addItem(text, code or "")
    return combo


class FieldControls:
    """The detail line of a field: conversion inputs, tartrate, confirmation, missing reason."""

    def __init__(self, row: FieldRow, parent: QWidget) -> None:
        texts = row._control_texts()
        self.box = QWidget(parent)
        line = QHBoxLayout(self.box)
        line.setContentsMargins(0, 0, 0, 0)
        self.inputs: dict[str, QLineEdit] = {}
        self.captions: dict[str, QLabel] = {}
        for name, text in zip(CONVERSION_INPUTS, row._input_labels(), strict=True):
            caption = QLabel(text, self.box)
            edit = QLineEdit(self.box)
            edit.setMaximumWidth(80)
            edit.setToolTip(text)
            caption.setBuddy(edit)
            edit.textChanged.connect(row.changed)
            self.inputs[name] = edit
            self.captions[name] = caption
            line.addWidget(caption)
            line.addWidget(edit)
        self.tartrate = QCheckBox(texts["tartrate"], self.box)
        self.tartrate.toggled.connect(row.changed)
        line.addWidget(self.tartrate)
        self.confirm = QCheckBox(texts["confirm"], self.box)
        self.confirm.toggled.connect(row.changed)
        line.addWidget(self.confirm)
        reasons = [(texts["no_reason"], None)] + [
            (choice.ru if row._language == "ru" else choice.en, choice.code)
            for choice in MISSING_DATA_REASONS
        ]
        self.reason = combo_with_codes(self.box, reasons)
        self.reason.currentIndexChanged.connect(row._on_reason)
        line.addWidget(self.reason)
        self.reason_text = QLineEdit(self.box)
        self.reason_text.setPlaceholderText(texts["why"])
        self.reason_text.setMaxLength(200)
        self.reason_text.textChanged.connect(row.changed)
        line.addWidget(self.reason_text)
        line.addStretch(1)
        for widget in self.widgets():
            widget.setVisible(False)
        self.box.setVisible(False)

    def widgets(self) -> list[QWidget]:
        """In Tab order."""
        captions: list[QWidget] = list(self.captions.values())
        return [*self.focus_widgets(), *captions]

    def focus_widgets(self) -> list[QWidget]:
        inputs: list[QWidget] = list(self.inputs.values())
        return [*inputs, self.tartrate, self.confirm, self.reason, self.reason_text]
