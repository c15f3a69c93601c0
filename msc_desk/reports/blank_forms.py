"""Blank paper back-up forms, drawn from the field catalogue: one per protocol visit.

What the ward writes when the laptop is down must go back into the digital form unchanged, so
the paper carries the same fields in the same order, with the units, the ranges, the choices as
tick boxes and the missing-data codes beside each field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from msc_desk import catalogue
from msc_desk.catalogue import Field, FieldType, Form, Range, Section
from msc_desk.catalogue.records import MISSING_REASON
from msc_desk.protocol import STUDY
from msc_desk.reports.blocks import DASH, data_table, heading, number, para, styles, text
from msc_desk.reports.page import PageStamp, RunningTitle, render_pdf
from msc_desk.reports.progress import Progress, no_progress

TITLE = "Бумажные формы визитов"
BOX = "☐"
BASELINE_DAY = 0
_WIDTHS = (48 * mm, 48 * mm, 26 * mm, 29 * mm, 24 * mm)
"""The value column fits the longest unbreakable choice («☐ катетер-ассоциированная»)."""
_HEADER = ("Показатель", "Значение", "Единица", "Диапазон", "Нет данных: код")


@dataclass(frozen=True)
class PaperForm:
    """The fields of one visit's form, section by section, as the digital form shows them."""

    day: int
    title: str
    sections: tuple[Section, ...]

    def fields(self) -> tuple[Field, ...]:
        return tuple(item for section in self.sections for item in section.fields)


def _catalogue_form(code: str) -> Form:
    # Read at call time: a field added to the catalogue is on the next paper form printed.
    return next(form for form in catalogue.FORMS if form.code == code)


def paper_forms() -> tuple[PaperForm, ...]:
    """Baseline (day 0) and days 2–28: each visit's fields, as the catalogue has them now."""
    forms = []
    for day in catalogue.VISIT_DAYS:
        form = _catalogue_form("baseline" if day == BASELINE_DAY else "visit")
        baseline = day == BASELINE_DAY
        title = f"{form.title_ru} (день 0)" if baseline else f"{form.title_ru}: день {day}"
        sections = tuple(
            Section(section.code, section.title_ru, section.title_en, kept)
            for section in form.sections
            if (kept := tuple(item for item in section.fields if day in item.visits))
        )
        forms.append(PaperForm(day, title, sections))
    return tuple(forms)


def missing_codes() -> tuple[tuple[int, str], ...]:
    """The missing-data reasons as numbered codes to circle: (number, Russian label)."""
    return tuple((index, reason.ru) for index, reason in enumerate(MISSING_REASON, start=1))


def range_text(item: Field) -> str:
    lines = []
    if item.plausible is not None:
        lines.append(f"ожид. {_span(item.plausible)}")
    if item.possible is not None:
        lines.append(f"допуст. {_span(item.possible)}")
    return "\n".join(lines) or DASH


def _span(bounds: Range) -> str:
    return f"{number(bounds.low)}–{number(bounds.high)}"


def _boxes(labels: Sequence[str]) -> str:
    return "\n".join(f"{BOX}\u00a0{label}" for label in labels)


def _value_cell(item: Field) -> str | Flowable:
    look = styles()
    if item.computed:
        return para("рассчитывается программой", look.cell_note)
    if item.type is FieldType.CHOICE:
        return _boxes([choice.ru for choice in item.choices])
    if item.type is FieldType.BOOLEAN:
        return f"{BOX} Да    {BOX} Нет"
    if item.type is FieldType.DATE:
        return "__.__.______"
    if item.type is FieldType.INSTANT:
        return "__.__.______   __:__ МСК"
    if item.type is FieldType.TEXT:
        return Spacer(1, 12 * mm)
    return Spacer(1, 7 * mm)


def _unit_cell(item: Field) -> str:
    if item.unit is None or not item.unit.ru:
        return DASH
    if not item.alternatives:
        return item.unit.ru
    return _boxes([item.unit.ru, *(alternative.unit.ru for alternative in item.alternatives)])


