"""The identification log (search, audited without identifiers) and the site settings editor."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from test_services_per_role import Ward, ward_fixture  # noqa: F401  (the fixture "ward")

from msc_desk.models import AuditEntry, Role
from msc_desk.services.identification import identification_log
from msc_desk.services.session import read_session
from msc_desk.services.settings import (
    CELL_PREPARATION_HOURS,
    IDLE_LOCK_MINUTES,
    VIABILITY_RELEASE_PERCENT,
    SettingError,
    site_settings,
    update_site_settings,
)
from msc_desk.services.users import idle_lock_minutes


def _audit(ward: Ward, action: str) -> list[AuditEntry]:
    with read_session(ward.factory) as session:
        rows = list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))
        session.expunge_all()
    return rows


def test_the_identification_log_finds_by_name_record_number_or_study_id(ward: Ward) -> None:
    nurse = ward.actors[Role.NURSE]
    [row] = identification_log(ward.factory, nurse)
    assert (row.full_name, row.medical_record_number) == ("Сидоров Илья Петрович", "И-2026-0042")
    assert identification_log(ward.factory, nurse, "сидоров")[0].study_id == row.study_id
    assert identification_log(ward.factory, nurse, "0042") == [row]
    assert identification_log(ward.factory, nurse, row.study_id.lower()) == [row]
    assert identification_log(ward.factory, nurse, "Петрова") == []


def test_every_look_is_audited_and_the_audit_holds_no_identifier(ward: Ward) -> None:
    nurse = ward.actors[Role.NURSE]
    identification_log(ward.factory, nurse)
    identification_log(ward.factory, nurse, "Сидоров")
    rows = _audit(ward, "identification_viewed")
    assert [(r.username, r.new_value) for r in rows] == [
        ("nurse", "list: 1 row(s)"),
        ("nurse", "search: 1 row(s)"),
    ]
    # Neither the search words nor what was found (a name is an identifier).
    assert all(r.old_value is None and r.reason is None for r in rows)


def test_settings_are_validated_stored_and_audited(ward: Ward) -> None:
    admin = ward.actors[Role.ADMIN]
    assert site_settings(ward.factory)[VIABILITY_RELEASE_PERCENT] == Decimal(70)
    values = update_site_settings(
        ward.factory,
        admin,
        {IDLE_LOCK_MINUTES: "12", CELL_PREPARATION_HOURS: "2,5", VIABILITY_RELEASE_PERCENT: 80},
    )
    assert values[IDLE_LOCK_MINUTES] == 12 and values[CELL_PREPARATION_HOURS] == Decimal("2.5")
    assert idle_lock_minutes(ward.factory) == 12  # what the idle lock reads
    changed = {(row.record_id, row.new_value) for row in _audit(ward, "update")} | {
        (row.record_id, row.new_value) for row in _audit(ward, "insert")
    }
    assert (IDLE_LOCK_MINUTES, "12") in changed
    assert (VIABILITY_RELEASE_PERCENT, "80") in changed


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        (IDLE_LOCK_MINUTES, "0", "out_of_range"),
        (IDLE_LOCK_MINUTES, "61", "out_of_range"),
        (IDLE_LOCK_MINUTES, "2.5", "not_whole"),
        (CELL_PREPARATION_HOURS, "10", "out_of_range"),
        (CELL_PREPARATION_HOURS, "скоро", "not_a_number"),
        (CELL_PREPARATION_HOURS, "NaN", "not_a_number"),
        (VIABILITY_RELEASE_PERCENT, "101", "out_of_range"),
        ("theme", "dark", "unknown_setting"),
    ],
)
def test_a_value_out_of_range_is_refused_and_nothing_is_stored(
    ward: Ward, key: str, value: str, code: str
) -> None:
    admin = ward.actors[Role.ADMIN]
    before = site_settings(ward.factory)
    with pytest.raises(SettingError) as refused:
        update_site_settings(ward.factory, admin, {IDLE_LOCK_MINUTES: 9, key: value})
    assert (refused.value.code, refused.value.key) == (code, key)
    assert site_settings(ward.factory) == before
