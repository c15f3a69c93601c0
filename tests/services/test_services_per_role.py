"""Each service checks the permission matrix itself, for every role, and audits a denial."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from seeding import seed_site
from sqlalchemy import Engine, select

from msc_desk.models import Arm, AuditEntry, ConsentSigner, Role
from msc_desk.models.database import SessionFactory
from msc_desk.services import allocation
from msc_desk.services.actor import Actor
from msc_desk.services.allocation import RandomizationError
from msc_desk.services.demo_follow_up import RandomizedPatient, fill_follow_up
from msc_desk.services.identification import identification_log
from msc_desk.services.patients import list_patients, patient_summary
from msc_desk.services.permissions import MATRIX, Action, PermissionDenied
from msc_desk.services.screening import (
    ScreeningInput,
    consort_counts,
    preview_study_id,
    save_screening,
    screening_log,
)
from msc_desk.services.session import audited_session_factory, read_session
from msc_desk.services.settings import IDLE_LOCK_MINUTES, update_site_settings
from msc_desk.services.signatures import casebook_signature

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
ROLES = {
    Role.INVESTIGATOR: "doctor",
    Role.NURSE: "nurse",
    Role.MONITOR: "monitor",
    Role.ADMIN: "admin",
    Role.BLINDED_REVIEWER: "reviewer",
}


@dataclass
class Ward:
    factory: SessionFactory
    actors: dict[Role, Actor]
    patient_id: int


@pytest.fixture(name="ward")
def ward_fixture(plain_engine: Engine) -> Ward:
    factory = audited_session_factory(plain_engine)
    users = {name: (role, False) for role, name in ROLES.items()}
    named = seed_site(factory, lambda: NOW, site_name="ОРИТ", device_uid="dev-1", users=users)
    actors = {role: named[name] for role, name in ROLES.items()}
    saved = save_screening(
        factory,
        actors[Role.INVESTIGATOR],
        ScreeningInput(
            shock_onset=NOW - timedelta(hours=2),
            anc_10e9_per_l=Decimal("0.4"),
            age_years=50,
            pregnant=False,
            chemo_resistant_oncohematologic=False,
            consent_signed=True,
            consent_signer=ConsentSigner.PATIENT,
            consent_at=NOW - timedelta(hours=1),
            full_name="Сидоров Илья Петрович",
            medical_record_number="И-2026-0042",
        ),
        lambda: NOW,
    )
    return Ward(factory, actors, saved.patient_id)


Call = Callable[[Ward, Actor], Any]
SERVICES: dict[str, tuple[Action, Call]] = {
    "list_patients": (Action.VIEW_CLINICAL, lambda w, a: list_patients(w.factory, a, NOW)),
    "patient_summary": (
        Action.VIEW_CLINICAL,
        lambda w, a: patient_summary(w.factory, a, w.patient_id, NOW),
    ),
    "screening_log": (Action.VIEW_CLINICAL, lambda w, a: screening_log(w.factory, a)),
    "consort_counts": (Action.VIEW_CLINICAL, lambda w, a: consort_counts(w.factory, a)),
    "casebook_signature": (
        Action.VIEW_CLINICAL,
        lambda w, a: casebook_signature(w.factory, a, w.patient_id),
    ),
    "identification_log": (
        Action.VIEW_IDENTIFICATION,
        lambda w, a: identification_log(w.factory, a, "Сидоров"),
    ),
    "update_site_settings": (
        Action.MANAGE_SETTINGS,
        lambda w, a: update_site_settings(w.factory, a, {IDLE_LOCK_MINUTES: 10}),
    ),
    "fill_follow_up": (
        Action.ENTER_DATA,
        lambda w, a: fill_follow_up(
            w.factory,
            a,
            [RandomizedPatient(w.patient_id, Arm.CONTROL, NOW)],
            NOW,
            random.Random(1),
            checker=a,
        ),
    ),
    "preview_study_id": (Action.SCREEN, lambda w, a: preview_study_id(w.factory, a)),
    "randomize": (
        Action.RANDOMIZE,
        lambda w, a: allocation.randomize(w.factory, a, w.patient_id, clock=lambda: NOW),
    ),
}


def _denials(factory: SessionFactory, username: str) -> list[str | None]:
    with read_session(factory) as session:
        query = select(AuditEntry.new_value).where(
            AuditEntry.action == "permission_denied", AuditEntry.username == username
        )
        return list(session.scalars(query))


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("service", list(SERVICES))
def test_each_service_refuses_exactly_the_roles_the_matrix_denies(
    ward: Ward, service: str, role: Role
) -> None:
    action, call = SERVICES[service]
    actor = ward.actors[role]
    if action in MATRIX[role]:
        try:
            call(ward, actor)
        except RandomizationError as refused:  # allowed, but no allocation list is imported
            assert refused.code == "no_allocation_list"
        assert _denials(ward.factory, actor.username) == []
        return
    with pytest.raises(PermissionDenied) as denied:
        call(ward, actor)
    assert denied.value.action is action
    assert _denials(ward.factory, actor.username) == [action.value]


def test_a_nurse_randomizes_only_when_delegated(plain_engine: Engine) -> None:
    factory = audited_session_factory(plain_engine)
    users = {"plain": (Role.NURSE, False), "delegated": (Role.NURSE, True)}
    actors = seed_site(factory, lambda: NOW, site_name="ОРИТ", device_uid="d", users=users)
    with pytest.raises(PermissionDenied):
        allocation.randomize(factory, actors["plain"], 1)
    with pytest.raises(RandomizationError):
        allocation.randomize(factory, actors["delegated"], 1)
