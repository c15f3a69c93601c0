"""Study ids issued by the application: MSC-<site code>-<number>, sequential per site."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from msc_desk.models import Patient

PREFIX = "MSC"
_MAX_LENGTH = 20  # patient.study_id


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
    of_site = select(Patient.study_id).where(Patient.study_id.startswith(prefix, autoescape=True))
    # The highest number is the longest id, then the greatest; one row, not the whole site.
    last = session.scalar(
        of_site.order_by(func.length(Patient.study_id).desc(), Patient.study_id.desc()).limit(1)
    )
    if last is not None and last[len(prefix) :].isdigit():
        highest = int(last[len(prefix) :])
    else:  # an id with a non-numeric tail sorts first: look at them all
        tails = (taken[len(prefix) :] for taken in session.scalars(of_site))
        highest = max((int(tail) for tail in tails if tail.isdigit()), default=0)
    study_id = format_study_id(site_code, highest + 1)
    if len(study_id) > _MAX_LENGTH:
        raise ValueError(f"site {site_code}: no study id left")
    return study_id
