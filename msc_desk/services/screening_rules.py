"""The screening service's boundary: every field of a screening checked before anything is saved."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from msc_desk.catalogue.records import SHOCK_DEFINITIONS
from msc_desk.models import ConsentSigner, PatientIdentification, Screening, Sex, Site
from msc_desk.services import input_rules as rules
from msc_desk.timekeeping import to_moscow

if TYPE_CHECKING:
    from msc_desk.services.screening import ScreeningInput

MAX_COUNT_10E9_PER_L = Decimal(500)
"""The largest ANC or WBC accepted (×10⁹/L), as the wizard's fields allow."""
MAX_AGE_YEARS = 130
_HUNDRED = Decimal(100)
_ZERO = Decimal(0)
_SHOCK_CODES = frozenset(choice.code for choice in SHOCK_DEFINITIONS)
_DECIMAL_CHARS = 40  # ExactDecimal keeps a Decimal as String(40)


def checked_screening_input(s: ScreeningInput, decision_at: datetime) -> ScreeningInput:
    """The input with every field checked (names trimmed, numbers as Decimal), or a refusal.

    Raises:
        InvalidField: the first field refused, named.
    """
    today = to_moscow(decision_at).date()
    onset = rules.instant("shock_onset", s.shock_onset, decision_at)
    signed_at = rules.instant("consent_at", s.consent_at, decision_at)
    representative = rules.name(
        "consent_representative_name",
        s.consent_representative_name,
        rules.column_length(PatientIdentification, "consent_representative_name"),
        required=False,
    )
    signed = rules.flag("consent_signed", s.consent_signed)
    signer = rules.member("consent_signer", s.consent_signer, ConsentSigner)
    rules.consent(
        signed=signed,
        signer=signer,
        signed_at=signed_at,
        representative=representative,
        decision_at=decision_at,
        shock_onset=onset,
    )
    return dataclasses.replace(
        s,
        shock_onset=onset,
        shock_definition=shock_definition(s.shock_definition),
        anc_10e9_per_l=_count("anc_10e9_per_l", s.anc_10e9_per_l),
        wbc_10e9_per_l=_count("wbc_10e9_per_l", s.wbc_10e9_per_l),
        neutrophils_segmented_percent=_percent(
            "neutrophils_segmented_percent", s.neutrophils_segmented_percent
        ),
        neutrophils_band_percent=_percent("neutrophils_band_percent", s.neutrophils_band_percent),
        age_years=rules.whole("age_years", s.age_years, 0, MAX_AGE_YEARS),
        date_of_birth=rules.calendar_date("date_of_birth", s.date_of_birth, today),
        sex=rules.member("sex", s.sex, Sex),
        pregnant=rules.flag("pregnant", s.pregnant),
        chemo_resistant_oncohematologic=rules.flag(
            "chemo_resistant_oncohematologic", s.chemo_resistant_oncohematologic
        ),
        consent_signed=signed,
        consent_signer=signer,
        consent_at=signed_at,
        full_name=rules.name(
            "full_name",
            s.full_name,
            rules.column_length(PatientIdentification, "full_name"),
            required=False,
        ),
        medical_record_number=rules.name(
            "medical_record_number",
            s.medical_record_number,
            rules.column_length(PatientIdentification, "medical_record_number"),
            required=False,
        ),
        consent_representative_name=representative,
    )


def shock_definition(value: object) -> str | None:
    """One of the catalogue's shock definitions (records.SHOCK_DEFINITIONS), or None.

    Raises:
        InvalidField: "too_long", "forbidden_character" or "not_allowed".
    """
    limit = rules.column_length(Screening, "shock_definition")
    code = rules.name("shock_definition", value, limit, required=False)
    if code is not None and code not in _SHOCK_CODES:
        raise rules.InvalidField("shock_definition", "not_allowed")
    return code


def site_code(value: object) -> str | None:
    """A site code named by the caller (None: this device's site), checked as a one-line code.

    Raises:
        InvalidField: "too_long", "forbidden_character".
    """
    return rules.name("site_code", value, rules.column_length(Site, "code"), required=False)


def _count(field: str, value: object) -> Decimal | None:
    return rules.decimal(field, value, _ZERO, MAX_COUNT_10E9_PER_L, max_chars=_DECIMAL_CHARS)


def _percent(field: str, value: object) -> Decimal | None:
    return rules.decimal(field, value, _ZERO, _HUNDRED, max_chars=_DECIMAL_CHARS)
