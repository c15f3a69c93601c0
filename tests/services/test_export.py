"""Export for the center: what leaves the laptop, what never does, and how the batch is written."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pyrage
import pytest
from exporting import ADMIN, ExportSetup, prepare_export
from lxml import etree
from seeding import choose_own_password
from sqlalchemy import select

from msc_desk import catalogue
from msc_desk.catalogue import FieldType
from msc_desk.exchange import make_receipt, open_payload, read_batch, verify_batch
from msc_desk.exchange.audit_chain import chain_problems
from msc_desk.exchange.schema import check_schema, expected_schema
from msc_desk.exchange.signed import Receipt
from msc_desk.models import PatientIdentification, Role, Screening
from msc_desk.services.export import ExportResult, export_batch, outbox
from msc_desk.services.export_identifiers import IdentifiersFound
from msc_desk.services.export_keys import ExportKeyError, import_center_bundle
from msc_desk.services.export_receipts import ReceiptRefused, import_receipt
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.services.users import add_user

ROOT = Path(__file__).resolve().parents[2]
CANARY = "Канареечкина Зинаида Тестовна"
CANARY_RECORD = "ИБ-7730119"
ODM_SCHEMA = ROOT / "resources" / "odm" / "1.3.2" / "ODM1-3-2.xsd"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[ExportSetup, ExportResult]:
    base = tmp_path_factory.mktemp("export")
    setup = prepare_export(base / "data", screened=10)
    workspace = setup.sign_in()
    try:
        with unit_of_work(workspace.factory, workspace.actor, reason="test") as session:
            person = session.scalars(select(PatientIdentification)).first()
            assert person is not None
            person.full_name, person.medical_record_number = CANARY, CANARY_RECORD
        out = base / "out"
        out.mkdir()
        result = export_batch(workspace.factory, workspace.actor, out)
    finally:
        workspace.close()
    return setup, result


def _decrypted(setup: ExportSetup, path: Path) -> bytes:
    identity = pyrage.x25519.Identity.from_str(setup.center.operational.secret)
    return pyrage.decrypt((path / "payload.age").read_bytes(), [identity])


def test_the_stock_age_cli_decrypts_exactly_what_the_app_wrote(
    exported: tuple[ExportSetup, ExportResult], tmp_path: Path
) -> None:
    setup, result = exported
    identity = tmp_path / "center.key"
    identity.write_text(setup.center.recovery.secret + "\n")
    done = subprocess.run(
        ["age", "-d", "-i", str(identity), str(result.path / "payload.age")],
        capture_output=True,
        check=True,
    )
    batch = read_batch(result.path)
    payload = open_payload(done.stdout, batch.envelope)  # every file's hash is in the envelope
    assert done.stdout == _decrypted(setup, result.path)
    assert "tables/visit.csv" in payload.files and "study.odm.xml" in payload.files
    assert chain_problems(payload.audit_jsonl) == []
    assert batch.envelope.audit_rows == result.audit_rows > 0
    check_schema(payload)  # the center's step 10 holds for a real export


def test_the_dictionary_types_every_exported_column(
    exported: tuple[ExportSetup, ExportResult],
) -> None:
    setup, result = exported
    payload = open_payload(_decrypted(setup, result.path), read_batch(result.path).envelope)
    schema = expected_schema(payload.files["data_dictionary.csv"])
    assert set(schema) == set(payload.table_names())
    visit = {column.name: column.kind for column in schema["visit"]}
    assert visit["re_sofa_total"] == FieldType.INTEGER
    assert visit["obs_creatinine"] == FieldType.DECIMAL and visit["obs_creatinine_unit"] == "text"


def test_nothing_identifying_or_secret_leaves(exported: tuple[ExportSetup, ExportResult]) -> None:
    setup, result = exported
    workspace = setup.sign_in()
    with read_session(workspace.factory) as session:
        people = session.execute(
            select(PatientIdentification.full_name, PatientIdentification.medical_record_number,
                   PatientIdentification.date_of_birth)
        ).all()  # fmt: skip
    workspace.close()
    canaries = [name for name, _, _ in people] + [str(born) for _, _, born in people]
    canaries += [number for _, number, _ in people if number]
    assert CANARY in canaries and CANARY_RECORD in canaries and len(canaries) >= 10
    archive = zipfile.ZipFile(io.BytesIO(_decrypted(setup, result.path)))
    blobs = [archive.read(name) for name in archive.namelist()]
    blobs += [file.read_bytes() for file in result.path.iterdir()]
    for blob in blobs:
        for canary in canaries:
            for form in (canary, json.dumps(canary)[1:-1]):
                assert form.encode("utf-8") not in blob, canary
    names = archive.namelist()
    assert "tables/patient_identification.csv" not in names
    assert "tables/identification_audit.csv" not in names
    assert "tables/visit_draft.csv" not in names  # a user's unsaved work never leaves
    signing = archive.read("tables/device_signing_key.csv").decode()
    assert "private_key" not in signing.splitlines()[0]
    screening = archive.read("tables/screening.csv").decode().splitlines()[0].split(",")
    assert "age_years" in screening and "date_of_birth" not in screening


def test_the_odm_file_validates_against_the_official_schema(
    exported: tuple[ExportSetup, ExportResult],
) -> None:
    setup, result = exported
    archive = zipfile.ZipFile(io.BytesIO(_decrypted(setup, result.path)))
    schema = etree.XMLSchema(etree.parse(str(ODM_SCHEMA)))
    document = etree.fromstring(archive.read("study.odm.xml"))
    assert schema.validate(document), schema.error_log
    namespace = {"odm": "http://www.cdisc.org/ns/odm/v1.3"}
    assert document.xpath("//odm:SubjectData", namespaces=namespace)
    assert document.xpath("//odm:ItemData/odm:AuditRecord", namespaces=namespace)
    broken = etree.fromstring(archive.read("study.odm.xml").replace(b"FileOID=", b"FileXID="))
    assert not schema.validate(broken)


def test_each_visit_row_carries_raw_values_and_sofa(
    exported: tuple[ExportSetup, ExportResult],
) -> None:
    setup, result = exported
    archive = zipfile.ZipFile(io.BytesIO(_decrypted(setup, result.path)))
    reader = csv.DictReader(io.StringIO(archive.read("tables/visit.csv").decode()))
    header, rows = reader.fieldnames or [], list(reader)
    assert rows and {"obs_platelets", "obs_platelets_unit", "re_sofa_coagulation"} <= set(header)
    for row in rows:
        if row["obs_platelets"]:
            platelets = float(row["obs_platelets"])
            expected = (
                4
                if platelets < 20
                else 3
                if platelets < 50
                else 2
                if platelets < 100
                else 1
                if platelets < 150
                else 0
            )
            assert int(row["re_sofa_coagulation"]) == expected
            assert row["obs_platelets_unit"] == catalogue.field("platelets").unit_text("en")


def _set_notes(setup: ExportSetup, text: str) -> int:
    workspace = setup.sign_in()
    try:
        with unit_of_work(workspace.factory, workspace.actor, reason="test") as session:
            screening = session.scalars(select(Screening).order_by(Screening.id)).first()
            assert screening is not None
            screening.notes = text
            return screening.id
    finally:
        workspace.close()


def test_free_text_naming_a_patient_refuses_the_export_and_says_where(tmp_path: Path) -> None:
    setup = prepare_export(tmp_path / "data", screened=8)
    workspace = setup.sign_in()
    with read_session(workspace.factory) as session:
        name = session.scalars(select(PatientIdentification.full_name)).first()
    workspace.close()
    assert name is not None
    record = _set_notes(setup, f"переведена из гематологии, {name.split()[0]} в сознании")
    out = tmp_path / "out"
    out.mkdir()
    workspace = setup.sign_in()
    with pytest.raises(IdentifiersFound) as refused:
        export_batch(workspace.factory, workspace.actor, out)
    places = {(f.table, f.record, f.field, f.what) for f in refused.value.findings}
    assert ("screening", str(record), "notes", "name") in places
    assert list(out.iterdir()) == [] and outbox(workspace.factory) == []
    workspace.close()


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("родственники: +7 (916) 123-45-67", "phone"),
        ("история болезни № 48213", "record_number_pattern"),
    ],
)
def test_phone_and_record_number_patterns_refuse_the_export(
    tmp_path: Path, text: str, what: str
) -> None:
    setup = prepare_export(tmp_path / "data", screened=2)
    record = _set_notes(setup, text)
    workspace = setup.sign_in()
    with pytest.raises(IdentifiersFound) as refused:
        export_batch(workspace.factory, workspace.actor, tmp_path)
    assert ("screening", str(record), "notes", what) in {
        (f.table, f.record, f.field, f.what) for f in refused.value.findings
    }
    workspace.close()


def test_batches_are_numbered_and_linked_and_a_receipt_clears_the_outbox(tmp_path: Path) -> None:
    setup = prepare_export(tmp_path / "data", screened=2)
    workspace = setup.sign_in()
    out = tmp_path / "out"
    out.mkdir()
    first = export_batch(workspace.factory, workspace.actor, out)
    second = export_batch(workspace.factory, workspace.actor, out)
    assert (first.sequence, second.sequence) == (1, 2)
    envelope = read_batch(second.path).envelope
    assert envelope.previous_envelope_sha256 == first.envelope_sha256
    assert [entry.sequence for entry in outbox(workspace.factory)] == [1, 2]
    receipt = make_receipt(
        setup.center.receipt_key,
        Receipt(
            envelope.study, envelope.device_id, 1, first.envelope_sha256, "2026-12-01T00:00:00Z"
        ),
    )
    with pytest.raises(ReceiptRefused):
        import_receipt(
            workspace.factory, workspace.actor, receipt.replace(b'"sequence":1', b'"sequence":2')
        )
    forged = make_receipt(
        setup.root, Receipt(envelope.study, envelope.device_id, 1, first.envelope_sha256, "x")
    )
    with pytest.raises(ReceiptRefused):
        import_receipt(workspace.factory, workspace.actor, forged)
    assert import_receipt(workspace.factory, workspace.actor, receipt).already is False
    assert [entry.sequence for entry in outbox(workspace.factory)] == [2]
    assert import_receipt(workspace.factory, workspace.actor, receipt).already is True
    workspace.close()


def test_a_bundle_signed_by_another_key_is_refused(tmp_path: Path) -> None:
    setup = prepare_export(tmp_path / "data", screened=1)
    admin = setup.sign_in(ADMIN)
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    with pytest.raises(ExportKeyError) as refused:
        import_center_bundle(admin.factory, admin.actor, setup.bundle(Ed25519PrivateKey.generate()))
    assert refused.value.code == "bad_bundle"
    doctor_actor = admin.actor
    admin.close()
    workspace = setup.sign_in()
    with pytest.raises(PermissionDenied):
        import_center_bundle(workspace.factory, workspace.actor, setup.bundle())
    workspace.close()
    assert doctor_actor.role is Role.ADMIN


def test_a_blinded_reviewer_cannot_export(tmp_path: Path) -> None:
    setup = prepare_export(tmp_path / "data", screened=1)
    admin = setup.sign_in(ADMIN)
    add_user(
        admin.factory,
        admin.actor,
        setup.data_dir,
        "reviewer",
        "Эксперт",
        Role.BLINDED_REVIEWER,
        "reviewer-pass-1",
    )
    admin.close()
    choose_own_password(
        setup.data_dir,
        "reviewer",
        "reviewer-pass-2",
        lambda: __import__("datetime").datetime.now(__import__("datetime").UTC),
        temporary="reviewer-pass-1",
    )
    reviewer = setup.sign_in(("reviewer", "reviewer-pass-2"))
    with pytest.raises(PermissionDenied):
        export_batch(reviewer.factory, reviewer.actor, tmp_path)
    reviewer.close()
    assert not list(tmp_path.glob("NCT*"))


_KILLED_EXPORT = """
import os, signal, sys
sys.path[:0] = {paths!r}
import seeding  # noqa: F401
from pathlib import Path
import msc_desk.exchange.batch as batch
from msc_desk.services.export import export_batch
from msc_desk.services.workspace import sign_in

