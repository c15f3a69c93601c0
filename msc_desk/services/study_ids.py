"""Study ids issued by the application: MSC-<site code>-<number>, within this device's range."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.models import AllocationList, Patient

PREFIX = "MSC"
_MAX_LENGTH = 20  # patient.study_id
_NUMBER_DIGITS = 5  # room for 99,999 patients per site
MAX_SITE_CODE_LENGTH = _MAX_LENGTH - len(PREFIX) - 2 - _NUMBER_DIGITS
"""The longest site code whose study ids fit the column, up to the 99,999th patient."""


def format_study_id(site_code: str, number: int) -> str:
    """The study id of the `number`-th patient screened at a site, e.g. MSC-01-007."""
    return f"{PREFIX}-{site_code}-{number:03d}"


def next_study_id(session: Session, site_code: str) -> str:
    """The next free study id of a site (call inside the transaction that saves the patient).

    Raises:
        ValueError: the site code is empty or too long for a study id.
    """
    prefix = f"{PREFIX}-{site_code}-"
    if not site_code or len(prefix) + 3 > _MAX_LENGTH:
        raise ValueError(f"site code {site_code!r} cannot form a study id")
    taken = session.scalars(
        select(Patient.study_id).where(Patient.study_id.startswith(prefix, autoescape=True))
    )
    numbers = [int(tail) for tail in (s[len(prefix) :] for s in taken) if tail.isdigit()]
    number = _next_in_ranges(session, max(numbers, default=0) + 1)
    study_id = format_study_id(site_code, number)
    if len(study_id) > _MAX_LENGTH:
        raise ValueError(f"site {site_code}: no study id left")
    return study_id


def _next_in_ranges(session: Session, candidate: int) -> int:
    """`candidate`, moved into the study-number ranges the signed lists gave this device.

    Without a list the numbers simply follow each other. With lists, study ids stay unique
    across the devices of a site: a number outside every range moves to the next range.

    Raises:
        ValueError: every range is used up.
    """
    ranges = session.execute(
        select(AllocationList.first_study_number, AllocationList.study_number_count).order_by(
            AllocationList.first_study_number
        )
    ).all()
    if not ranges:
        return candidate
    for first, count in ranges:
        if candidate < first:
            return first
        if candidate <= first + count - 1:
            return candidate
    raise ValueError("the study numbers this device was given are used up")
