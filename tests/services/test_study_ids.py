"""Study ids: the next number follows the highest one, past 999 too."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from msc_desk.models import Patient, PatientStatus, Site
from msc_desk.models.database import make_session_factory
from msc_desk.services.study_ids import next_study_id

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _with_ids(engine: Engine, *study_ids: str) -> str:
    factory = make_session_factory(engine)
    with factory.begin() as session:
        site = Site(code="01", name="ОРИТ", created_at=NOW)
        session.add(site)
        session.flush()
        for study_id in study_ids:
            session.add(Patient(study_id=study_id, site_id=site.id,
                                status=PatientStatus.SCREEN_FAILED, created_at=NOW))  # fmt: skip
        session.flush()
        return next_study_id(session, "01")


def test_the_number_after_999_is_1000_and_after_1000_is_1001(plain_engine: Engine) -> None:
    ids = [f"MSC-01-{number:03d}" for number in (7, 998, 999)]
    assert _with_ids(plain_engine, *ids, "MSC-01-1000", "MSC-02-5000") == "MSC-01-1001"


def test_a_site_without_patients_starts_at_one(plain_engine: Engine) -> None:
    assert _with_ids(plain_engine, "MSC-02-004") == "MSC-01-001"


def test_an_id_with_a_tail_that_is_not_a_number_is_passed_over(plain_engine: Engine) -> None:
    assert _with_ids(plain_engine, "MSC-01-012", "MSC-01-00X9") == "MSC-01-013"
