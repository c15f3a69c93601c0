"""The patient casebook on paper: every form of one patient, its queries, signatures and audit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from msc_desk.reports.blocks import data_table, heading, para, styles
from msc_desk.reports.page import FRAME_WIDTH, PageStamp, RunningTitle, render_pdf
from msc_desk.reports.progress import Progress, no_progress

TITLE = "Индивидуальная регистрационная карта"

Pairs = tuple[tuple[str, str], ...]
"""Label and value, as printed (the service formats values, units and times)."""


@dataclass(frozen=True)
class ObservationLine:
    label: str
    value: str
    unit: str
    entered_as: str = ""
    """The value and unit as entered when it was converted, else empty."""
    missing_reason: str = ""


@dataclass(frozen=True)
class SofaLine:
    """Organ points as printed ("—": not assessable), and the total."""

    respiration: str
    coagulation: str
    liver: str
    cardiovascular: str
    cns: str
    renal: str
    total: str


@dataclass(frozen=True)
class VisitForm:
    title: str
    details: Pairs
    observations: tuple[ObservationLine, ...]
    sofa: SofaLine | None


@dataclass(frozen=True)
class CasebookData:
    """One patient's record as the reader may see it (no arm and no infusion when blinded).

    Table rows are tuples of printed strings in the column order of their section's header.
    """

    study: str
    study_id: str
    site: str
    cover: Pairs
    screening: Pairs
    failed_criteria: tuple[str, ...]
    randomization: Pairs
    infusions: tuple[Pairs, ...]
    visits: tuple[VisitForm, ...]
    adverse_events: tuple[tuple[str, ...], ...]
    outcome: Pairs
    queries: tuple[tuple[str, ...], ...]
    signatures: tuple[tuple[str, ...], ...]
    audit_by_form: tuple[tuple[str, str, str], ...]
    audit_total: str
    notes: tuple[str, ...] = field(default=())


AE_HEADER = ("№", "Явление", "Начало (МСК)", "Степень", "Серьёзное", "Исход", "Окончание (МСК)")
QUERY_HEADER = ("Поле", "Вопрос", "Задан", "Ответ", "Статус")
SIGNATURE_HEADER = ("Что подписано", "Значение подписи", "Подписал", "Время (МСК)", "Статус")
SOFA_HEADER = ("Дыхание", "Коагуляция", "Печень", "ССС", "ЦНС", "Почки", "Сумма")


def _pairs_table(pairs: Pairs) -> Flowable:
    widths = [60 * mm, FRAME_WIDTH - 60 * mm]
    return data_table(["Показатель", "Значение"], [list(pair) for pair in pairs], widths)


def _section(title: str, body: Sequence[Flowable]) -> list[Flowable]:
    return [RunningTitle(title), *heading(title), *body, Spacer(1, 3 * mm)]


def _cover(data: CasebookData) -> list[Flowable]:
    look = styles()
    return [
        para(TITLE, look.title),
        para(f"Исследование {data.study}" + (f" · {data.site}" if data.site else ""), look.body),
        para(f"Номер пациента: {data.study_id}", look.title),
        Spacer(1, 4 * mm),
        _pairs_table(data.cover),
        Spacer(1, 3 * mm),
        *[para(note, look.note) for note in data.notes],
        para(
            "Карта не содержит ФИО и номера истории болезни. Время указано московское. "
            "Внизу каждой страницы — время печати и состояние журнала аудита на этот момент "
            "(число записей и начало хэша): проверка целостности в программе покажет, "
            "изменялась ли карта после печати.",
            look.note,
        ),
        PageBreak(),
    ]


def _screening(data: CasebookData) -> list[Flowable]:
    look = styles()
    failed = (
        [para("Невыполненные критерии: " + "; ".join(data.failed_criteria), look.body)]
        if data.failed_criteria
        else []
    )
    return _section("Скрининг и критерии включения", [_pairs_table(data.screening), *failed])


def _infusions(data: CasebookData) -> list[Flowable]:
    body: list[Flowable] = []
    for number, record in enumerate(data.infusions, start=1):
        if len(data.infusions) > 1:
            body.append(para(f"Введение {number}", styles().cell_head))
        body += [_pairs_table(record), Spacer(1, 2 * mm)]
    return _section("Введение клеточного продукта", body) if body else []


def _visit(visit: VisitForm) -> list[Flowable]:
    look = styles()
    body: list[Flowable] = [_pairs_table(visit.details), Spacer(1, 2 * mm)]
    if visit.observations:
        header = ["Показатель", "Значение", "Единица", "Введено как", "Причина отсутствия"]
        widths = [52 * mm, 25 * mm, 30 * mm, 35 * mm, 33 * mm]
        rows = [
            [line.label, line.value, line.unit, line.entered_as, line.missing_reason]
            for line in visit.observations
        ]
        body.append(data_table(header, rows, widths))
    else:
        body.append(para("Показатели визита не внесены.", look.note))
    if visit.sofa is not None:
        s = visit.sofa
        row = [s.respiration, s.coagulation, s.liver, s.cardiovascular, s.cns, s.renal, s.total]
        body += [
            Spacer(1, 2 * mm),
            para("SOFA, баллы по системам органов", look.cell_head),
            data_table(SOFA_HEADER, [row], [FRAME_WIDTH / 7] * 7, zebra=False),
        ]
    return _section(visit.title, body)


def _table_section(
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    empty: str,
) -> list[Flowable]:
    if not rows:
        return _section(title, [para(empty, styles().body)])
    return _section(title, [data_table(header, [list(row) for row in rows], widths)])


def _adverse_events(data: CasebookData) -> list[Flowable]:
    widths = [8 * mm, 57 * mm, 22 * mm, 17 * mm, 21 * mm, 28 * mm, 22 * mm]
    return _table_section(
        "Нежелательные явления", AE_HEADER, data.adverse_events, widths, "Не зарегистрированы."
    )


def _audit(data: CasebookData) -> list[Flowable]:
    widths = [75 * mm, 35 * mm, 65 * mm]
    rows = [list(row) for row in data.audit_by_form]
    body: list[Flowable] = [para(data.audit_total, styles().body)]
    if rows:
        body.append(data_table(["Форма", "Изменений", "Последнее изменение (МСК)"], rows, widths))
    return _section("Сводка журнала аудита", body)


def build_casebook(data: CasebookData, stamp: PageStamp, progress: Progress = no_progress) -> bytes:
    """The casebook as a PDF: cover, screening, randomization, infusion, visits, events, audit."""
    story: list[Flowable] = [*_cover(data), *_screening(data)]
    story += _section("Рандомизация", [_pairs_table(data.randomization)])
    story += _infusions(data)
    for visit in data.visits:
        story += _visit(visit)
    story += _adverse_events(data)
    story += _section("Исход", [_pairs_table(data.outcome)])
    story += _table_section(
        "Запросы по данным",
        QUERY_HEADER,
        data.queries,
        [30 * mm, 50 * mm, 27 * mm, 45 * mm, 23 * mm],
        "Запросов не было.",
    )
    story += _table_section(
        "Подписи",
        SIGNATURE_HEADER,
        data.signatures,
        [35 * mm, 50 * mm, 35 * mm, 27 * mm, 28 * mm],
        "Подписей нет.",
    )
    story += _audit(data)
    return render_pdf(
        story, stamp, title=f"{TITLE} {data.study_id}", subject=data.study, progress=progress
    )
