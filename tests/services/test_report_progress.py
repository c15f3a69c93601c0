"""Reports say how far they are, step by step, and stop when cancelled, leaving nothing behind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pdf_tools import pdf_text
from sqlalchemy import func, select

from msc_desk.models import AuditEntry, Patient, Visit
from msc_desk.reports.progress import READING, Progress, ReportCancelled
from msc_desk.services.casebook import print_casebook
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.reports import (
    PRINTED_EVENT,
    print_blank_forms,
    print_screening_log,
    save_report,
)
from msc_desk.services.session import read_session
from msc_desk.services.trial_summary import print_summary
from msc_desk.services.workspace import OpenWorkspace, sign_in

Step = tuple[int, int, str]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[OpenWorkspace, str]]:
    folder = tmp_path_factory.mktemp("progress") / "trial"
    create_demo_trial(folder, screened=8)
    workspace = sign_in(folder, "ivanova", "demo-doctor")
    with read_session(workspace.factory) as session:
        study_id = session.scalar(
            select(Patient.study_id)
            .join(Visit, Visit.patient_id == Patient.id)
            .group_by(Patient.id)
            .order_by(func.count(Visit.id).desc(), Patient.id)
            .limit(1)
        )
    assert study_id is not None
    yield workspace, study_id
    workspace.close()


def _recorder() -> tuple[list[Step], Progress]:
    steps: list[Step] = []
    return steps, lambda done, total, what: steps.append((done, total, what))


def _assert_monotonic_to_the_end(steps: list[Step]) -> None:
    assert steps, "no progress was reported"
    fractions = [done / total for done, total, _what in steps]
    assert all(0 <= done <= total for done, total, _what in steps)
    assert fractions == sorted(fractions), fractions
    assert steps[-1][0] == steps[-1][1]
    assert fractions[0] < 1


def _prints(workspace: OpenWorkspace) -> int:
    with read_session(workspace.factory) as session:
        return (
            session.scalar(
                select(func.count(AuditEntry.id)).where(AuditEntry.action == PRINTED_EVENT)
            )
            or 0
        )


def test_a_casebook_reports_reading_each_section_and_the_numbering_up_to_the_whole(
    demo: tuple[OpenWorkspace, str],
) -> None:
    workspace, study_id = demo
    steps, progress = _recorder()
    print_casebook(workspace.factory, workspace.actor, study_id, progress=progress)
    _assert_monotonic_to_the_end(steps)
    named = [what for _done, _total, what in steps]
    assert named[0] == READING
    for section in ("Скрининг и критерии включения", "Визит: день 0", "Нежелательные явления"):
        assert section in named, section
    assert "Нумерация страниц" in named
    # Each section is one step of the total: as many distinct steps as the total says.
    total = steps[-1][1]
    assert {done for done, t, _what in steps if t == total} == set(range(1, total + 1))


@pytest.mark.parametrize("kind", ["summary", "screening_log", "blank_forms"])
def test_every_other_report_reaches_the_whole_in_order(
    demo: tuple[OpenWorkspace, str], kind: str
) -> None:
    workspace, _study_id = demo
    builds: dict[str, Callable[[Progress], bytes]] = {
        "summary": lambda p: print_summary(
            workspace.factory, workspace.actor, include_demo=True, progress=p
        ),
        "screening_log": lambda p: print_screening_log(
            workspace.factory, workspace.actor, include_demo=True, progress=p
        ),
        "blank_forms": lambda p: print_blank_forms(progress=p),
    }
    steps, progress = _recorder()
    assert builds[kind](progress).startswith(b"%PDF")
    _assert_monotonic_to_the_end(steps)
    named = {what for _done, _total, what in steps}
    sections = {
        "summary": "Летальность к 28-м суткам",
        "screening_log": "Пациенты",
        "blank_forms": "Нумерация страниц",
    }
    assert sections[kind] in named, named


def _cancel_at(section: str) -> Progress:
    def progress(_done: int, _total: int, what: str) -> None:
        if what == section:
            raise ReportCancelled

    return progress


def test_a_casebook_cancelled_mid_layout_is_not_printed_nor_audited(
    demo: tuple[OpenWorkspace, str],
) -> None:
    workspace, study_id = demo
    before = _prints(workspace)
    with pytest.raises(ReportCancelled):
        print_casebook(
            workspace.factory,
            workspace.actor,
            study_id,
            progress=_cancel_at("Нежелательные явления"),
        )
    for step in (READING, f"{READING}: визиты и SOFA", f"{READING}: выживаемость"):
        with pytest.raises(ReportCancelled):
            print_summary(workspace.factory, workspace.actor, progress=_cancel_at(step))
    assert _prints(workspace) == before


def test_a_cancelled_report_leaves_no_file_and_no_partial_one(
    demo: tuple[OpenWorkspace, str], tmp_path: Path
) -> None:
    workspace, study_id = demo
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "casebook.pdf"

    def build(progress: Progress) -> bytes:
        return print_casebook(workspace.factory, workspace.actor, study_id, progress=progress)

    with pytest.raises(ReportCancelled):
        save_report(out, build, _cancel_at("Нумерация страниц"))
    assert list(folder.iterdir()) == []
    # An earlier copy under the final name stays as it was.
    out.write_bytes(b"%PDF earlier copy")
    with pytest.raises(ReportCancelled):
        save_report(out, build, _cancel_at("Визит: день 0"))
    assert [path.name for path in folder.iterdir()] == ["casebook.pdf"]
    assert out.read_bytes() == b"%PDF earlier copy"
    save_report(out, build)
    assert f"пациент {study_id}" in pdf_text(out.read_bytes(), tmp_path)
    assert [path.name for path in folder.iterdir()] == ["casebook.pdf"]
