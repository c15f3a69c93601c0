"""Demo oversight: a few monitor queries at each step, and investigator signatures, by service."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from msc_desk.models import Patient, PatientStatus, Visit, VisitStatus
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.queries import answer_query, close_query, raise_query
from msc_desk.services.session import read_session
from msc_desk.services.signatures import sign_casebook, sign_visit
from msc_desk.services.workspace import sign_in

OVERSIGHT_FROM = 10
"""A demo with fewer randomized patients gets no queries nor signatures: all its forms stay open."""
VISIT_MEANING = "Подтверждаю достоверность и полноту данных визита"
CASEBOOK_MEANING = "Подтверждаю достоверность и полноту данных ИРК"
# (field or None for the whole form, query, answer or None, closed)
_QUERIES = (
    ("lactate", "Лактат выше, чем в бланке газов крови: проверьте перенос.", None, False),
    ("platelets", "Тромбоциты 180 при тромбоцитопении накануне: трансфузия?",
     "Да, трансфузия тромбоконцентрата за 2 ч до забора.", False),
    (None, "Нет подписи врача на бланке назначений, приложите копию.",
     "Копия приложена к истории болезни.", True),
    ("map", "САД ниже 65 без вазопрессоров: проверьте дозу норадреналина.", None, False),
)  # fmt: skip


def add_oversight(
    data_dir: Path,
    factory: SessionFactory,
    investigator: Actor,
    accounts: dict[str, tuple[str, str]],
    now: datetime,
) -> None:
    """Queries open, answered and closed on a few visits; signed visits and one casebook.

    `accounts` gives, by role ("investigator", "nurse", "monitor"), the username and
    password of a demo account. Everything is written at `now`, through the services.
    """
    done, finished = _targets(factory)
    if len(done) < OVERSIGHT_FROM:
        return
    queried = [visit for patient_id, visits in done.items() if patient_id not in finished
               for visit in visits[1:2]][: len(_QUERIES)]  # fmt: skip
    at = lambda: now  # noqa: E731
    if queried:
        monitor = sign_in(data_dir, *accounts["monitor"], clock=at)
        nurse = sign_in(data_dir, *accounts["nurse"], clock=at)
        try:
            for (patient_id, visit_id), (field, text, answer, closed) in zip(
                queried, _QUERIES, strict=False
            ):
                query = raise_query(monitor.factory, monitor.actor, patient_id, "visit", text,
                                    visit_id=visit_id, field=field, clock=at)  # fmt: skip
                if answer is not None:
                    answer_query(nurse.factory, nurse.actor, query, answer, clock=at)
                if closed:
                    close_query(monitor.factory, monitor.actor, query, clock=at)
        finally:
            monitor.close()
            nurse.close()
    password = accounts["investigator"][1]
    for patient_id in sorted(finished)[-1:]:  # the latest: older patients stay open
        sign_casebook(factory, investigator, data_dir, patient_id, password, CASEBOOK_MEANING,
                      clock=at)  # fmt: skip
    signed_forms = [visits[0] for patient_id, visits in done.items() if patient_id not in finished]
    for _patient_id, visit_id in signed_forms[-2:]:
        sign_visit(factory, investigator, data_dir, visit_id, password, VISIT_MEANING, clock=at)


def _targets(factory: SessionFactory) -> tuple[dict[int, list[tuple[int, int]]], set[int]]:
    """Done visits by patient (baseline first), and the patients whose casebook may be signed."""
    done: dict[int, list[tuple[int, int]]] = defaultdict(list)
    scheduled: set[int] = set()
    with read_session(factory) as session:
        rows = session.execute(
            select(Visit.patient_id, Visit.id, Visit.status).order_by(
                Visit.patient_id, Visit.study_day
            )
        ).all()
        ended = set(
            session.scalars(
                select(Patient.id).where(
                    Patient.status.in_((PatientStatus.COMPLETED, PatientStatus.DIED))
                )
            )
        )
    for patient_id, visit_id, status in rows:
        if status == VisitStatus.DONE:
            done[patient_id].append((patient_id, visit_id))
        elif status == VisitStatus.SCHEDULED:
            scheduled.add(patient_id)
    return done, ended - scheduled
