"""Printing reports from the database: rights, no identifiers, the chain head, the audit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest_randomization import CANARY_NAME, ELIGIBLE, Trial, make_trial
from pdf_tools import pdf_pages, pdf_text
from sqlalchemy import select

from msc_desk.models import AuditEntry
from msc_desk.models.database import SessionFactory
from msc_desk.services import reports
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.chain_head import head_is_prefix, parse_head
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.reports import (
    PRINTED_EVENT,
    ReportError,
    print_blank_forms,
    print_screening_log,
    read_chain_head,
)
from msc_desk.services.screening import ScreeningLogRow
from msc_desk.services.session import read_session, unit_of_work

CANARY_RECORD = "КАНАРЕЙКА-4417"


@pytest.fixture
def trial(tmp_path: Path) -> Iterator[Trial]:
    (tmp_path / "db").mkdir()
    trial = make_trial(tmp_path / "db")
    yield trial
    trial.engine.dispose()


def _screen_some(trial: Trial) -> None:
    trial.import_list()
    randomized = trial.screen(full_name=CANARY_NAME, medical_record_number=CANARY_RECORD)
    trial.randomize(randomized.patient_id)
    trial.screen(full_name=CANARY_NAME, medical_record_number=CANARY_RECORD, hours=2)
    trial.screen(
        anc_10e9_per_l=Decimal("1.6"),
        age_years=None,
        date_of_birth=date(1940, 1, 1),
        full_name=CANARY_NAME,
        medical_record_number=CANARY_RECORD,
        hours=3,
    )


def test_the_screening_log_prints_decisions_and_reasons_and_no_identifier(
    trial: Trial, tmp_path: Path
) -> None:
    _screen_some(trial)
    pdf = print_screening_log(trial.factory, trial.monitor, trial.clock)
    text = pdf_text(pdf, tmp_path)
    assert "Журнал скрининга" in text and "НМИЦ гематологии" in text
    assert "Прошли скрининг 3" in text and "Рандомизированы 1" in text
    assert "MSC-01-001" in text and "Включён, рандомизирован" in text
    assert "Соответствует критериям, не рандомизирован" in text
    assert "Нейтрофилы > 1,0 ×10⁹/л; Возраст > 75 лет" in text
    for identifier in (CANARY_NAME, "Канарейкина", CANARY_RECORD, ELIGIBLE.full_name, "1940"):
        assert identifier not in text
    assert "контроль" not in text.casefold() and "группа МСК" not in text


def test_the_printed_chain_head_is_the_one_before_the_print_was_audited(
    trial: Trial, tmp_path: Path
) -> None:
    _screen_some(trial)
    with read_session(trial.factory) as session:
        before = read_chain_head(session)
    pdf = print_screening_log(trial.factory, trial.investigator, trial.clock)
    for page in pdf_pages(pdf, tmp_path):
        assert f"Журнал аудита: {before.short()}" in page
        assert "Напечатано: 02.03.2026 04:30 МСК" in page  # onset 01:30 + 3 h
    with read_session(trial.factory) as session:
        after = read_chain_head(session)
        last = session.execute(
            select(AuditEntry.action, AuditEntry.username, AuditEntry.new_value)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).one()
    assert after.count == before.count + 1
    assert tuple(last) == (PRINTED_EVENT, "investigator", "screening_log: 3")


def test_a_reader_without_clinical_rights_gets_no_log_and_the_denial_is_audited(
    trial: Trial,
) -> None:
    _screen_some(trial)
    with pytest.raises(PermissionDenied):
        print_screening_log(trial.factory, trial.admin, trial.clock)
    with read_session(trial.factory) as session:
        actions = session.scalars(select(AuditEntry.action)).all()
    assert actions[-1] == "permission_denied" and PRINTED_EVENT not in actions


def test_blank_forms_need_no_data(trial: Trial, tmp_path: Path) -> None:
    pages = pdf_pages(print_blank_forms(trial.clock), tmp_path)
    assert "Креатинин" in " ".join(pages)
    assert all("Журнал аудита" not in page for page in pages)


def test_a_log_is_never_stamped_with_a_head_that_holds_changes_it_does_not_show(
    trial: Trial, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _screen_some(trial)
    original = reports.read_screening_log
    reads: list[int] = []

    def read_while_someone_writes(
        factory: SessionFactory, actor: Actor, **kw: Any
    ) -> list[ScreeningLogRow]:
        rows = original(factory, actor, **kw)
        if not reads:  # a patient screened on another screen just after the log was read
            trial.screen(hours=4)
        reads.append(len(rows))
        return rows

    monkeypatch.setattr(reports, "read_screening_log", read_while_someone_writes)
    pdf = print_screening_log(trial.factory, trial.investigator, trial.clock)
    assert reads == [3, 4]
    with read_session(trial.factory) as session:
        now = read_chain_head(session)
    text = pdf_text(pdf, tmp_path)
    assert "Прошли скрининг 4" in text
    assert f"Журнал аудита: {now.count - 1} · " in text  # the print's own entry came after


def test_a_record_that_never_stops_changing_is_not_printed(
    trial: Trial, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = reports.read_screening_log

    def always_writing(factory: SessionFactory, actor: Actor, **kw: Any) -> list[ScreeningLogRow]:
        with unit_of_work(factory, trial.nurse, clock=trial.clock) as session:
            record_event(session, "lock")
        return original(factory, actor, **kw)

    monkeypatch.setattr(reports, "read_screening_log", always_writing)
    with pytest.raises(ReportError, match="kept changing"):
        print_screening_log(trial.factory, trial.investigator, trial.clock)


def test_the_head_on_paper_is_what_the_integrity_check_takes_back(
    trial: Trial, tmp_path: Path
) -> None:
    _screen_some(trial)
    text = pdf_text(print_screening_log(trial.factory, trial.monitor, trial.clock), tmp_path)
    written = re.search(r"Журнал аудита: (\d+ · [0-9A-F ]+?) стр\.", text)
    assert written is not None
    parsed = parse_head(written[1])
    assert parsed is not None
    with read_session(trial.factory) as session:
        assert head_is_prefix(session, *parsed)
    trial.screen(hours=5)  # the record goes on: the paper's head stays a prefix
    with read_session(trial.factory) as session:
        assert head_is_prefix(session, *parsed)
        count, digits = parsed
        assert not head_is_prefix(session, count + 1, digits)