def killed(directory):
    os.kill(os.getpid(), signal.SIGKILL)

batch._fsync_dir = killed  # every file is written and synced in the temporary folder: die now
workspace = sign_in(Path({data!r}), "ivanova", "demo-doctor")
export_batch(workspace.factory, workspace.actor, Path({out!r}))
"""


def test_a_kill_during_export_leaves_no_batch_under_its_final_name(tmp_path: Path) -> None:
    setup = prepare_export(tmp_path / "data", screened=2)
    out = tmp_path / "out"
    out.mkdir()
    script = _KILLED_EXPORT.format(
        paths=[str(ROOT / "tests"), str(ROOT)], data=str(setup.data_dir), out=str(out)
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()[-2000:]
    left = list(out.iterdir())
    assert left and all(
        path.name.startswith(".") and path.name.endswith(".partial") for path in left
    )
    workspace = setup.sign_in()
    assert outbox(workspace.factory) == []
    result = export_batch(workspace.factory, workspace.actor, out)
    workspace.close()
    assert result.sequence == 1 and [p.name for p in out.iterdir()] == [result.path.name]
    verify_batch(read_batch(result.path), _device_key(setup))
    assert os.stat(result.path / "payload.age").st_size > 0


def _device_key(setup: ExportSetup):  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from msc_desk.services.export_keys import device_public_key_hex

    workspace = setup.sign_in()
    try:
        public = device_public_key_hex(workspace.factory)
    finally:
        workspace.close()
    assert public is not None
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(public))
