"""The data dictionary: one flat row per form field, as a REDCap data dictionary lays it out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from msc_desk.catalogue.schema import Field, Form, Range


@dataclass(frozen=True)
class DictionaryRow:
    """One field of one form, every attribute as text (for CSV, PDF or ODM metadata)."""

    form: str
    section: str
    name: str
    label: str
    type: str
    unit: str
    choices: str
    alternatives: str
    plausible: str
    possible: str
    required: str
    visits: str


def _number(value: Decimal, language: str) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",") if language == "ru" else text


def _range(span: Range | None, language: str) -> str:
    if span is None:
        return ""
    return f"{_number(span.low, language)}–{_number(span.high, language)}"


def _required(item: Field) -> str:
    if item.computed:
        return "computed"
    if not item.required:
        return "no"
    if item.required_if is None:
        return "yes"
    equals = item.required_if.equals
    shown = ("true" if equals else "false") if isinstance(equals, bool) else str(equals)
    return f"if {item.required_if.field} = {shown}"


def _row(form: Form, section: str, item: Field, language: str) -> DictionaryRow:
    ru = language == "ru"
    return DictionaryRow(
        form=form.code,
        section=section,
        name=item.name,
        label=item.label(language),
        type=item.type.value,
        unit=item.unit_text(language),
        choices=" | ".join(f"{c.code}={c.ru if ru else c.en}" for c in item.choices),
        alternatives=" | ".join(
            f"{(alt.unit.ru if ru else alt.unit.en)} {alt.rule_ru if ru else alt.rule_en}"
            for alt in item.alternatives
        ),
        plausible=_range(item.plausible, language),
        possible=_range(item.possible, language),
        required=_required(item),
        visits=",".join(str(day) for day in sorted(item.visits)),
    )


def dictionary_rows(forms: tuple[Form, ...], language: str = "ru") -> list[DictionaryRow]:
    """Every field of `forms`, form by form and section by section, in the given language."""
    return [
        _row(form, section.code, item, language)
        for form in forms
        for section in form.sections
        for item in section.fields
    ]
