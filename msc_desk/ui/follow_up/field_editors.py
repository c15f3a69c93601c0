"""Editors drawn from catalogue fields: a choice, yes/no, a whole number, text, an instant."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from msc_desk.catalogue import Field, FieldType
from msc_desk.ui.audit.audit_text import language
from msc_desk.ui.locale_input import DateTimeInput

Editor = QComboBox | QLineEdit | QPlainTextEdit | DateTimeInput


class FieldEditor:
    """One catalogue field's input widget, with its value as the services take it."""

    def __init__(self, item: Field, parent: QWidget) -> None:
        self.item = item
        self.widget: Editor
        if item.type is FieldType.CHOICE:
            combo = QComboBox(parent)
            combo.addItem("", None)
            for choice in item.choices:
                combo.addItem(choice.ru if language() == "ru" else choice.en, choice.code)
            self.widget = combo
        elif item.type is FieldType.BOOLEAN:
            combo = QComboBox(parent)
            combo.addItem("", None)
            combo.addItem(QCoreApplication.translate("FieldEditor", "Yes"), True)
            combo.addItem(QCoreApplication.translate("FieldEditor", "No"), False)
            self.widget = combo
        elif item.type is FieldType.INSTANT:
            self.widget = DateTimeInput(parent)
        elif item.type is FieldType.TEXT and (item.max_length or 0) > 200:
            text = QPlainTextEdit(parent)
            text.setTabChangesFocus(True)
            text.setFixedHeight(text.fontMetrics().height() * 3 + 12)
            self.widget = text
        else:
            line = QLineEdit(parent)
            if item.max_length:
                line.setMaxLength(item.max_length)
            self.widget = line
        self.widget.setObjectName(item.name)

    def label(self) -> str:
        return self.item.label(language())

    def value(self) -> object:
        """What was entered: a code, True/False, an int (or the text as typed), text, an instant."""
        widget = self.widget
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, DateTimeInput):
            return widget.value()
        text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
        if not text.strip():
            return None
        if self.item.type is FieldType.INTEGER:
            stripped = text.strip()
            return int(stripped) if stripped.isdigit() else stripped
        return text

    def set_value(self, value: object) -> None:
        widget = self.widget
        if isinstance(widget, QComboBox):
            found = widget.findData(value)
            widget.setCurrentIndex(max(found, 0))
        elif isinstance(widget, DateTimeInput):
            widget.set_value(value if isinstance(value, datetime) else None)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText("" if value is None else str(value))
        else:
            widget.setText("" if value is None else str(value))

    def set_enabled(self, enabled: bool) -> None:
        self.widget.setEnabled(enabled)

    def set_marked(self, count: int, tooltip: str) -> None:
        """An open query on this field: an amber frame and the query count in the tooltip."""
        style = "border: 2px solid #d97706;" if count else ""
        target = self.widget.date_edit if isinstance(self.widget, DateTimeInput) else self.widget
        target.setStyleSheet(style)
        target.setToolTip(tooltip if count else "")
