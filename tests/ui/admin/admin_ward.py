"""The administration tests' ward: an encrypted workspace with three signed-in users."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from seeding import Staff, new_workspace
from trial_builder import add_patient

from msc_desk.models import Arm, PatientStatus, Role, VisitStatus
from msc_desk.services.workspace import OpenWorkspace, sign_in

T0 = datetime(2026, 11, 10, 6, 0, tzinfo=UTC)
# The ward's two clinicians (the screenshots' ward has these and more).
STAFF = (
    Staff("ivanov", "Иванов Сергей Андреевич", Role.INVESTIGATOR, "ivanov-password"),
    Staff("petrova", "Петрова Мария Ивановна", Role.NURSE, "petrova-password"),
)


@dataclass
class Ward:
    admin: OpenWorkspace
    investigator: OpenWorkspace
    nurse: OpenWorkspace
    data_dir: Path
    signable: int  # MSC-001: every visit done
    other: int  # MSC-002: a visit still scheduled


@pytest.fixture(name="ward")
def ward_fixture(tmp_path: Path, fixed_clock: Any) -> Iterator[Ward]:
    data_dir = tmp_path / "ws"
    admin = new_workspace(
        data_dir,
        fixed_clock,
        STAFF,
        site_name="ОРИТ №2",
        device_name="Ноутбук-1",
        admin_full_name="Смирнов Олег Петрович",
    ).workspace
    investigator = sign_in(data_dir, "ivanov", "ivanov-password", clock=fixed_clock)
    nurse = sign_in(data_dir, "petrova", "petrova-password", clock=fixed_clock)
    ids = [
        add_patient(investigator.factory, study_id, PatientStatus.RANDOMIZED,
                    screened_at=T0 - timedelta(hours=2), randomized_at=T0, arm=Arm.MSC,
                    visits={0: VisitStatus.DONE, 2: second})
        for study_id, second in (("MSC-001", VisitStatus.DONE), ("MSC-002", VisitStatus.SCHEDULED))
    ]  # fmt: skip
    yield Ward(admin, investigator, nurse, data_dir, *ids)
    for workspace in (admin, investigator, nurse):
        workspace.close()
