"""Paper back-up forms: every catalogue field of each visit, units, ranges and missing codes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pdf_tools import pdf_pages, pdf_text

from msc_desk import catalogue
from msc_desk.catalogue import Field, FieldType, Form, Section, Unit
from msc_desk.catalogue.records import MISSING_REASON
from msc_desk.catalogue.schema import ALL_VISITS, span
from msc_desk.reports.blank_forms import build_blank_forms, paper_forms, range_text
from msc_desk.reports.page import PageStamp

STAMP = PageStamp(
    "Бумажные формы визитов", datetime(2026, 11, 20, 9, tzinfo=UTC), None, write_in="Номер пациента"
)


def _form_text(day: int, folder: Path) -> str:
    # A narrow cell may wrap a label after its hyphen ("катетер-" / "ассоциированная").
    return pdf_text(build_blank_forms(STAMP, days=[day]), folder).replace("- ", "-")


def _shown_unit(item: Field) -> str | None:
    return item.unit.ru if item.unit is not None and item.unit.ru else None


@pytest.mark.parametrize("day", catalogue.VISIT_DAYS)
def test_each_visit_form_prints_every_field_with_unit_range_and_choices(
    day: int, tmp_path: Path
) -> None:
    text = _form_text(day, tmp_path)
    form = catalogue.BASELINE_FORM if day == 0 else catalogue.VISIT_FORM
    expected = [item for item in form.fields() if day in item.visits]
    assert expected
    missing = []
    for item in expected:
        wanted = [item.label_ru, *filter(None, [_shown_unit(item)])]
        wanted += [choice.ru for choice in item.choices]
        wanted += [alt.unit.ru for alt in item.alternatives]
        wanted += range_text(item).split("\n") if item.plausible or item.possible else []
        missing += [f"{item.name}: {word}" for word in wanted if word not in text]
    assert missing == []
    for section in form.sections:
        if any(day in item.visits for item in section.fields):
            assert section.title_ru in text


def test_a_visit_after_baseline_leaves_out_the_baseline_only_fields(tmp_path: Path) -> None:
    text = _form_text(7, tmp_path)
    assert "Визит: день 7" in text and "Креатинин" in text
    assert "Масса тела" not in text and "Причина нейтропении" not in text
    assert "Исходный визит (день 0)" in _form_text(0, tmp_path)


def test_ranges_units_alternatives_and_conditions_are_printed_beside_the_field(
    tmp_path: Path,
) -> None:
    text = _form_text(2, tmp_path)
    assert "Креатинин ☐ мкмоль/л ☐ мг/дл ожид. 20–800 допуст. 5–3000" in text
    assert "FiO₂ ☐ доля (0,21–1,0) ☐ % ожид. 0,21–1,0 допуст. 0,21–1,0" in text
    assert "заполняется, если «Седация»: Да" in text
    assert "заполняется, если «ЭКГ»: другое (текст)" in text
    assert "PaO₂/FiO₂ рассчитывается программой" in text


def test_missing_data_codes_are_explained_and_printed_beside_each_required_field(
    tmp_path: Path,
) -> None:
    pages = pdf_pages(build_blank_forms(STAMP, days=[3]), tmp_path)
    text = " ".join(pages)
    for number, reason in enumerate(MISSING_REASON, start=1):
        assert f"{number} — {reason.ru}" in text
    codes = " ".join(str(number) for number in range(1, len(MISSING_REASON) + 1))
    required = [i for i in catalogue.VISIT_FORM.fields() if i.required and not i.computed]
    assert text.count(codes) == len(required)


def test_every_page_has_a_line_for_the_patient_and_says_which_visit(tmp_path: Path) -> None:
    pages = pdf_pages(build_blank_forms(STAMP), tmp_path)
    assert len(pages) >= len(catalogue.VISIT_DAYS)
    for number, page in enumerate(pages, start=1):
        assert "Номер пациента: ____" in page
        assert f"стр. {number} из {len(pages)}" in page
        assert "Исходный визит (день 0)" in page or "Визит: день" in page
    starts = [page for page in pages if "— бумажная форма" in page]
    assert len(starts) == len(catalogue.VISIT_DAYS)


def test_a_field_added_to_the_catalogue_is_on_the_paper_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    presepsin = Field(
        "presepsin",
        "Пресепсин",
        "Presepsin",
        FieldType.DECIMAL,
        unit=Unit("пг/мл (тест)", "pg/mL"),
        plausible=span("50", "3000"),
        possible=span("0", "20000"),
        visits=ALL_VISITS,
    )
    visit = catalogue.VISIT_FORM
    extra = Section("extra", "Новые показатели", "New", (presepsin,))
    changed = replace(visit, sections=(*visit.sections, extra))
    forms: tuple[Form, ...] = tuple(
        changed if form.code == "visit" else form for form in catalogue.FORMS
    )
    before = _form_text(14, tmp_path)
    assert "Пресепсин" not in before
    monkeypatch.setattr(catalogue, "FORMS", forms)
    after = _form_text(14, tmp_path)
    assert "Новые показатели" in after
    assert "Пресепсин пг/мл (тест) ожид. 50–3000 допуст. 0–20000" in after
    assert [form.fields()[-1].name for form in paper_forms() if form.day == 14] == ["presepsin"]


def test_only_protocol_visit_days_are_printed() -> None:
    with pytest.raises(ValueError, match="not protocol visit days"):
        build_blank_forms(STAMP, days=[5])
