"""Drafts of visit forms: one per user and visit, in the encrypted database, never audited."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from msc_desk.models import VisitDraft
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.visit_entries import Entry
from msc_desk.timekeeping import Clock, system_clock

DRAFT_LIMIT = 200_000
"""The longest draft kept (characters of JSON): far above a full form."""


def _raw(value: object) -> object:
    if isinstance(value, datetime):
        return {"instant": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, bool | int | str):
        return value
    raise InvalidField("draft", "not_allowed")


def _unraw(value: Any) -> object:
    if isinstance(value, dict):
        if "instant" in value:
            return datetime.fromisoformat(value["instant"])
        return date.fromisoformat(value["date"])
    return value


def encode_draft(entries: Mapping[str, Entry]) -> str:
    content = {
        name: {
            "raw": _raw(entry.raw),
            "unit": entry.unit,
            "inputs": {key: _raw(value) for key, value in entry.inputs.items()},
            "tartrate": entry.tartrate,
            "missing_reason": entry.missing_reason,
            "missing_text": entry.missing_text,
            "confirmed": entry.confirmed,
        }
        for name, entry in entries.items()
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True)
    if len(text) > DRAFT_LIMIT:
        raise InvalidField("draft", "too_long", DRAFT_LIMIT)
    return text


def decode_draft(text: str) -> dict[str, Entry]:
    content = json.loads(text)
    return {
        name: Entry(
            _unraw(item.get("raw")),
            item.get("unit"),
            {key: _unraw(value) for key, value in item.get("inputs", {}).items()},
            bool(item.get("tartrate")),
            item.get("missing_reason"),
            item.get("missing_text"),
            bool(item.get("confirmed")),
        )
        for name, item in content.items()
    }


def _query(actor: Actor, patient_id: int, study_day: int) -> Any:
    return select(VisitDraft).where(
        VisitDraft.user_id == actor.user_id,
        VisitDraft.patient_id == patient_id,
        VisitDraft.study_day == study_day,
    )


def save_draft(
    factory: SessionFactory,
    actor: Actor,
    patient_id: int,
    study_day: int,
    entries: Mapping[str, Entry],
    clock: Clock = system_clock,
) -> None:
    """Keep what the user has typed so far (replacing the previous draft of that visit).

    Raises:
        PermissionDenied: the role may not enter data.
        InvalidField: ("draft") a value that cannot be kept, or a draft far too long.
    """
    authorize(factory, actor, Action.ENTER_DATA, clock)
    text = encode_draft(entries)
    with factory.begin() as session:
        draft = session.scalars(_query(actor, patient_id, study_day)).one_or_none()
        if draft is None:
            draft = VisitDraft(user_id=actor.user_id, patient_id=patient_id, study_day=study_day)
            session.add(draft)
        draft.content = text
        draft.saved_at = clock()


def load_draft(
    factory: SessionFactory, actor: Actor, patient_id: int, study_day: int
) -> dict[str, Entry] | None:
    """The actor's own draft of the visit, or None (another user's draft is never read)."""
    with factory() as session:
        draft = session.scalars(_query(actor, patient_id, study_day)).one_or_none()
        return None if draft is None else decode_draft(draft.content)


def delete_draft(session: Session, actor: Actor, patient_id: int, study_day: int) -> None:
    """Remove the actor's draft of the visit inside the caller's transaction (on save)."""
    session.execute(
        delete(VisitDraft).where(
            VisitDraft.user_id == actor.user_id,
            VisitDraft.patient_id == patient_id,
            VisitDraft.study_day == study_day,
        )
    )


def discard_draft(factory: SessionFactory, actor: Actor, patient_id: int, study_day: int) -> None:
    """Throw away the actor's draft of the visit (the user cancelled the form)."""
    with factory.begin() as session:
        delete_draft(session, actor, patient_id, study_day)
