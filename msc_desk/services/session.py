"""Units of work: one audited transaction per user action."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, Table, event, func, select
from sqlalchemy.orm import Session

from msc_desk.models.base import Base
from msc_desk.models.database import SessionFactory, make_session_factory
from msc_desk.security.form_locks import check_form_locks
from msc_desk.services.actor import Actor
from msc_desk.services.audit import check_reasons, record_flush
from msc_desk.services.head_signatures import sign_head
from msc_desk.services.identification_trail import record_identification_flush
from msc_desk.timekeeping import Clock, system_clock


def audited_session_factory(engine: Engine) -> SessionFactory:
    """The session factory of an open database, with the audit trail attached to every flush."""
    return install_audit_hooks(make_session_factory(engine))


def install_audit_hooks(factory: SessionFactory) -> SessionFactory:
    """Attach the audit trail and the signed-form locks to every flush of `factory`'s sessions."""
    event.listen(factory, "before_flush", check_reasons)
    event.listen(factory, "before_flush", check_form_locks)
    event.listen(factory, "after_flush", record_flush)
    event.listen(factory, "after_flush", record_identification_flush)
    return factory


@contextmanager
def unit_of_work(
    factory: SessionFactory,
    actor: Actor,
    *,
    reason: str | None = None,
    clock: Clock = system_clock,
) -> Iterator[Session]:
    """A transaction that commits on success, rolls back on error, and audits as `actor`.

    Before the commit, the actor signs the new head of the audit chain with their own key.
    """
    with factory.begin() as session:
        session.info.update(actor=actor, reason=reason, clock=clock)
        yield session
        session.flush()
        sign_head(session, session.info["actor"])


@contextmanager
def read_session(factory: SessionFactory) -> Iterator[Session]:
    """A read-only session: anything it would flush is refused by the audit hook."""
    with factory() as session:
        yield session
        session.rollback()


def next_ids(session: Session, model: type[Base], count: int) -> range:
    """Ids for `count` new rows of `model`: what SQLite would give them (the largest id + 1 ...).

    Only in a unit of work, whose write lock (BEGIN IMMEDIATE) keeps the table's largest id
    until commit. Rows with their ids set are inserted in one executemany, where the ORM must
    otherwise send one INSERT ... RETURNING per row (SQLite cannot order a batch's RETURNING).
    """
    table = model.__table__
    assert isinstance(table, Table)
    # On the connection, not the session: a query through the session would autoflush.
    last = session.connection().execute(select(func.max(table.c.id))).scalar()
    start = int(last or 0) + 1
    return range(start, start + count)
