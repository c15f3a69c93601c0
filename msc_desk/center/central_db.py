"""The center's own database (SQLAlchemy Core): devices, the batch ledger, alerts, imported data."""

# Each batch carries the laptop's full current state, so data rows are kept per batch, keyed by
# (batch, table, row number): two devices never collide, and importing a batch again changes
# nothing. PostgreSQL for real use (postgresql+psycopg://), SQLite for a quick look.

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    DDL,
    JSON,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import OperationalError

metadata = MetaData()
_HASH = String(64)
_ROW_JSON = JSON().with_variant(JSONB(), "postgresql")

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("site", String(64)),
    Column("signing_public_key", String(64), nullable=False),
    Column("key_id", _HASH, nullable=False),
    Column("registry_fingerprint", _HASH, nullable=False),
    Column("enrolled_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("revoked_reason", Text),
)

batches = Table(
    "batches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("device_id", ForeignKey("devices.device_id"), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("envelope_sha256", _HASH, nullable=False, unique=True),
    Column("previous_envelope_sha256", _HASH, nullable=False),
    Column("study", String(64), nullable=False),
    Column("site", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("payload_sha256", _HASH, nullable=False),
    Column("audit_rows", Integer, nullable=False),
    Column("audit_head", _HASH, nullable=False),
    Column("envelope", LargeBinary, nullable=False),
    Column("signature", LargeBinary, nullable=False),
    Column("receipt", LargeBinary, nullable=False),
    UniqueConstraint("device_id", "sequence"),
)

batch_files = Table(
    "batch_files",
    metadata,
    Column("batch_id", ForeignKey("batches.id"), primary_key=True),
    Column("name", String(120), primary_key=True),
    Column("sha256", _HASH, nullable=False),
    Column("rows", Integer),
    Column("content", LargeBinary, nullable=False),
)

# The files are kept byte for byte and not compressed again: the tables among them are also
# stored as rows, and compressing them costs the import more than it saves on disk.
event.listen(
    batch_files,
    "after_create",
    DDL("ALTER TABLE batch_files ALTER COLUMN content SET STORAGE EXTERNAL").execute_if(
        dialect="postgresql"
    ),
)

# batch_id has no foreign key: PostgreSQL checks one row by one, which doubles the time of a large
# import. Rows are written only by the import, in the transaction that inserts their batch.
batch_table_rows = Table(
    "batch_table_rows",
    metadata,
    Column("batch_id", Integer, primary_key=True, autoincrement=False),
    Column("table_name", String(64), primary_key=True),
    Column("row_number", Integer, primary_key=True),
    Column("row", _ROW_JSON, nullable=False),
)

# Every allocation list the center signs, when `center allocation-list` is given `--db`: the
# report reconciles the slots issued to a device with those it revealed.
issued_lists = Table(
    "issued_lists",
    metadata,
    Column("list_uid", String(64), primary_key=True),
    Column("study", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("first_slot", Integer, nullable=False),
    Column("slot_count", Integer, nullable=False),
    Column("first_study_number", Integer, nullable=False),
    Column("study_number_count", Integer, nullable=False),
    Column("issued_at", DateTime(timezone=True), nullable=False),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("device_id", String(64)),
    Column("sequence", Integer),
    Column("envelope_sha256", _HASH),
    Column("kind", String(32), nullable=False),
    Column("detail", Text, nullable=False),
    Column("raised_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("envelope_sha256", "kind"),
)


def open_central_database(url: str) -> Engine:
    """An engine on the central database, its tables created when missing.

    A plain ``postgresql://`` URL uses psycopg 3 (the `center` extra).

    Raises:
        ValueError: the URL's database driver is not installed, or the database cannot be
            reached.
    """
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    try:
        engine = create_engine(url)
    except ModuleNotFoundError as exc:
        raise ValueError(
            f"no database driver for {url.split(':', 1)[0]} ({exc.name}): for PostgreSQL "
            "install the center extra, pip install 'msc-desk[center]'"
        ) from exc
    try:
        metadata.create_all(engine)
    except OperationalError as exc:
        engine.dispose()
        raise ValueError(f"cannot open the central database: {exc.orig}") from exc
    return engine


class DeviceError(ValueError):
    """Enrolment refused: a device enrolled twice, or an unknown device revoked."""


def enroll_device(
    engine: Engine,
    *,
    device_id: str,
    signing_public_key: bytes,
    key_id: str,
    registry_fingerprint: str,
    site: str | None,
    enrolled_at: datetime,
) -> None:
    """Record a laptop allowed to send batches.

    Raises:
        DeviceError: the device is enrolled already.
    """
    with engine.begin() as connection:
        known = connection.execute(
            select(devices.c.device_id).where(devices.c.device_id == device_id)
        ).first()
        if known is not None:
            raise DeviceError(f"device {device_id} is enrolled already")
        connection.execute(
            insert(devices).values(
                device_id=device_id,
                site=site,
                signing_public_key=signing_public_key.hex(),
                key_id=key_id,
                registry_fingerprint=registry_fingerprint,
                enrolled_at=enrolled_at,
            )
        )


def revoke_device(engine: Engine, device_id: str, reason: str, revoked_at: datetime) -> None:
    """Refuse every further batch of a device.

    Raises:
        DeviceError: no such device, or it is revoked already.
    """
    with engine.begin() as connection:
        row = connection.execute(
            select(devices.c.revoked_at).where(devices.c.device_id == device_id)
        ).first()
        if row is None:
            raise DeviceError(f"device {device_id} is not enrolled")
        if row.revoked_at is not None:
            raise DeviceError(f"device {device_id} is revoked already")
        connection.execute(
            update(devices)
            .where(devices.c.device_id == device_id)
            .values(revoked_at=revoked_at, revoked_reason=reason)
        )


class RangeOverlap(ValueError):
    """A new list's study numbers (or, for its own device, slots) overlap a list already issued."""


def _overlaps(first: int, count: int, other_first: int, other_count: int) -> bool:
    return first < other_first + other_count and other_first < first + count


def record_issued_list(engine: Engine, **values: Any) -> None:
    """Record one signed allocation list (its list_uid, device, slot and study-number ranges).

    Two laptops of a trial must never give the same study id, and one laptop never the same
    slot twice: a list whose study numbers overlap any list issued for the study, or whose slots
    overlap another list of the same device, is refused and nothing is recorded.

    Raises:
        RangeOverlap: which list it overlaps, and how.
    """
    first, count = values["first_study_number"], values["study_number_count"]
    with engine.begin() as connection:
        issued = connection.execute(
            select(issued_lists).where(issued_lists.c.study == values["study"])
        ).mappings()
        for other in issued:
            numbers = (other["first_study_number"], other["study_number_count"])
            if _overlaps(first, count, *numbers):
                raise RangeOverlap(
                    f"study numbers {first}–{first + count - 1} overlap those of list "
                    f"{other['list_uid']} issued to device {other['device_id']} "
                    f"({numbers[0]}–{numbers[0] + numbers[1] - 1}): choose another range"
                )
            same_device = other["device_id"] == values["device_id"]
            slots = (other["first_slot"], other["slot_count"])
            first_slot, slot_count = values["first_slot"], values["slot_count"]
            if same_device and _overlaps(first_slot, slot_count, *slots):
                raise RangeOverlap(
                    f"slots {first_slot}–{first_slot + slot_count - 1} overlap those of list "
                    f"{other['list_uid']} issued to the same device "
                    f"({slots[0]}–{slots[0] + slots[1] - 1}): choose another range"
                )
        connection.execute(insert(issued_lists).values(**values))


def count_rows(engine: Engine) -> dict[str, int]:
    """Rows per central table (what a rejection must leave unchanged)."""
    with engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (devices, batches, batch_files, batch_table_rows)
        }


def list_alerts(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(select(alerts).order_by(alerts.c.id)).mappings().all()
    return [dict(row) for row in rows]
