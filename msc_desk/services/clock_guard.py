"""The clock as evidence: jumps are audited; one backward stops randomization until confirmed."""

# The last instant seen is the latest audit time in the database (after the last confirmation);
# LAST_SEEN_FILENAME beside the database copies it at start, sign-in and lock only, so that an
# older copy of the database does not hide a clock set back. A backward jump (now more than
# BACKWARD_TOLERANCE below that instant) is audited as "clock_backward"; from then on
# randomization is refused until an investigator confirms the time with a reason
# (confirm_clock), a signed and audited record that resets the instant seen. A forward jump of
# more than FORWARD_LIMIT while the application runs is audited as "clock_forward" and shown.

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from msc_desk.center.allocation import canonical_json
from msc_desk.models import AuditEntry, ClockConfirmation, Role
from msc_desk.models.audit import CLOCK_BACKWARD, CLOCK_BACKWARD_WHERE
from msc_desk.models.database import SessionFactory
from msc_desk.security.files import atomic_write_bytes
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock

BACKWARD_TOLERANCE = timedelta(minutes=5)
FORWARD_LIMIT = timedelta(hours=24)
LAST_SEEN_FILENAME = "last-seen.json"
CONFIRMATION_FORMAT = "clock-confirmation/1"
_MAX_REASON = 500


class ClockUnconfirmed(Exception):
    """The clock went back and no investigator has confirmed the time since."""


