"""Reports from the database: read what a report shows, stamp it with the chain head, audit it.

The builders in msc_desk.reports take plain data; these functions check the reader's rights,
read the rows and the audit chain head at print time, and record that a report was printed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.models import Device, Site
from msc_desk.models.database import SessionFactory
from msc_desk.protocol import STUDY
from msc_desk.reports import blank_forms, screening_log
from msc_desk.reports.page import ChainHead, PageStamp
from msc_desk.reports.progress import READING, Progress, no_progress
from msc_desk.security.files import atomic_write_bytes
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.chain_head import audit_chain_head
from msc_desk.services.screening import ScreeningLogRow
from msc_desk.services.screening import screening_log as read_screening_log
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock

PRINTED_EVENT = "report_printed"
_READ_ATTEMPTS = 3
T = TypeVar("T")


class ReportError(Exception):
    """A report that could not be printed; the message says why."""


def read_chain_head(session: Session) -> ChainHead:
    """The audit chain head now, as the page stamp prints it."""
    return ChainHead(*audit_chain_head(session))


def screened_patient(row: ScreeningLogRow) -> screening_log.ScreenedPatient:
    """A log row as the report may print it: the arm is left out (the summary shows arms)."""
    return screening_log.ScreenedPatient(
        study_id=row.study_id,
        screened_at=row.screened_at,
        eligible=row.eligible,
        failed_criteria=row.failed_criteria,
        randomized=row.arm is not None,
    )


def print_screening_log(
    factory: SessionFactory,
    actor: Actor,
    clock: Clock = system_clock,
    *,
    include_demo: bool = False,
    progress: Progress = no_progress,
) -> bytes:
    """The screening log as a PDF; the print is audited after the chain head is read.

    Raises:
        PermissionDenied: the actor may not read clinical data (the denial is audited).
        ReportError: the record kept changing while it was read.
        ReportCancelled: `progress` cancelled it (nothing is audited).
    """
    progress(0, 1, READING)
    rows, head = _stable_read(
        factory,
        lambda: read_screening_log(factory, actor, include_demo=include_demo, clock=clock),
    )
    with read_session(factory) as session:
        site = _device_site(session, actor)
    data = screening_log.ScreeningLogData(
        study=STUDY, site=site, patients=tuple(screened_patient(row) for row in rows)
    )
    stamp = PageStamp(f"{screening_log.TITLE} · {STUDY}", clock(), head)
    pdf = screening_log.build_screening_log(data, stamp, progress)
    with unit_of_work(factory, actor, clock=clock) as session:
        record_event(session, PRINTED_EVENT, detail=f"screening_log: {len(rows)}")
    return pdf


def _stable_read(factory: SessionFactory, read: Callable[[], T]) -> tuple[T, ChainHead]:
    """What `read` returns, and the chain head that was current all the while it read.

    Every change to the data adds audit entries, so an unchanged head means unchanged data.

    Raises:
        ReportError: the record changed during each of a few attempts.
    """
    for _attempt in range(_READ_ATTEMPTS):
        with read_session(factory) as session:
            before = read_chain_head(session)
        value = read()
        with read_session(factory) as session:
            if read_chain_head(session) == before:
                return value, before
    raise ReportError("the record kept changing while the report was read; print it again")


def print_blank_forms(clock: Clock = system_clock, *, progress: Progress = no_progress) -> bytes:
    """The blank paper forms of every protocol visit (no recorded data, so no chain head)."""
    stamp = PageStamp(f"{blank_forms.TITLE} · {STUDY}", clock(), None, write_in="Номер пациента")
    return blank_forms.build_blank_forms(stamp, progress=progress)


def save_report(
    out: Path, build: Callable[[Progress], bytes], progress: Progress = no_progress
) -> None:
    """Build a report and write it to `out` whole, or not at all.

    The PDF is written under a temporary name beside `out` and renamed when complete: a build
    that is cancelled or fails leaves no file (and no partial one) under `out`.

    Raises:
        ReportCancelled, and whatever `build` raises; OSError when `out` cannot be written.
    """
    pdf = build(progress)
    atomic_write_bytes(out, pdf, mode=0o600)


def _device_site(session: Session, actor: Actor) -> str:
    name = session.scalar(
        select(Site.name)
        .join(Device, Device.site_id == Site.id)
        .where(Device.device_uid == actor.device)
    )
    return name or ""
