"""At rest: no identifier in clear in the database, WAL or temp files; a wrong key opens nothing."""

from __future__ import annotations

import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from msc_desk.models import Patient, PatientIdentification, PatientStatus, Site
from msc_desk.models.database import (
    DATABASE_FILENAME,
    SessionFactory,
    WrongKeyError,
    checkpoint,
    create_database_engine,
)
from msc_desk.models.migrate import prepare_database
from msc_desk.security.keyed_factory import database_key
from msc_desk.services.actor import system_actor
from msc_desk.services.session import audited_session_factory, unit_of_work
from msc_desk.services.workspace import OpenWorkspace

CANARY = "Канарейкин Пётр"
CANARY_MRN = "МК-КАНАРЕЙКА-4711"
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _forms(text: str) -> list[bytes]:
    return [text.encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be")]


def _files_with(paths: list[Path], needles: list[bytes]) -> list[str]:
    found = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if any(needle in data for needle in needles):
            found.append(str(path))
    return found


def _workspace_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def _sqlite_temp_files(since: float) -> list[Path]:
    """SQLite's own temp files (etilqs_*) created during the test, in the system temp folder."""
    folder = Path(tempfile.gettempdir())
    return [
        path for path in folder.glob("etilqs_*") if path.is_file() and path.stat().st_mtime >= since
    ]


def _add_canary(factory: SessionFactory, site_id: int, actor_device: str) -> None:
    with unit_of_work(factory, system_actor(actor_device), clock=lambda: NOW) as session:
        patient = Patient(
            study_id="MSC-001", site_id=site_id, status=PatientStatus.SCREENING, created_at=NOW
        )
        session.add(patient)
        session.flush()
        session.add(
            PatientIdentification(
                patient_id=patient.id, full_name=CANARY, medical_record_number=CANARY_MRN
            )
        )


def test_the_canary_never_appears_in_clear(workspace: OpenWorkspace, data_dir: Path) -> None:
    started = time.time() - 1
    _add_canary(workspace.factory, 1, workspace.actor.device)
    needles = _forms(CANARY) + _forms(CANARY_MRN)
    wal = data_dir / f"{DATABASE_FILENAME}-wal"
    assert wal.stat().st_size > 0  # the new rows are in the WAL: it must be checked too
    assert _files_with(_workspace_files(data_dir), needles) == []
    assert _files_with(_sqlite_temp_files(started), needles) == []

    checkpoint(workspace.engine)
    with workspace.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE patient_identification SET full_name = 'другое имя'")
    workspace.engine.dispose()
    assert _files_with(_workspace_files(data_dir), needles) == []
    assert _files_with(_sqlite_temp_files(started), needles) == []


def test_the_canary_search_finds_a_clear_database(tmp_path: Path) -> None:
    """The control: without encryption the same search finds the name (the search works)."""
    db = tmp_path / DATABASE_FILENAME
    engine = create_database_engine(db, None)
    prepare_database(engine, db)
    factory = audited_session_factory(engine)
    with unit_of_work(factory, system_actor("dev"), clock=lambda: NOW) as session:
        session.add(Site(code="S", name="site", created_at=NOW))
    _add_canary(factory, 1, "dev")
    assert _files_with(_workspace_files(tmp_path), _forms(CANARY))  # in the WAL at least
    engine.dispose()


def test_the_key_is_in_no_file(workspace: OpenWorkspace, data_dir: Path) -> None:
    raw = database_key(workspace.factory, data_dir).reveal()
    needles = [raw, raw.hex().encode(), raw.hex().upper().encode()]
    assert _files_with(_workspace_files(data_dir), needles) == []


def test_a_wrong_key_fails_with_a_clear_message_and_no_noise(
    workspace: OpenWorkspace, data_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    workspace.close()
    with pytest.raises(WrongKeyError, match="wrong key or not a database"):
        create_database_engine(data_dir / DATABASE_FILENAME, os.urandom(32))
    with pytest.raises(WrongKeyError):
        create_database_engine(data_dir / DATABASE_FILENAME, None)
    assert "hmac" not in capfd.readouterr().err
