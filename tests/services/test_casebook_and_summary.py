"""The casebook and the trial summary printed from a demo trial, read back with pdftotext."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pdf_tools import pdf_pages, pdf_text
from sqlalchemy import func, select

from msc_desk.cli import main
from msc_desk.models import (
    AdverseEvent,
    AllocationSlot,
    Arm,
    AuditEntry,
    DataQuery,
    Infusion,
    Observation,
    Patient,
    PatientIdentification,
    Role,
    Signature,
    Visit,
)
from msc_desk.services.actor import Actor
from msc_desk.services.casebook import print_casebook
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.patients import PatientNotFound
from msc_desk.services.record_text import value_text
from msc_desk.services.reports import PRINTED_EVENT
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.services.trial_summary import print_summary
from msc_desk.services.workspace import OpenWorkspace, sign_in

ARM_NAMES = ("МСК", "контроль", "MSC", "control")
EVENTS = 45


@dataclass
class Demo:
    folder: Path
    workspace: OpenWorkspace
    msc_patient: str
    control_patient: str
    identifiers: tuple[str, ...]
    study_ids: tuple[str, ...]


def _most_visits(workspace: OpenWorkspace, arm: Arm) -> str:
    with read_session(workspace.factory) as session:
        found = session.scalar(
            select(Patient.study_id)
            .join(Visit, Visit.patient_id == Patient.id)
            .join(AllocationSlot, AllocationSlot.patient_id == Patient.id)
            .where(AllocationSlot.arm == arm)
            .group_by(Patient.id)
            .order_by(func.count(Visit.id).desc(), Patient.id)
            .limit(1)
        )
    assert found is not None
    return found


def _add_events_queries_signatures(workspace: OpenWorkspace, study_id: str) -> None:
    actor = workspace.actor
    with unit_of_work(workspace.factory, actor) as session:
        patient = session.scalar(select(Patient).where(Patient.study_id == study_id))
        assert patient is not None and actor.user_id is not None
        visit = session.scalar(select(Visit).where(Visit.patient_id == patient.id).limit(1))
        assert visit is not None and visit.performed_at is not None
        start = visit.performed_at
        for n in range(1, EVENTS + 1):
            session.add(
                AdverseEvent(
                    patient_id=patient.id,
                    term=f"Явление номер {n:02d}",
                    onset_at=start + timedelta(hours=n),
                    grade=1 + n % 4,
                    serious=n % 9 == 0,
                    outcome="recovered" if n % 2 else "not_recovered",
                    related_to_msc="возможная",
                    description="Длинное описание явления, " * (1 + n % 5),
                )
            )
        session.add(
            DataQuery(
                patient_id=patient.id,
                visit_id=visit.id,
                field="creatinine",
                text="Проверьте креатинин по первичной документации",
                raised_by_id=actor.user_id,
                raised_at=start + timedelta(days=1),
                answer="Сверено, значение верно",
                answered_by_id=actor.user_id,
                answered_at=start + timedelta(days=2),
                closed_at=start + timedelta(days=2),
            )
        )
        session.add(
            DataQuery(
                patient_id=patient.id,
                field="lactate",
                text="Лактат вне ожидаемого диапазона",
                raised_by_id=actor.user_id,
                raised_at=start + timedelta(days=3),
            )
        )
        session.add(
            Signature(
                patient_id=patient.id,
                visit_id=visit.id,
                signed_by_id=actor.user_id,
                signed_at=start + timedelta(days=1),
                meaning="Подтверждаю достоверность данных визита",
            )
        )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    folder = tmp_path_factory.mktemp("demo") / "trial"
    create_demo_trial(folder, screened=14)
    workspace = sign_in(folder, "ivanova", "demo-doctor")
    msc = _most_visits(workspace, Arm.MSC)
    control = _most_visits(workspace, Arm.CONTROL)
    _add_events_queries_signatures(workspace, msc)
    with read_session(workspace.factory) as session:
        identifiers = tuple(
            value
            for row in session.scalars(select(PatientIdentification))
            for value in (row.full_name, row.medical_record_number)
            if value
        )
        study_ids = tuple(session.scalars(select(Patient.study_id)))
    yield Demo(folder, workspace, msc, control, identifiers, study_ids)
    workspace.close()


def _reviewer(workspace: OpenWorkspace) -> Actor:
    return replace(workspace.actor, role=Role.BLINDED_REVIEWER, can_randomize=False)


def test_the_casebook_prints_every_form_with_units_sofa_and_the_arm(
    demo: Demo, tmp_path: Path
) -> None:
    pdf = print_casebook(demo.workspace.factory, demo.workspace.actor, demo.msc_patient)
    text = pdf_text(pdf, tmp_path)
    for label in (
        "Индивидуальная регистрационная карта",
        "Скрининг и критерии включения",
        "Время скрининга",
        "Рандомизация",
        "Введение клеточного продукта",
        "Визит: день 0",
        "Визит: день 28",
        "Креатинин",
        "мкмоль/л",
        "мм рт. ст.",
        "SOFA, баллы по системам органов",
        "Нежелательные явления",
        "Запросы по данным",
        "Проверьте креатинин по первичной документации",
        "открыт",
        "закрыт",
        "Подтверждаю достоверность данных визита",
        "Сводка журнала аудита",
        "Группа МСК",
        "Связь с введением МСК: возможная",
        "разрешилось",
        "не разрешилось",
    ):
        assert label in text, label
    assert not any(identifier in text for identifier in demo.identifiers)


def test_the_casebook_prints_the_recorded_values_with_their_units_and_as_entered(
    demo: Demo, tmp_path: Path
) -> None:
    text = pdf_text(
        print_casebook(demo.workspace.factory, demo.workspace.actor, demo.msc_patient), tmp_path
    )
    with read_session(demo.workspace.factory) as session:
        rows = session.execute(
            select(Observation.code, Observation.value, Observation.entered_value)
            .join(Visit, Visit.id == Observation.visit_id)
            .join(Patient, Patient.id == Visit.patient_id)
            .where(Patient.study_id == demo.msc_patient, Observation.value.is_not(None))
        ).all()
    printed = {
        "creatinine": ("Креатинин", "мкмоль/л"),
        "lactate": ("Лактат", "ммоль/л"),
        "platelets": ("Тромбоциты", "×10⁹/л"),
        "fio2": ("FiO₂", "доля (0,21–1,0)"),
    }
    checked = converted = 0
    for code, value, entered in rows:
        if code not in printed:
            continue
        label, unit = printed[code]
        assert f"{label} {value_text(value)} {unit}" in text, (code, value)
        checked += 1
        if code == "fio2" and entered is not None:  # typed in %, stored as a fraction
            assert f"{label} {value_text(value)} {unit} {value_text(entered)} %" in text
            converted += 1
    assert checked >= 10 and converted >= 1


def test_a_value_converted_to_many_decimals_is_printed_rounded(demo: Demo, tmp_path: Path) -> None:
    reason = "пересчёт со шприцевого насоса"
    with unit_of_work(demo.workspace.factory, demo.workspace.actor, reason=reason) as session:
        visit = session.scalar(
            select(Visit)
            .join(Patient, Patient.id == Visit.patient_id)
            .where(Patient.study_id == demo.control_patient)
            .order_by(Visit.study_day.desc())
            .limit(1)
        )
        assert visit is not None
        dobutamine = session.scalar(
            select(Observation).where(
                Observation.visit_id == visit.id, Observation.code == "dobutamine"
            )
        )
        if dobutamine is None:
            dobutamine = Observation(visit_id=visit.id, code="dobutamine")
            session.add(dobutamine)
        dobutamine.value = Decimal("7.6862745098039215686274509804")
        dobutamine.value_text = dobutamine.missing_reason = None
        dobutamine.unit = "µg/kg/min"
        dobutamine.entered_value = Decimal("19.6")
        dobutamine.entered_unit = "mL/h (syringe pump)"
    text = pdf_text(
        print_casebook(demo.workspace.factory, demo.workspace.actor, demo.control_patient),
        tmp_path,
    )
    assert "Добутамин ≈ 7,686 мкг/кг/мин 19,6" in text
    assert "7,6862" not in text


def test_every_casebook_page_is_stamped_and_no_table_is_cut(demo: Demo, tmp_path: Path) -> None:
    pdf = print_casebook(demo.workspace.factory, demo.workspace.actor, demo.msc_patient)
    pages = pdf_pages(pdf, tmp_path)
    assert len(pages) > 5
    for number, page in enumerate(pages, start=1):
        assert f"пациент {demo.msc_patient}" in page
        assert f"стр. {number} из {len(pages)}" in page
        assert re.search(r"Напечатано: \d\d\.\d\d\.\d{4} \d\d:\d\d МСК", page)
        assert re.search(r"Журнал аудита: \d+ · [0-9A-F]{4} ", page)
    text = " ".join(pages)
    for n in range(1, EVENTS + 1):
        assert text.count(f"Явление номер {n:02d}") == 1, n
    with read_session(demo.workspace.factory) as session:
        days = session.scalars(
            select(Visit.study_day)
            .join(Patient, Patient.id == Visit.patient_id)
            .where(Patient.study_id == demo.msc_patient)
        ).all()
    assert len(days) >= 5
    for day in days:
        assert f"Визит: день {day} " in text
    # Each table that runs on to a new page repeats its header there.
    continued = [page for page in pages if "Явление номер" in page]
    assert len(continued) > 1
    assert all("Явление Начало (МСК)" in page for page in continued)
    # Header words are never broken inside a word by a column too narrow for them.
    assert all("Степень Серьёзное Исход Окончание (МСК)" in page for page in continued)


def test_a_blinded_casebook_hides_the_arm_and_the_infusion(demo: Demo, tmp_path: Path) -> None:
    with read_session(demo.workspace.factory) as session:
        assert session.scalar(select(func.count(Infusion.id)))
    pdf = print_casebook(demo.workspace.factory, _reviewer(demo.workspace), demo.msc_patient)
    text = pdf_text(pdf, tmp_path)
    assert re.search(r"Группа [AB] ", text)
    assert "Введение клеточного продукта" not in text
    assert "Группа МСК" not in text and "контроль" not in text
    assert "Связь с введением" not in text and "Хэш раскрытия" not in text
    assert "Явление номер 45" in text


def test_an_unknown_patient_is_refused(demo: Demo) -> None:
    with pytest.raises(PatientNotFound):
        print_casebook(demo.workspace.factory, demo.workspace.actor, "NO-SUCH-ID")


def test_the_summary_prints_enrollment_consort_mortality_sofa_and_events(
    demo: Demo, tmp_path: Path
) -> None:
    pdf = print_summary(demo.workspace.factory, demo.workspace.actor, include_demo=True)
    text = pdf_text(pdf, tmp_path)
    with read_session(demo.workspace.factory) as session:
        per_arm = dict(
            session.execute(
                select(AllocationSlot.arm, func.count(AdverseEvent.id))
                .join(AdverseEvent, AdverseEvent.patient_id == AllocationSlot.patient_id)
                .where(AdverseEvent.deleted_at.is_(None))
                .group_by(AllocationSlot.arm)
            ).all()
        )
    assert per_arm[Arm.MSC] >= EVENTS  # the demo's own events and the ones added here
    for label in (
        "Сводка исследования",
        "из 30 запланированных",
        "Поток пациентов (CONSORT)",
        "Прошли скрининг n = 14",
        "Рандомизированы",
        "Исходные характеристики по группам",
        "Возраст, лет",
        "Летальность к 28-м суткам",
        "Лог-ранговый критерий: p",
        "Точный критерий Фишера (28-е сутки): p",
        "АЧН, ×10⁹/л: медиана (МКР)",
        "Возраст, лет: медиана (МКР)",
        "Сутки после рандомизации",
        "Под наблюдением:",
        "Динамика SOFA",
        "День 28",
        "Нежелательные явления по группам",
        f"Всего явлений {per_arm[Arm.MSC]} {per_arm.get(Arm.CONTROL, 0)}",
        "МСК",
        "Контроль",
        "Получили инфузию",
    ):
        assert label in text, label
    assert not any(identifier in text for identifier in demo.identifiers)
    assert not any(study_id in text for study_id in demo.study_ids)
    with read_session(demo.workspace.factory) as session:
        randomized = session.scalar(
            select(func.count(AllocationSlot.id)).where(AllocationSlot.arm.is_not(None))
        )
    assert f"Рандомизировано {randomized} из 30 запланированных" in text
    assert re.search(r"Лог-ранговый критерий: p (= \d,\d{3}|< 0,001)\.", text)


def test_the_blinded_summary_names_no_arm(demo: Demo, tmp_path: Path) -> None:
    pdf = print_summary(demo.workspace.factory, _reviewer(demo.workspace), include_demo=True)
    text = pdf_text(pdf, tmp_path)
    assert "Группа A" in text and "Группа B" in text
    assert "Лог-ранговый критерий" in text and "Поток пациентов (CONSORT)" in text
    for name in ARM_NAMES:
        assert name.lower() not in text.lower(), name
    assert "инфузи" not in text.lower()
    assert not any(identifier in text for identifier in demo.identifiers)


def test_printing_is_audited(demo: Demo) -> None:
    print_summary(demo.workspace.factory, demo.workspace.actor, include_demo=True)
    with read_session(demo.workspace.factory) as session:
        last = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == PRINTED_EVENT)
            .order_by(AuditEntry.id.desc())
        ).first()
    assert last is not None


def test_msc_desk_report_casebook_and_summary_write_pdfs(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    for kind, extra in (("casebook", ["--patient", demo.control_patient]), ("summary", [])):
        out = tmp_path / f"{kind}.pdf"
        monkeypatch.setattr("sys.stdin", io.StringIO("demo-doctor\n"))
        argv = ["report", kind, "--data-dir", str(demo.folder), "--user", "ivanova"]
        assert main([*argv, *extra, "--out", str(out)]) == 0
        assert out.read_bytes().startswith(b"%PDF")
    monkeypatch.setattr("sys.stdin", io.StringIO("demo-doctor\n"))
    argv = ["report", "casebook", "--patient", "NO-SUCH", "--data-dir", str(demo.folder)]
    assert main([*argv, "--user", "ivanova", "--out", str(tmp_path / "x.pdf")]) == 2
