"""No audit row, and no audit export, holds a secret or an identifier."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_randomization import ELIGIBLE, Trial, make_trial
from sqlalchemy import select

from msc_desk.models import (
    AdverseEvent,
    AllocationList,
    AllocationSlot,
    Infusion,
    PatientIdentification,
    RandomizationKeySeal,
)
from msc_desk.models.audit import IDENTIFIER, KEYED, REVEALS_ARM, SECRET
from msc_desk.models.randomization import RandomizationKeySeal as SealModel
from msc_desk.services.audit import IDENTIFIER_MARKER, KEYED_PREFIX, SECRET_MARKER
from msc_desk.services.audit_review import audit_entries, export_audit_csv
from msc_desk.services.session import read_session, unit_of_work


@pytest.fixture
def trial(tmp_path: Path) -> Iterator[Trial]:
    trial = make_trial(tmp_path)
    yield trial
    trial.engine.dispose()


def secrets_of(trial: Trial, generated_file: bytes) -> list[str]:
    """Every secret and identifier the trial holds, in each text form an audit row could use."""
    document = json.loads(generated_file)["document"]
    found: list[str] = [json.dumps(document)[:200], document["sealed_list_key"]]
    found += [slot["sealed"] for slot in document["slots"]]
    with read_session(trial.factory) as session:
        stored = session.scalars(select(AllocationList)).one()
        found += [stored.signed_document[:200], stored.sealed_list_key.hex()]
        for sealed in session.scalars(select(AllocationSlot.sealed_arm)):
            found += [sealed.hex(), base64.b64encode(sealed).decode()]
        for seal in session.scalars(select(RandomizationKeySeal.sealed_private_key)):
            found += [seal.hex(), base64.b64encode(seal).decode()]
    return found


def test_no_audit_row_or_export_holds_a_secret_or_an_identifier(
    trial: Trial, tmp_path: Path
) -> None:
    generated = trial.import_list(slot_count=6)
    patient_id = trial.screen(consent_representative_name="Петров Пётр").patient_id
    trial.randomize(patient_id)
    with unit_of_work(trial.factory, trial.investigator, reason="typo") as session:
        identification = session.scalars(select(PatientIdentification)).one()
        identification.full_name = "Иванов Иван Ильич"
    forbidden = secrets_of(trial, generated.signed_file)
    forbidden += [ELIGIBLE.full_name, "Иванов Иван Ильич", "Петров Пётр"]
    forbidden += [str(ELIGIBLE.medical_record_number)]
    forbidden += [planned.nonce for planned in generated.plan]
    with read_session(trial.factory) as session:
        rows = audit_entries(session)
    values = [value for row in rows for value in (row.old_value, row.new_value) if value]
    assert values
    for secret in forbidden:
        assert not any(secret in value for value in values), secret[:40]
    path = tmp_path / "audit.csv"
    export_audit_csv(rows, path)
    exported = path.read_text(encoding="utf-8")
    for secret in forbidden:
        assert secret not in exported, secret[:40]
    # What the rows hold instead: markers, and keyed HMACs where replay must compare.
    by_field = {(row.table_name, row.field): row.new_value for row in rows}
    assert by_field[("patient_identification", "full_name")] == IDENTIFIER_MARKER
    assert by_field[("patient_identification", "medical_record_number")] == IDENTIFIER_MARKER
    assert by_field[("allocation_list", "sealed_list_key")] == SECRET_MARKER
    assert by_field[("randomization_key_seal", "sealed_private_key")] == SECRET_MARKER
    assert str(by_field[("allocation_slot", "sealed_arm")]).startswith(KEYED_PREFIX)
    assert str(by_field[("allocation_list", "signed_document")]).startswith(KEYED_PREFIX)


def test_the_rules_are_declared_in_the_models() -> None:
    table = PatientIdentification.__table__
    for name in ("full_name", "medical_record_number", "date_of_birth"):
        assert table.c[name].info == IDENTIFIER
    assert AllocationSlot.__table__.c["sealed_arm"].info == KEYED
    assert AllocationSlot.__table__.c["arm"].info == {"reveals_arm": True}
    assert SealModel.__table__.c["sealed_private_key"].info == SECRET
    assert Infusion.__table__.info == REVEALS_ARM
    assert AdverseEvent.__table__.c["related_to_msc"].info == REVEALS_ARM
