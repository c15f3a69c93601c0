"""What a reading of the visit form shows on its fields, and where a refused save sends the user."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLineEdit, QWidget

from msc_desk.catalogue import field as catalogue_field
from msc_desk.services.visit_entries import FormReading
from msc_desk.services.visit_forms import VisitFormRefused
from msc_desk.ui.visits.field_row import FieldRow, set_text
from msc_desk.ui.visits.messages import missing_reason_prompt, problem_text
from msc_desk.ui.visits.sofa_panel import value_text

_CONTEXT = "VisitFormDialog"
_REFUSALS = {
    "hard_stop": QT_TRANSLATE_NOOP("VisitFormDialog", "Impossible values, not saved: %1"),
    "unconfirmed": QT_TRANSLATE_NOOP("VisitFormDialog", "Confirm the unusual values: %1"),
    "missing_reasons": QT_TRANSLATE_NOOP(
        "VisitFormDialog", "Give a reason for each empty field: %1"
    ),
}


def show_reading(rows: dict[str, FieldRow], reading: FormReading, language: str) -> None:
    """Each field's message (impossible, unusual, reason wanted, converted) and computed value."""
    problems = {problem.field: problem for problem in reading.refusals + reading.warnings}
    for name, row in rows.items():
        if row.item.computed:
            value = reading.values.get(name)
            assert isinstance(row.value_widget, QLineEdit)
            set_text(row.value_widget, "" if value is None else str(value).replace(".", ","))
            continue
        problem = problems.get(name)
        if problem is not None:
            text = problem_text(row.item, problem, language)
            row.show_message(text, error=problem.hard, warning=not problem.hard)
        elif row.reason_wanted and row.is_empty() and row.reason_code() is None:
            row.show_message(missing_reason_prompt(), error=True, warning=False)
        else:
            converted = _converted(row, reading.values.get(name), language)
            row.show_message(converted, error=False, warning=row.confirmed())


def _converted(row: FieldRow, value: object, language: str) -> str:
    """'= value unit' for a value typed in another unit, so the conversion can be checked."""
    if row.unit_code() is None or not isinstance(value, Decimal | int):
        return ""
    return "= " + value_text(row.item, value, language)


def _names(refused: VisitFormRefused) -> list[str]:
    return [problem.field for problem in refused.problems] + list(refused.missing)


def refusal_text(refused: VisitFormRefused, language: str) -> str:
    """Why the save was refused, naming each field by its label."""
    labels = ", ".join(catalogue_field(name).label(language) for name in _names(refused))
    template = _REFUSALS.get(refused.code)
    text = "%1" if template is None else QCoreApplication.translate(_CONTEXT, str(template))
    return text.replace("%1", labels)


def refusal_focus(rows: dict[str, FieldRow], refused: VisitFormRefused) -> QWidget | None:
    """Where to put the cursor: the first named field's value, reason or confirmation box."""
    names = _names(refused)
    if not names:
        return None
    first = rows[names[0]]
    if refused.code == "missing_reasons":
        return first.reason
    if refused.code == "unconfirmed":
        return first.confirm
    return first.value_widget
