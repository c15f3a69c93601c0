"""The carbon copy of a reveal: the eligibility result it rests on, as the center rehashes it."""

# Format "eligibility/1": canonical JSON (msc_desk.center.allocation.canonical_json: sorted keys,
# no spaces, ASCII) of {"format", "instants": {randomized_at, screened_at, shock_onset_at,
# consent_at}, "inputs": {...the saved screening values...}, "decision": {eligible,
# failed_criteria, criteria: [[code, status], ...], hours_since_onset, anc_10e9_per_l}}.
# Instants are ISO 8601 in UTC with microseconds; decimals are their exact text; the date of
# birth is not included (the age is). Its SHA-256 is the carbon copy in the reveal chain.

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.center.allocation import canonical_json
from msc_desk.models import Screening
from msc_desk.scoring.eligibility import EligibilityResult


def eligibility_record(
    screening: Screening, result: EligibilityResult, instant: datetime
) -> dict[str, object]:
    """The eligibility result a reveal rests on: inputs, decision with criteria, UTC instants."""

    def text(value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.astimezone(UTC).isoformat(timespec="microseconds")
        return str(value)

    return {
        "format": "eligibility/1",
        "instants": {
            "randomized_at": text(instant),
            "screened_at": text(screening.screened_at),
            "shock_onset_at": text(screening.shock_onset_at),
            "consent_at": text(screening.consent_at),
        },
        "inputs": {
            "anc_10e9_per_l": text(screening.anc_10e9_per_l),
            "wbc_10e9_per_l": text(screening.wbc_10e9_per_l),
            "neutrophils_segmented_percent": text(screening.neutrophils_segmented_percent),
            "neutrophils_band_percent": text(screening.neutrophils_band_percent),
            "age_years": result.age_years,
            "sex": text(screening.sex),
            "pregnant": screening.pregnant,
            "chemo_resistant_oncohematologic": screening.chemo_resistant_oncohematologic,
            "consent_signed": screening.consent_signed,
            "consent_signer": text(screening.consent_signer),
        },
        "decision": {
            "eligible": result.eligible,
            "failed_criteria": list(result.failed_criteria),
            "criteria": [[str(code), str(status)] for code, status in result.criteria],
            "hours_since_onset": text(result.hours_since_onset),
            "anc_10e9_per_l": text(result.anc_10e9_per_l),
        },
    }


def eligibility_sha256(
    session: Session, patient_id: int, result: EligibilityResult, instant: datetime
) -> str:
    """SHA-256 hex of the canonical JSON of `eligibility_record` (the reveal's carbon copy)."""
    screening = session.scalars(select(Screening).where(Screening.patient_id == patient_id)).one()
    record = eligibility_record(screening, result, instant)
    return hashlib.sha256(canonical_json(record)).hexdigest()
