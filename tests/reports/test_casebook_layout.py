"""A casebook whose rows are longer than a page prints every word, its header on each page."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from pdf_tools import pdf_pages

from msc_desk.reports import casebook
from msc_desk.reports.blocks import TALL_ROW, data_table
from msc_desk.reports.page import ChainHead, PageStamp

STAMP = PageStamp("MSC-01-007", datetime(2026, 11, 20, 21, 5, tzinfo=UTC), ChainHead(7, "ab" * 32))
LIMIT = 2000  # what the services let an AE description, a query or its answer hold


def _words(tag: str) -> str:
    """LIMIT characters of numbered words, so that a lost or repeated word shows."""
    words, n = [], 0
    while len(" ".join(words)) < LIMIT - 12:
        n += 1
        words.append(f"{tag}{n:03d}")
    return " ".join(words)


def _data(events: int = 3) -> casebook.CasebookData:
    description = _words("описание")
    return casebook.CasebookData(
        study="NCT01849237",
        study_id="MSC-01-007",
        site="ОРИТ",
        cover=(("Номер пациента", "MSC-01-007"),),
        screening=(("Время скрининга", "01.11.2026 10:00"),),
        failed_criteria=(),
        randomization=(("Время рандомизации", "01.11.2026 11:00"),),
        infusions=(),
        visits=(),
        adverse_events=tuple(
            (
                str(n),
                f"Явление {n}: " + "Т" * 180 + "\n" + description,
                "01.11.2026 12:00",
                "3",
                "Да",
                "смерть",
                "—",
            )
            for n in range(1, events + 1)
        ),  # fmt: skip
        outcome=(("Исход", "не внесён"),),
        queries=(
            ("Креатинин", _words("вопрос"), "02.11.2026 09:00\nИванова", _words("ответ"), "открыт"),
        ),
        signatures=(),
        audit_by_form=(),
        audit_total="Записей журнала аудита по пациенту: 12",
    )


def _numbers(text: str, tag: str) -> list[int]:
    return [int(n) for n in re.findall(rf"{tag}(\d{{3}})", text)]


def test_an_event_and_a_query_longer_than_a_page_print_whole(tmp_path: Path) -> None:
    pages = pdf_pages(casebook.build_casebook(_data(), STAMP), tmp_path)
    text = " ".join(pages)
    expected = _numbers(_words("описание"), "описание")
    assert _numbers(text, "описание") == expected * 3  # each event's every word, once, in order
    for tag in ("вопрос", "ответ"):
        assert _numbers(text, tag) == _numbers(_words(tag), tag), tag
    # A page the event table runs onto starts with its header again.
    continued = [page for page in pages if "описание" in page]
    assert len(continued) > 2
    assert all("Явление Начало (МСК) Степень" in page for page in continued)


def test_only_a_table_with_a_row_near_a_page_tall_may_split_its_rows() -> None:
    short = data_table(["А", "Б"], [["короткий текст", "x"]] * 40, [80, 80])
    tall = data_table(["А", "Б"], [[_words("слово"), "x"]], [80, 80])
    assert not short.splitInRow
    assert tall.splitInRow
    assert TALL_ROW > 100
