"""`msc-desk report ...`: a PDF from a shell after signing in; bad input is one line and exit 2."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pdf_tools import pdf_text
from seeding import Staff, new_workspace
from sqlalchemy import select
from test_cli import refused_in_one_line

from msc_desk.cli import main
from msc_desk.models import ConsentSigner, PatientIdentification, Role, Sex
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.screening import ScreeningInput, save_screening
from msc_desk.services.session import read_session
from msc_desk.services.workspace import sign_in

PASSWORD = "Ward-laptop-2026"
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
CANARY = "Канарейкина Алевтина Пантелеймоновна"


def _clock() -> datetime:
    return NOW


@pytest.fixture
def ward(tmp_path: Path) -> Path:
    """A workspace with an investigator who screened one eligible and one ineligible patient."""
    data_dir = tmp_path / "ward"
    staff = [Staff("ivanova", "Иванова И. И.", Role.INVESTIGATOR, PASSWORD)]
    new_workspace(data_dir, _clock, staff).workspace.close()
    workspace = sign_in(data_dir, "ivanova", PASSWORD, clock=_clock)
    onset = NOW - timedelta(hours=2)
    eligible = ScreeningInput(
        shock_onset=onset,
        anc_10e9_per_l=Decimal("0.3"),
        age_years=50,
        sex=Sex.FEMALE,
        pregnant=False,
        chemo_resistant_oncohematologic=False,
        consent_signed=True,
        consent_signer=ConsentSigner.PATIENT,
        consent_at=onset,
        full_name=CANARY,
        medical_record_number="И-0001",
    )
    try:
        save_screening(workspace.factory, workspace.actor, eligible, _clock)
        ineligible = ScreeningInput(shock_onset=onset, anc_10e9_per_l=Decimal("2.5"), age_years=80)
        save_screening(workspace.factory, workspace.actor, ineligible, _clock)
    finally:
        workspace.close()
    return data_dir


@pytest.fixture
def piped_password(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    yield


def _report(kind: str, data_dir: Path, out: Path, user: str = "ivanova") -> list[str]:
    return ["report", kind, "--data-dir", str(data_dir), "--user", user, "--out", str(out)]


@pytest.mark.usefixtures("piped_password")
def test_the_screening_log_from_a_shell(
    ward: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "log.pdf"
    assert main(_report("screening-log", ward, out)) == 0
    assert str(out) in capsys.readouterr().out
    assert out.stat().st_mode & 0o077 == 0
    text = pdf_text(out.read_bytes(), tmp_path)
    assert "MSC-MSK01-001" in text and "MSC-MSK01-002" in text
    assert "Прошли скрининг 2" in text and "Возраст > 75 лет" in text
    assert CANARY not in text and "И-0001" not in text


@pytest.mark.usefixtures("piped_password")
def test_blank_forms_from_a_shell(ward: Path, tmp_path: Path) -> None:
    out = tmp_path / "forms.PDF"
    assert main(_report("blank-forms", ward, out)) == 0
    assert "Визит: день 28 — бумажная форма" in pdf_text(out.read_bytes(), tmp_path)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"user": "nobody"}, "wrong username or password"),
        ({"out": "log.txt"}, "must end in .pdf"),
        ({"out": "missing/log.pdf"}, "does not exist"),
        ({"data_dir": "empty"}, "holds no MSC Desk workspace"),
    ],
)
@pytest.mark.usefixtures("piped_password")
def test_bad_input_is_one_line_and_exit_2(
    ward: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: dict[str, str],
    said: str,
) -> None:
    (tmp_path / "empty").mkdir()
    data_dir = tmp_path / change["data_dir"] if "data_dir" in change else ward
    out = tmp_path / change.get("out", "log.pdf")
    line = refused_in_one_line(
        _report("screening-log", data_dir, out, change.get("user", "ivanova")), capsys
    )
    assert line.startswith("msc-desk report: ") and said in line
    assert not out.exists()


def test_a_wrong_password_is_refused_in_one_line(
    ward: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("not-the-password\n"))
    line = refused_in_one_line(_report("screening-log", ward, tmp_path / "log.pdf"), capsys)
    assert "wrong username or password" in line


def test_a_role_without_clinical_rights_is_refused_in_one_line(
    ward: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("admin-password\n"))
    line = refused_in_one_line(_report("screening-log", ward, tmp_path / "x.pdf", "admin"), capsys)
    assert "may not view_clinical" in line


def test_reports_that_do_not_exist_yet_are_not_offered(ward: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(_report("casebook", ward, tmp_path / "c.pdf"))
    assert stopped.value.code == 2


def test_the_screening_log_of_the_demo_trial_names_no_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "demo"
    create_demo_trial(data_dir, screened=12)
    workspace = sign_in(data_dir, "ivanova", "demo-doctor")
    try:
        with read_session(workspace.factory) as session:
            names = session.scalars(select(PatientIdentification.full_name)).all()
            records = session.scalars(select(PatientIdentification.medical_record_number)).all()
    finally:
        workspace.close()
    assert names
    monkeypatch.setattr(sys, "stdin", io.StringIO("demo-doctor\n"))
    out = tmp_path / "demo-log.pdf"
    assert main(_report("screening-log", data_dir, out)) == 0
    text = pdf_text(out.read_bytes(), tmp_path)
    assert "Прошли скрининг 12" in text and "MSC-01-012" in text
    for identifier in [*names, *filter(None, records)]:
        assert identifier not in text
        assert identifier.split()[0] not in text
