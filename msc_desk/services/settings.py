"""Reading site settings (text values kept in the database)."""

from __future__ import annotations

from sqlalchemy import select

from msc_desk.models import Setting
from msc_desk.models.database import SessionFactory
from msc_desk.services.session import read_session


def setting_value(factory: SessionFactory, key: str) -> str | None:
    """The site setting `key`, or None when it was never set."""
    with read_session(factory) as session:
        return session.scalar(select(Setting.value).where(Setting.key == key))