class ClockConfirmationError(Exception):
    """A refused confirmation; `code`: not_investigator, no_user_keys, reason_required."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ClockStatus:
    """What the status bar shows: whether randomization waits for a confirmed time, and why."""

    now: datetime
    last_seen: datetime | None
    backward: bool  # now is more than 5 minutes below the last instant seen
    unconfirmed: bool  # a backward jump is waiting for an investigator's confirmation

    @property
    def behind_by(self) -> timedelta | None:
        return None if self.last_seen is None else self.last_seen - self.now


def last_seen_in_database(session: Session) -> tuple[datetime | None, int]:
    """(latest audited instant since the last confirmation, id of that confirmation's audit row).

    The second value is 0 without a confirmation: only audit rows after it count.
    """
    confirmation = session.scalar(
        select(ClockConfirmation).order_by(ClockConfirmation.id.desc()).limit(1)
    )
    threshold = 0 if confirmation is None else confirmation.last_audit_id
    latest = session.scalar(select(func.max(AuditEntry.at)).where(AuditEntry.id > threshold))
    if confirmation is not None and (latest is None or confirmation.confirmed_at > latest):
        latest = confirmation.confirmed_at
    return latest, threshold


def backward_since(threshold: int) -> Select[int]:
    """The first audit row of the clock going back after row `threshold`.

    Spelled as the partial index ix_audit_log_clock_backward is, so that SQLite reads the index
    and not the whole log (a bound parameter would not let it).
    """
    where = (AuditEntry.id > threshold, text(CLOCK_BACKWARD_WHERE))
    return select(AuditEntry.id).where(*where).limit(1)


def _pending_backward(session: Session, threshold: int) -> bool:
    return session.scalar(backward_since(threshold)) is not None


def _status(session: Session, now: datetime, file_instant: datetime | None) -> ClockStatus:
    latest, threshold = last_seen_in_database(session)
    if file_instant is not None and (latest is None or file_instant > latest):
        latest = file_instant
    backward = latest is not None and now < latest - BACKWARD_TOLERANCE
    return ClockStatus(now, latest, backward, backward or _pending_backward(session, threshold))


def check_clock_for_randomization(session: Session, instant: datetime) -> None:
    """Raise ClockUnconfirmed if the clock is (or went) back and is not confirmed since."""
    if _status(session, instant, None).unconfirmed:
        raise ClockUnconfirmed("the clock went back; an investigator must confirm the time")


def clock_status(
    factory: SessionFactory, data_dir: Path | None, clock: Clock = system_clock
) -> ClockStatus:
    """The clock compared with the last instant seen (in the database and beside it)."""
    with read_session(factory) as session:
        return _status(session, clock(), _read_file(data_dir))


def check_clock(
    factory: SessionFactory, actor: Actor, data_dir: Path | None, clock: Clock = system_clock
) -> ClockStatus:
    """At start, sign-in and unlock: audit a backward jump, else copy the instant beside the DB."""
    status = clock_status(factory, data_dir, clock)
    if status.backward:
        with unit_of_work(factory, actor, clock=clock) as session:
            latest, threshold = last_seen_in_database(session)
            if not _pending_backward(session, threshold):
                record_event(session, CLOCK_BACKWARD, detail=_jump_detail(status))
    elif data_dir is not None:
        record_last_seen(factory, data_dir, clock)
    return status


def record_last_seen(factory: SessionFactory, data_dir: Path, clock: Clock = system_clock) -> None:
    """Copy the last instant seen into the file beside the database (at start, sign-in, lock)."""
    with read_session(factory) as session:
        latest, _threshold = last_seen_in_database(session)
    now = clock()
    instant = now if latest is None or now > latest else latest
    _write_file(data_dir, instant)


def confirm_clock(
    factory: SessionFactory,
    actor: Actor,
    reason: str,
    *,
    data_dir: Path | None = None,
    clock: Clock = system_clock,
) -> ClockConfirmation:
    """An investigator confirms the time now shown: signed, audited, and the new instant seen.

    Raises:
        ClockConfirmationError: see its codes.
    """
    reason = reason.strip() if isinstance(reason, str) else ""
    if actor.role != Role.INVESTIGATOR or actor.user_id is None:
        raise ClockConfirmationError("not_investigator", "only an investigator confirms the time")
    if actor.keys is None:
        raise ClockConfirmationError("no_user_keys", "the investigator's keys are not unlocked")
    if (
        not reason
        or len(reason) > _MAX_REASON
        or any(ord(c) < 32 and c not in "\t\n" for c in reason)
    ):
        raise ClockConfirmationError("reason_required", "give a reason (up to 500 characters)")
    now = clock()
    with unit_of_work(factory, actor, reason=reason, clock=clock) as session:
        previous, _threshold = last_seen_in_database(session)
        last_id = session.scalar(select(func.max(AuditEntry.id))) or 0
        payload = canonical_json(
            {
                "format": CONFIRMATION_FORMAT,
                "user_id": actor.user_id,
                "username": actor.username,
                "device": actor.device,
                "confirmed_at": now.astimezone(UTC).isoformat(timespec="microseconds"),
                "previous_last_seen": None
                if previous is None
                else previous.astimezone(UTC).isoformat(timespec="microseconds"),
                "last_audit_id": last_id,
                "reason": reason,
            }
        )
        confirmation = ClockConfirmation(
            confirmed_at=now,
            confirmed_by_id=actor.user_id,
            reason=reason,
            last_audit_id=last_id,
            payload=payload.decode("ascii"),
            signer_public_key=actor.keys.signing_public,
            signature=base64.b64encode(actor.keys.sign(payload)).decode("ascii"),
        )
        session.add(confirmation)
        session.flush()
        record_event(session, "clock_confirmed", reason=reason, record_id=str(confirmation.id))
    if data_dir is not None:
        _write_file(data_dir, now)
    return confirmation


class RunningClockWatch:
    """Called by the UI's timer: compares the wall clock with the monotonic one while running."""

    def __init__(
        self, clock: Clock = system_clock, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self._clock = clock
        self._monotonic = monotonic
        self._wall = clock()
        self._mono = monotonic()

    def check(self, factory: SessionFactory, actor: Actor) -> timedelta | None:
        """Audit a jump since the last call (forward > 24 h, or backward > 5 min); return it."""
        wall, mono = self._clock(), self._monotonic()
        jump = (wall - self._wall) - timedelta(seconds=mono - self._mono)
        self._wall, self._mono = wall, mono
        if jump > FORWARD_LIMIT:
            action = "clock_forward"
        elif jump < -BACKWARD_TOLERANCE:
            action = CLOCK_BACKWARD
        else:
            return None
        with unit_of_work(factory, actor, clock=lambda: wall) as session:
            record_event(session, action, detail=f"{jump.total_seconds():+.0f} s")
        return jump


def _jump_detail(status: ClockStatus) -> str:
    assert status.last_seen is not None
    return (
        f"now {status.now.astimezone(UTC).isoformat()} < last seen "
        f"{status.last_seen.astimezone(UTC).isoformat()}"
    )


def _read_file(data_dir: Path | None) -> datetime | None:
    if data_dir is None:
        return None
    try:
        content = json.loads((Path(data_dir) / LAST_SEEN_FILENAME).read_text("utf-8"))
        instant = datetime.fromisoformat(content["last_seen"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return instant if instant.tzinfo is not None else None


def _write_file(data_dir: Path, instant: datetime) -> None:
    text = json.dumps({"last_seen": instant.astimezone(UTC).isoformat()}) + "\n"
    atomic_write_bytes(Path(data_dir) / LAST_SEEN_FILENAME, text.encode("ascii"), mode=0o600)
