"""The screening log PDF from plain rows: counts, one row per patient, reasons in Russian."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pdf_tools import pdf_pages, pdf_text

from msc_desk.catalogue.screening_criteria import FAILURES
from msc_desk.reports.page import ChainHead, PageStamp
from msc_desk.reports.screening_log import ScreenedPatient, ScreeningLogData, build_screening_log
from msc_desk.scoring import eligibility as crit

START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
STAMP = PageStamp("Журнал скрининга", START + timedelta(days=40), ChainHead(77, "ab12" * 16))


def _patient(n: int, failed: tuple[str, ...] = (), randomized: bool = False) -> ScreenedPatient:
    return ScreenedPatient(
        study_id=f"MSC-01-{n:03d}",
        screened_at=START + timedelta(hours=5 * n),
        eligible=not failed,
        failed_criteria=failed,
        randomized=randomized,
    )


def test_counts_rows_and_reasons_read_in_russian(tmp_path: Path) -> None:
    patients = (
        _patient(1, randomized=True),
        _patient(2, (crit.ANC_GT_1_0, crit.AGE_GT_75)),
        _patient(3),
        _patient(4, (crit.ANC_GT_1_0,)),
        _patient(5, (crit.CONSENT_NOT_SIGNED,)),
    )
    text = pdf_text(
        build_screening_log(ScreeningLogData("NCT01849237", "ОРИТ №2", patients), STAMP), tmp_path
    )
    assert "Журнал скрининга" in text and "Исследование NCT01849237 · ОРИТ №2" in text
    assert "Прошли скрининг 5" in text and "Не включены 3" in text
    assert "Нейтрофилы > 1,0 ×10⁹/л 2" in text  # counted under each of its reasons
    assert "Возраст > 75 лет 1" in text and "Информированное согласие не подписано 1" in text
    assert "Соответствуют критериям, не рандомизированы 1" in text
    assert "Рандомизированы 1" in text
    assert "1 MSC-01-001 02.03.2026 14:00 Включён, рандомизирован —" in text
    assert (
        "2 MSC-01-002 02.03.2026 19:00 Не включён Нейтрофилы > 1,0 ×10⁹/л; Возраст > 75 лет" in text
    )
    assert "3 MSC-01-003 03.03.2026 00:00 Соответствует критериям, не рандомизирован" in text


def test_every_failure_code_has_russian_words_in_the_log(tmp_path: Path) -> None:
    patients = tuple(_patient(n, (code,)) for n, code in enumerate(FAILURES, start=1))
    text = pdf_text(build_screening_log(ScreeningLogData("S", "", patients), STAMP), tmp_path)
    assert all(wording.ru in text for wording in FAILURES.values())
    assert not any(code in text for code in FAILURES)


def test_a_long_log_runs_over_pages_with_its_header_on_each(tmp_path: Path) -> None:
    patients = tuple(
        _patient(n, (crit.SHOCK_ONSET_GT_10H,) if n % 4 else ()) for n in range(1, 121)
    )
    pages = pdf_pages(build_screening_log(ScreeningLogData("S", "", patients), STAMP), tmp_path)
    assert len(pages) >= 3
    table_pages = [page for page in pages if "MSC-01-" in page]
    assert all("Номер в исследовании" in page for page in table_pages)
    listed = [f"MSC-01-{n:03d}" for n in range(1, 121)]
    assert all(sum(page.count(study_id) for page in pages) == 1 for study_id in listed)


def test_an_empty_log_says_so(tmp_path: Path) -> None:
    text = pdf_text(build_screening_log(ScreeningLogData("S", "", ()), STAMP), tmp_path)
    assert "Прошли скрининг 0" in text and "Скрининг ещё не проводился." in text
