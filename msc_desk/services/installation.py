"""What the About dialog tells about this installation: schema version and this laptop's id."""

from __future__ import annotations

from dataclasses import dataclass

from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from msc_desk.models import Device
from msc_desk.models.database import SessionFactory
from msc_desk.models.migrate import head_revision
from msc_desk.services.session import read_session


@dataclass(frozen=True)
class InstallationFacts:
    """The database's schema revision, the newest this version knows, and this device."""

    schema_revision: str
    schema_head: str
    device_uid: str
    device_name: str


def installation_facts(factory: SessionFactory) -> InstallationFacts:
    """Read the schema revision and the device registered in the open database."""
    with read_session(factory) as session:
        revision = MigrationContext.configure(session.connection()).get_current_revision()
        device = session.scalars(select(Device).order_by(Device.id)).first()
        return InstallationFacts(
            schema_revision=revision or "",
            schema_head=head_revision(),
            device_uid=device.device_uid if device is not None else "",
            device_name=device.name if device is not None else "",
        )
