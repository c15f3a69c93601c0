"""`msc-desk --self-test`: the checks that need no Qt (resources, database, PDF, export batch)."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from msc_desk.resources import resource_path

CYRILLIC_SAMPLE = "Проверка печати: шок, нейтропения, ЁЖЗИЙ"
FONT_FILES = tuple(
    f"{face}.ttf"
    for face in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique")
)
ICON_FILES = ("msc-desk.png", "msc-desk.ico")
SELF_TEST_USER = "selftest"


class SelfTestFailure(Exception):
    """A check found something missing or wrong; the message names it."""


@dataclass(frozen=True)
class Check:
    """One named check; `run` gets a fresh empty folder and raises when something is wrong."""

    name: str
    run: Callable[[Path], None]


@dataclass(frozen=True)
class Outcome:
    name: str
    problem: str | None

    @property
    def passed(self) -> bool:
        return self.problem is None

    def line(self) -> str:
        return f"ok    {self.name}" if self.passed else f"FAIL  {self.name}: {self.problem}"


def run_checks(checks: Sequence[Check], work_dir: Path) -> list[Outcome]:
    """Run every check (one failure does not hide the next) in its own subfolder of `work_dir`."""
    outcomes = []
    for number, check in enumerate(checks):
        folder = work_dir / f"{number:02d}"
        folder.mkdir()
        try:
            check.run(folder)
        except Exception as exc:  # a self-test reports every failure, whatever its kind
            text = " ".join(str(exc).split()) or type(exc).__name__
            outcomes.append(Outcome(check.name, f"{type(exc).__name__}: {text}"))
        else:
            outcomes.append(Outcome(check.name, None))
    return outcomes


def check_resources(_: Path) -> None:
    """Every file the bundle must carry: translations, fonts, icons, migrations."""
    from msc_desk.models.migrate import MIGRATIONS_DIR

    missing: list[str] = []

    def need(*parts: str) -> Path | None:
        try:
            return resource_path(*parts)
        except FileNotFoundError:
            missing.append("resources/" + "/".join(parts))
            return None

    translations = need("translations")
    if translations is not None and not any(translations.glob("*_ru.qm")):
        missing.append("resources/translations/*_ru.qm")
    for font in FONT_FILES:
        need("fonts", font)
    for icon in ICON_FILES:
        need("icons", icon)
    for name in ("env.py", "script.py.mako"):
        if not (MIGRATIONS_DIR / name).is_file():
            missing.append(f"migrations/{name}")
    if not any((MIGRATIONS_DIR / "versions").glob("*.py")):
        missing.append("migrations/versions/*.py")
    if missing:
        raise SelfTestFailure("missing " + ", ".join(missing))


def check_database(folder: Path) -> None:
    """A new encrypted workspace (SQLCipher, Argon2 key slots, migrations), then a sign-in."""
    from msc_desk.models.migrate import current_revision, head_revision
    from msc_desk.security.keyslots import KdfParams
    from msc_desk.services.workspace import create_workspace, sign_in

    password = "self-test " + secrets.token_hex(8)
    # A light Argon2 cost: the check proves the code path, not the cost of a real slot.
    kdf = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
    created = create_workspace(
        folder,
        site_code="TEST",
        site_name="Самопроверка",
        device_name="self-test",
        admin_username=SELF_TEST_USER,
        admin_full_name="Самопроверка",
        admin_password=password,
        kdf=kdf,
    )
    created.workspace.close()
    workspace = sign_in(folder, SELF_TEST_USER, password)
    try:
        if workspace.db_path.read_bytes()[:16] == b"SQLite format 3\x00":
            raise SelfTestFailure("the database file is not encrypted")
        revision, head = current_revision(workspace.engine), head_revision()
        if revision != head:
            raise SelfTestFailure(f"schema {revision} after the migrations, expected {head}")
    finally:
        workspace.close()


def check_pdf(_: Path) -> None:
    """A stamped A4 page with Cyrillic text, the DejaVu font embedded."""
    from reportlab.platypus import Paragraph

    from msc_desk.reports.blocks import styles
    from msc_desk.reports.page import PageStamp, render_pdf

    stamp = PageStamp(heading="Самопроверка", printed_at=datetime.now(UTC), chain_head=None)
    story = [Paragraph(CYRILLIC_SAMPLE, styles().body)]
    pdf = render_pdf(story, stamp, title="Самопроверка")
    if not pdf.startswith(b"%PDF"):
        raise SelfTestFailure("the report is not a PDF")
    if b"DejaVuSans" not in pdf or b"/FontFile2" not in pdf:
        raise SelfTestFailure("the DejaVu Sans font is not embedded in the PDF")


def check_export(folder: Path) -> None:
    """An export batch written, read back, verified and decrypted with throwaway keys."""
    import pyrage
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from msc_desk.exchange import (
        GENESIS_HASH,
        BatchHeader,
        generate_age_identity,
        open_payload,
        read_batch,
        verify_batch,
        write_batch,
    )

    center = generate_age_identity()
    device_key = Ed25519PrivateKey.generate()
    body = {"id": 1, "action": "self_test"}
    entry_hash = hashlib.sha256((GENESIS_HASH + json.dumps(body, sort_keys=True)).encode())
    audit = json.dumps(body | {"entry_hash": entry_hash.hexdigest()}).encode() + b"\n"
    header = BatchHeader(
        study="NCT01849237",
        site="TEST",
        device_id="self-test",
        sequence=1,
        previous_envelope_sha256=GENESIS_HASH,
        created_at=datetime.now(UTC),
    )
    path = write_batch(
        folder,
        header=header,
        tables={"patients": [{"study_id": "TEST-001", "note": CYRILLIC_SAMPLE}]},
        extra_files={},
        audit_jsonl=audit,
        device_signing_key=device_key,
        recipients=[center.recipient],
    )
    batch = read_batch(path)
    verify_batch(batch, device_key.public_key())
    identity = pyrage.x25519.Identity.from_str(center.secret)
    payload = open_payload(pyrage.decrypt(batch.payload, [identity]), batch.envelope)
    if not any(name.startswith("tables/") for name in payload.files):
        raise SelfTestFailure("the decrypted batch holds no tables")


DOMAIN_CHECKS = (
    Check("resources", check_resources),
    Check("encrypted database and migrations", check_database),
    Check("PDF with Cyrillic text", check_pdf),
    Check("export batch", check_export),
)