def _condition_text(item: Field, form_fields: dict[str, Field]) -> str | None:
    if item.required_if is None:
        return None
    source = form_fields.get(item.required_if.field)
    name = source.label_ru if source is not None else item.required_if.field
    wanted = item.required_if.equals
    if wanted is True or wanted is False:
        answer = "Да" if wanted else "Нет"
    else:
        found = source.choice(str(wanted)) if source is not None else None
        answer = found.ru if found is not None else str(wanted)
    return f"заполняется, если «{name}»: {answer}"


def _label_cell(item: Field, form_fields: dict[str, Field]) -> Flowable:
    look = styles()
    notes = [note for note in (_condition_text(item, form_fields),) if note]
    if item.max_length is not None and item.type is FieldType.TEXT:
        notes.append(f"не более {item.max_length} знаков")
    markup = text(item.label_ru) + "".join(f"<br/><i>{text(note)}</i>" for note in notes)
    return Paragraph(markup, look.cell)


def _missing_cell(item: Field) -> str:
    if item.computed or not item.required:
        return DASH
    return "  ".join(str(code) for code, _label in missing_codes())


def _section_table(section: Section, form_fields: dict[str, Field]) -> Flowable:
    rows = [
        [
            _label_cell(item, form_fields),
            _value_cell(item),
            _unit_cell(item),
            range_text(item),
            _missing_cell(item),
        ]
        for item in section.fields
    ]
    return data_table(_HEADER, rows, _WIDTHS, zebra=False)


def _legend() -> list[Flowable]:
    look = styles()
    codes = "; ".join(f"{code} — {label}" for code, label in missing_codes())
    return [
        para(
            f"{BOX} — отметьте один вариант; у показателя с несколькими единицами отметьте ту, "
            "в которой записано значение. Ожид. — ожидаемый диапазон: значение вне его "
            "перепроверьте. Допуст. — допустимый диапазон: значение вне его программа не примет.",
            look.note,
        ),
        para(f"Нет данных — обведите код причины: {codes}.", look.note),
    ]


def _write_ins() -> Flowable:
    return data_table(
        ["Номер пациента в исследовании", "Дата и время визита", "Заполнил(а): ФИО, подпись"],
        [[Spacer(1, 8 * mm), "__.__.______   __:__ МСК", ""]],
        [55 * mm, 50 * mm, 70 * mm],
        zebra=False,
    )


def _sign_off() -> Flowable:
    return data_table(
        ["Внесено в MSC Desk: ФИО, подпись", "Дата и время внесения"],
        [[Spacer(1, 8 * mm), "__.__.______   __:__ МСК"]],
        [105 * mm, 70 * mm],
        zebra=False,
    )


def form_story(form: PaperForm) -> list[Flowable]:
    """One visit's paper form, starting on a new page."""
    look = styles()
    form_fields = {item.name: item for item in form.fields()}
    story: list[Flowable] = [
        RunningTitle(form.title),
        para(f"{form.title} — бумажная форма", look.title),
        _write_ins(),
        Spacer(1, 2 * mm),
        *_legend(),
    ]
    for section in form.sections:
        story += [*heading(section.title_ru), _section_table(section, form_fields)]
    story += [*heading("Перенос в электронную форму"), _sign_off()]
    return story


def build_blank_forms(
    stamp: PageStamp, days: Sequence[int] | None = None, progress: Progress = no_progress
) -> bytes:
    """The blank forms of the given visit days (all protocol visits by default), as a PDF.

    Raises:
        ValueError: a day that is not a protocol visit.
    """
    forms = paper_forms()
    if days is not None:
        unknown = sorted(set(days) - {form.day for form in forms})
        if unknown:
            raise ValueError(f"not protocol visit days: {unknown}")
        forms = tuple(form for form in forms if form.day in days)
    story: list[Flowable] = []
    for index, form in enumerate(forms):
        if index:
            story.append(PageBreak())
        story += form_story(form)
    return render_pdf(story, stamp, title=TITLE, subject=STUDY, progress=progress)
