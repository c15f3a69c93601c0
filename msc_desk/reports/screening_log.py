"""The screening log on paper: CONSORT-style counts, then each screened patient (no identifiers)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from msc_desk.catalogue.screening_criteria import FAILURES, failure_wording
from msc_desk.reports.blocks import Cell, data_table, heading, para, styles
from msc_desk.reports.page import PageStamp, RunningTitle, moscow_time, render_pdf
from msc_desk.reports.progress import Progress, no_progress

TITLE = "Журнал скрининга"


@dataclass(frozen=True)
class ScreenedPatient:
    """One line of the log: what the report may show, and nothing that identifies the patient."""

    study_id: str
    screened_at: datetime
    eligible: bool
    failed_criteria: tuple[str, ...]
    randomized: bool


@dataclass(frozen=True)
class ScreeningLogData:
    study: str
    site: str
    patients: tuple[ScreenedPatient, ...]


def decision(patient: ScreenedPatient) -> str:
    if patient.randomized:
        return "Включён, рандомизирован"
    if patient.eligible:
        return "Соответствует критериям, не рандомизирован"
    return "Не включён"


def _reasons(patients: Sequence[ScreenedPatient]) -> list[tuple[str, int]]:
    counted: Counter[str] = Counter()
    for patient in patients:
        if not patient.eligible:
            counted.update(patient.failed_criteria)
    order = list(FAILURES)
    return sorted(
        counted.items(),
        key=lambda item: (-item[1], order.index(item[0]) if item[0] in order else len(order)),
    )


def _counts(data: ScreeningLogData) -> list[Flowable]:
    look = styles()
    patients = data.patients
    excluded = [patient for patient in patients if not patient.eligible]
    rows: list[list[Cell]] = [
        ["Прошли скрининг", str(len(patients))],
        ["Не включены", str(len(excluded))],
    ]
    rows += [
        [para(failure_wording(code, "ru"), look.cell_indented), str(n)]
        for code, n in _reasons(patients)
    ]
    rows += [
        [
            "Соответствуют критериям, не рандомизированы",
            str(sum(1 for p in patients if p.eligible and not p.randomized)),
        ],
        ["Рандомизированы", str(sum(1 for p in patients if p.randomized))],
    ]
    return [
        RunningTitle("Поток пациентов (CONSORT)"),
        *heading("Поток пациентов (CONSORT)"),
        data_table(["Этап", "Пациентов"], rows, [140 * mm, 35 * mm], zebra=False),
        Spacer(1, 1.5 * mm),
        para(
            "Пациент, не включённый по нескольким причинам, учтён под каждой из них. "
            "Распределение по группам приводится в сводке исследования.",
            look.note,
        ),
    ]


def _log_table(data: ScreeningLogData) -> list[Flowable]:
    look = styles()
    if not data.patients:
        return [
            RunningTitle("Пациенты"),
            *heading("Пациенты"),
            para("Скрининг ещё не проводился.", look.body),
        ]
    rows = [
        [
            str(number),
            patient.study_id,
            moscow_time(patient.screened_at),
            decision(patient),
            "; ".join(failure_wording(code, "ru") for code in patient.failed_criteria) or "—",
        ]
        for number, patient in enumerate(data.patients, start=1)
    ]
    header = ["№", "Номер в исследовании", "Скрининг (МСК)", "Решение", "Невыполненные критерии"]
    widths = [9 * mm, 28 * mm, 30 * mm, 46 * mm, 62 * mm]
    return [RunningTitle("Пациенты"), *heading("Пациенты"), data_table(header, rows, widths)]


def build_screening_log(
    data: ScreeningLogData, stamp: PageStamp, progress: Progress = no_progress
) -> bytes:
    """The screening log as a PDF: counts, then one row per screened patient in screening order."""
    look = styles()
    story: list[Flowable] = [
        para(TITLE, look.title),
        para(" · ".join(filter(None, (f"Исследование {data.study}", data.site))), look.body),
        para(
            "Журнал не содержит ФИО, номеров историй болезни и дат рождения: "
            "пациенты указаны только номером в исследовании.",
            look.note,
        ),
        Spacer(1, 2 * mm),
        *_counts(data),
        *_log_table(data),
    ]
    return render_pdf(story, stamp, title=TITLE, subject=data.study, progress=progress)
