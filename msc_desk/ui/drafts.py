"""Drafts: what was typed into a form, kept outside the widgets while the screen is locked."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QWidget


@dataclass(frozen=True)
class Draft:
    """Field values in widget-tree order; a form rebuilt the same way takes them back."""

    texts: tuple[str, ...]
    choices: tuple[int, ...]
    checks: tuple[bool, ...]


def capture_draft(form: QWidget) -> Draft:
    """Read every line edit, combo box and checkable button under `form`."""
    return Draft(
        texts=tuple(edit.text() for edit in _line_edits(form)),
        choices=tuple(box.currentIndex() for box in form.findChildren(QComboBox)),
        checks=tuple(button.isChecked() for button in _checkables(form)),
    )


def restore_draft(form: QWidget, draft: Draft) -> bool:
    """Put a draft back into a freshly built form; False (and nothing changed) if it differs."""
    edits, boxes, buttons = _line_edits(form), form.findChildren(QComboBox), _checkables(form)
    if (len(edits), len(boxes), len(buttons)) != (
        len(draft.texts),
        len(draft.choices),
        len(draft.checks),
    ):
        return False
    for box, index in zip(boxes, draft.choices, strict=True):
        box.setCurrentIndex(index)
    for button, checked in zip(buttons, draft.checks, strict=True):
        button.setChecked(checked)
    for edit, text in zip(edits, draft.texts, strict=True):
        edit.setText(text)
    return True


def _line_edits(form: QWidget) -> list[QLineEdit]:
    # Combo boxes own a line edit when editable; their index already carries the value.
    return [
        edit for edit in form.findChildren(QLineEdit) if not isinstance(edit.parent(), QComboBox)
    ]


def _checkables(form: QWidget) -> list[QAbstractButton]:
    return [button for button in form.findChildren(QAbstractButton) if button.isCheckable()]
