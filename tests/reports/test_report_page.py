"""The report page: A4, Cyrillic as real text, the stamp on every page, tables that split whole."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pdf_tools import pdf_pages, poppler
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from msc_desk.reports.blocks import data_table, heading, para, styles
from msc_desk.reports.page import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    ChainHead,
    PageStamp,
    RunningTitle,
    render_pdf,
)
from msc_desk.resources import resource_path, resource_root

PRINTED = datetime(2026, 11, 20, 21, 5, tzinfo=UTC)  # 21 ноября, 00:05 в Москве
HEAD = ChainHead(4821, "9f3a07c2d41be8e05a6c7d12e4f0b9a3" * 2)
STAMP = PageStamp("MSC-01-007", PRINTED, HEAD)


def _long_table(rows: int) -> list[object]:
    body = [[str(n), f"Строка {n}", "Креатинин, мкмоль/л"] for n in range(1, rows + 1)]
    return [
        para("Проверка разбиения", styles().title),
        *heading("Таблица"),
        data_table(["№", "Показатель", "Единица"], body, [20 * mm, 80 * mm, 75 * mm]),
    ]


def test_every_page_carries_heading_page_of_total_print_time_and_chain_head(
    tmp_path: Path,
) -> None:
    pages = pdf_pages(render_pdf(_long_table(150), STAMP, title="t"), tmp_path)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "MSC-01-007" in page
        assert f"стр. {number} из {len(pages)}" in page
        assert "Напечатано: 21.11.2026 00:05 МСК" in page
        assert "Журнал аудита: 4821 · 9F3A 07C2 D41B E8E0" in page


def test_a_long_table_repeats_its_header_and_loses_no_row(tmp_path: Path) -> None:
    pages = pdf_pages(render_pdf(_long_table(150), STAMP, title="t"), tmp_path)
    for page in pages:
        assert page.count("Показатель Единица") == 1
    found = [int(n) for page in pages for n in re.findall(r"Строка (\d+)", page)]
    assert found == list(range(1, 151))


def test_a_heading_is_not_left_alone_at_the_foot_of_a_page(tmp_path: Path) -> None:
    # About 11 mm are left inside the frame: room for the heading, not for the text under it.
    story = [
        Spacer(1, FRAME_HEIGHT - 16 * mm),
        *heading("Раздел внизу"),
        para("Текст", styles().body),
    ]
    pages = pdf_pages(render_pdf(story, STAMP, title="t"), tmp_path)
    page = next(page for page in pages if "Раздел внизу" in page)
    assert "Текст" in page


def test_the_running_title_names_the_part_from_its_page_on(tmp_path: Path) -> None:
    story = [RunningTitle("Визит: день 7"), *_long_table(120)]
    pages = pdf_pages(render_pdf(story, STAMP, title="t"), tmp_path)
    assert all("MSC-01-007 · Визит: день 7" in page for page in pages)


def test_text_is_real_text_in_embedded_dejavu_on_a4(tmp_path: Path) -> None:
    path = tmp_path / "a4.pdf"
    path.write_bytes(render_pdf([para("Нейтрофилы ≤ 1,0 ×10⁹/л", styles().body)], STAMP, title="t"))
    fonts = subprocess.run(
        [poppler("pdffonts"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "DejaVuSans" in fonts and "Helvetica" not in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # embedded
    info = subprocess.run(
        [poppler("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "595.276 x 841.89 pts (A4)" in info
    assert "Нейтрофилы ≤ 1,0 ×10⁹/л" in pdf_pages(path.read_bytes(), tmp_path)[0]


def test_data_is_printed_as_written_never_read_as_markup(tmp_path: Path) -> None:
    story = [data_table(["Поле"], [["<b>жирный</b> & <font size=40>"]], [FRAME_WIDTH])]
    text = pdf_pages(render_pdf(story, STAMP, title="t"), tmp_path)[0]
    assert "<b>жирный</b> & <font size=40>" in text


def test_a_stamp_needs_an_aware_print_time_and_may_have_no_chain_head(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        PageStamp("x", datetime(2026, 1, 1), None)
    blank = PageStamp("Бланки", PRINTED, None, write_in="Номер пациента")
    page = pdf_pages(render_pdf([para("—", styles().body)], blank, title="t"), tmp_path)[0]
    assert "Журнал аудита" not in page and "Номер пациента: ____" in page


def test_chain_head_short_form_is_the_written_down_form() -> None:
    assert HEAD.short() == "4821 · 9F3A 07C2 D41B E8E0"


def test_resources_resolve_in_the_source_tree_and_in_a_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resource_path("fonts", "DejaVuSans-Bold.ttf").is_file()
    assert resource_path("fonts", "LICENSE_DEJAVU").is_file()
    with pytest.raises(FileNotFoundError):
        resource_path("fonts", "Helvetica.ttf")
    bundled = tmp_path / "resources" / "fonts"
    bundled.mkdir(parents=True)
    (bundled / "DejaVuSans.ttf").write_bytes(b"font")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_root() == tmp_path / "resources"
    assert resource_path("fonts", "DejaVuSans.ttf") == bundled / "DejaVuSans.ttf"
    with pytest.raises(FileNotFoundError):
        resource_path("fonts", "DejaVuSans-Bold.ttf")


def test_a_running_title_too_long_for_the_header_is_cut_at_a_word(tmp_path: Path) -> None:
    title = "Динамика SOFA: медиана (межквартильный размах), число пациентов " * 3
    story = [RunningTitle(title.strip()), para("Текст", styles().body)]
    page = pdf_pages(render_pdf(story, STAMP, title="t"), tmp_path)[0]
    header = page.split("Текст", 1)[1].split("Напечатано:")[0].strip()
    assert header.startswith("MSC-01-007 · Динамика SOFA: медиана")
    assert header.endswith("…"), header
    assert header.count("Динамика SOFA") < 3
