"""The patient casebook from the database: one patient's forms as the reader may see them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from msc_desk import catalogue
from msc_desk.catalogue.screening_criteria import failure_wording
from msc_desk.models import (
    AdverseEvent,
    AllocationSlot,
    Arm,
    AuditEntry,
    DataQuery,
    Infusion,
    Observation,
    Outcome,
    Patient,
    Screening,
    Signature,
    Visit,
)
from msc_desk.models.database import SessionFactory
from msc_desk.protocol import STUDY
from msc_desk.reports import casebook
from msc_desk.reports.blocks import DASH
from msc_desk.reports.page import PageStamp, moscow_time
from msc_desk.reports.progress import READING, Progress, no_progress
from msc_desk.scoring.sofa import SofaResult
from msc_desk.services.actor import Actor
from msc_desk.services.adverse_events import shown_to_blinded
from msc_desk.services.audit import record_event
from msc_desk.services.blinding import arm_for_reader, arm_letters
from msc_desk.services.observation_sofa import visit_sofa
from msc_desk.services.patients import PatientNotFound
from msc_desk.services.permissions import Action, authorize, is_allowed
from msc_desk.services.record_text import (
    UserNames,
    column_text,
    record_pairs,
    value_text,
)
from msc_desk.services.reports import PRINTED_EVENT, _device_site, _stable_read
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock

_ARM_NAMES = {"control": "контроль", "msc": "МСК"}
_REVEALING_TABLES = frozenset({"infusion"})
_PRINTED_DECIMALS = 3
_STORED_SOFA = frozenset(
    {
        "sofa_total",
        "sofa_total_missing_as_normal",
        "sofa_respiration",
        "sofa_coagulation",
        "sofa_liver",
        "sofa_cardiovascular",
        "sofa_cns",
        "sofa_renal",
    }
)


def _arm_text(code: str | None, blinded: bool) -> str:
    if code is None:
        return "не рандомизирован"
    return code if blinded else _ARM_NAMES.get(code, code)


def _entered_as(field: catalogue.Field, item: Observation) -> str:
    """The value as typed in another unit ("60 %"), for a value converted on entry."""
    if item.entered_unit is None or item.entered_value is None:
        return ""
    alternative = next(
        (alt for alt in field.alternatives if alt.unit.en == item.entered_unit), None
    )
    unit = item.entered_unit if alternative is None else alternative.unit.ru
    return f"{value_text(item.entered_value)} {unit}".strip()


def _value(item: Observation) -> str:
    """A stored number as printed; one converted on entry to more than 3 decimals, rounded.

    (A pump rate gives 0,76862745… µg/kg/min: the exact value stays in the database and the
    export, the paper shows «≈ 0,769» beside what was typed.)
    """
    value = item.value
    assert value is not None
    if item.entered_value is None or value.as_tuple().exponent >= -_PRINTED_DECIMALS:  # type: ignore[operator]
        return value_text(value)
    rounded = round(value, _PRINTED_DECIMALS)
    if not rounded:
        rounded = Decimal(f"{value:.3g}")
    return f"≈ {value_text(rounded.normalize())}"


def _observation_line(item: Observation) -> casebook.ObservationLine:
    field = catalogue.FIELDS.get(item.code)
    label = item.code if field is None else field.label_ru
    unit = (item.unit or "") if field is None else field.unit_text("ru")
    entered_as = "" if field is None else _entered_as(field, item)
    value = item.value_text if item.value is None else _value(item)
    if field is not None and item.value_text is not None and item.value is None:
        value = catalogue.value_label(field, item.value_text, "ru") or item.value_text
    reason = ""
    if item.missing_reason is not None:
        reason = column_text("observation", "missing_reason", item.missing_reason)
    return casebook.ObservationLine(label, value or DASH, unit, entered_as, reason)


def _sofa_line(result: SofaResult | None) -> casebook.SofaLine | None:
    if result is None:
        return None

    def points(value: int | None) -> str:
        return DASH if value is None else str(value)

    total = (
        str(result.total)
        if result.total is not None
        else f"{result.total_missing_as_normal} (неполный)"
    )
    return casebook.SofaLine(
        points(result.respiration),
        points(result.coagulation),
        points(result.liver),
        points(result.cardiovascular),
        points(result.cns),
        points(result.renal),
        total,
    )


def _visit_form(visit: Visit, users: UserNames) -> casebook.VisitForm:
    observations = [item for item in visit.observations if item.deleted_at is None]
    order = {name: index for index, name in enumerate(catalogue.FIELDS)}
    observations.sort(key=lambda item: (order.get(item.code, len(order)), item.code))
    sofa = _sofa_line(visit_sofa(observations))
    # The SOFA table below scores the observations printed: the columns stored with the form
    # would repeat it (or show dashes where the form was not saved through the window).
    skip = {"study_day", *(_STORED_SOFA if sofa is not None else ())}
    return casebook.VisitForm(
        title=f"Визит: день {visit.study_day}",
        details=record_pairs(visit, users, skip=frozenset(skip)),
        observations=tuple(_observation_line(item) for item in observations),
        sofa=sofa,
    )


def _adverse_event_row(number: int, event: AdverseEvent, blinded: bool) -> tuple[str, ...]:
    lines = [event.term]
    if event.description:
        lines.append(event.description)
    if not blinded and event.related_to_msc:
        relation = column_text("adverse_event", "related_to_msc", event.related_to_msc)
        lines.append(f"Связь с введением МСК: {relation}")
    term = "\n".join(lines)
    return (
        str(number),
        term,
        moscow_time(event.onset_at),
        value_text(event.grade),
        value_text(event.serious),
        column_text("adverse_event", "outcome", event.outcome),
        value_text(event.resolved_at),
    )


def _query_row(query: DataQuery, users: UserNames) -> tuple[str, ...]:
    field = catalogue.FIELDS.get(query.field or "")
    where = DASH if query.field is None else (query.field if field is None else field.label_ru)
    raised = f"{moscow_time(query.raised_at)}\n{users.name(query.raised_by_id)}"
    answer = DASH
    if query.answer:
        answer = (
            f"{query.answer}\n{users.name(query.answered_by_id)}, {value_text(query.answered_at)}"
        )
    status = "закрыт " + moscow_time(query.closed_at) if query.closed_at else "открыт"
    return (where, query.text, raised, answer, status)


def _signature_row(
    signature: Signature, users: UserNames, visit_days: dict[int, int]
) -> tuple[str, ...]:
    what = "карта целиком"
    if signature.visit_id is not None:
        what = f"визит дня {visit_days.get(signature.visit_id, '?')}"
    status = "действует"
    if signature.voided_at is not None:
        status = f"отозвана {moscow_time(signature.voided_at)}: {signature.void_reason or DASH}"
    return (
        what,
        signature.meaning,
        users.name(signature.signed_by_id),
        moscow_time(signature.signed_at),
        status,
    )


def _audit_summary(
    session: Session, patient_id: int, blinded: bool
) -> tuple[tuple[tuple[str, str, str], ...], str]:
    rows = session.execute(
        select(AuditEntry.table_name, func.count(AuditEntry.id), func.max(AuditEntry.at))
        .where(AuditEntry.patient_id == patient_id)
        .group_by(AuditEntry.table_name)
    ).all()
    lines = []
    total = 0
    last: datetime | None = None
    for table_name, count, at in rows:
        if blinded and table_name in _REVEALING_TABLES:
            continue
        total += count
        last = at if last is None or at > last else last
        found = catalogue.table(table_name) if table_name else None
        title = (
            "События" if table_name is None else (table_name if found is None else found.title_ru)
        )
        lines.append((title, str(count), moscow_time(at)))
    lines.sort()
    summary = f"Записей журнала аудита по пациенту: {total}"
    if last is not None:
        summary += f"; последнее изменение {moscow_time(last)} МСК"
    return tuple(lines), summary


def read_casebook(
    factory: SessionFactory, actor: Actor, study_id: str, clock: Clock = system_clock
) -> casebook.CasebookData:
    """One patient's casebook data as `actor` may read it.

    Raises:
        PermissionDenied: the role may not view clinical data.
        PatientNotFound: no such study id.
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    blinded = not is_allowed(actor, Action.VIEW_ALLOCATION)
    with read_session(factory) as session:
        patient = session.scalar(
            select(Patient).where(Patient.study_id == study_id, Patient.deleted_at.is_(None))
        )
        if patient is None:
            raise PatientNotFound(study_id)
        slot = session.scalar(select(AllocationSlot).where(AllocationSlot.patient_id == patient.id))
        arm_code = None if slot is None or slot.arm is None else str(slot.arm)
        data = _read(session, actor, patient, slot, blinded)
        cover = (
            ("Номер пациента", patient.study_id),
            ("Статус", column_text("patient", "status", patient.status)),
            ("Внесён в базу", moscow_time(patient.created_at)),
            *data.cover,
            *(() if slot is None else (("Рандомизирован", value_text(slot.revealed_at)),)),
        )
    shown_arm = None
    if arm_code is not None:
        shown_arm = arm_for_reader(factory, actor, Arm(arm_code), clock)
    return _with_cover(data, (*cover, ("Группа", _arm_text(shown_arm, blinded))))


def _with_cover(
    data: casebook.CasebookData, cover: Sequence[tuple[str, str]]
) -> casebook.CasebookData:
    return replace(data, cover=tuple(cover))


def _read(
    session: Session,
    actor: Actor,
    patient: Patient,
    slot: AllocationSlot | None,
    blinded: bool,
) -> casebook.CasebookData:
    users = UserNames(session)
    screening = session.scalar(select(Screening).where(Screening.patient_id == patient.id))
    screening_pairs = (
        ()
        if screening is None
        else record_pairs(screening, users, skip=frozenset({"failed_criteria", "eligible"}))
    )
    eligible = "—" if screening is None else ("да" if screening.eligible else "нет")
    failed = (
        ()
        if screening is None
        else tuple(
            failure_wording(code, "ru") for code in screening.failed_criteria.split(",") if code
        )
    )
    randomization: tuple[tuple[str, str], ...] = (("Рандомизация", "не проводилась"),)
    if slot is not None:
        randomization = (
            ("Время рандомизации", value_text(slot.revealed_at)),
            ("Рандомизировал", users.name(slot.revealed_by_id)),
            ("Номер в списке", str(slot.slot_number)),
        )
        if not blinded:
            randomization += (("Хэш раскрытия", slot.reveal_hash or DASH),)
    infusions: tuple[tuple[tuple[str, str], ...], ...] = ()
    if not blinded:
        infusions = tuple(
            record_pairs(row, users)
            for row in session.scalars(
                select(Infusion)
                .where(Infusion.patient_id == patient.id, Infusion.deleted_at.is_(None))
                .order_by(Infusion.started_at, Infusion.id)
            )
        )
    visits = tuple(
        _visit_form(visit, users)
        for visit in session.scalars(
            select(Visit).where(Visit.patient_id == patient.id).order_by(Visit.study_day)
        )
    )
    event_query = select(AdverseEvent).where(
        AdverseEvent.patient_id == patient.id, AdverseEvent.deleted_at.is_(None)
    )
    if blinded:
        event_query = event_query.where(shown_to_blinded())
    events = session.scalars(event_query.order_by(AdverseEvent.onset_at, AdverseEvent.id)).all()
    outcome = session.scalar(select(Outcome).where(Outcome.patient_id == patient.id))
    queries = session.scalars(
        select(DataQuery).where(DataQuery.patient_id == patient.id).order_by(DataQuery.raised_at)
    ).all()
    signatures = session.scalars(
        select(Signature).where(Signature.patient_id == patient.id).order_by(Signature.signed_at)
    ).all()
    visit_days = {
        visit_id: day
        for visit_id, day in session.execute(
            select(Visit.id, Visit.study_day).where(Visit.patient_id == patient.id)
        )
    }
    audit_rows, audit_total = _audit_summary(session, patient.id, blinded)
    screened_at = DASH if screening is None else moscow_time(screening.screened_at)
    return casebook.CasebookData(
        study=STUDY,
        study_id=patient.study_id,
        site=_device_site(session, actor),
        cover=(("Скрининг", screened_at),),
        screening=(*screening_pairs, ("Соответствует критериям", eligible)),
        failed_criteria=failed,
        randomization=randomization,
        infusions=infusions,
        visits=visits,
        adverse_events=tuple(
            _adverse_event_row(n, e, blinded) for n, e in enumerate(events, start=1)
        ),
        outcome=(("Исход", "не внесён"),) if outcome is None else record_pairs(outcome, users),
        queries=tuple(_query_row(query, users) for query in queries),
        signatures=tuple(_signature_row(s, users, visit_days) for s in signatures),
        audit_by_form=audit_rows,
        audit_total=audit_total,
        notes=(
            (
                "Группа скрыта: роль читателя не предусматривает доступа к распределению; "
                "сведения о введении продукта не печатаются.",
            )
            if blinded
            else ()
        ),
    )


def print_casebook(
    factory: SessionFactory,
    actor: Actor,
    study_id: str,
    clock: Clock = system_clock,
    *,
    progress: Progress = no_progress,
) -> bytes:
    """The casebook of `study_id` as a PDF, stamped with the chain head; the print is audited.

    `progress` hears the reading, each section laid out and the page numbering.

    Raises:
        PermissionDenied, PatientNotFound, ReportError (the record kept changing),
        ReportCancelled (`progress` cancelled it; nothing is audited).
    """
    progress(0, 1, READING)
    if not is_allowed(actor, Action.VIEW_ALLOCATION):
        arm_letters(factory, actor, clock)  # a write the first time: before the head is read
    data, head = _stable_read(factory, lambda: read_casebook(factory, actor, study_id, clock))
    stamp = PageStamp(f"{STUDY} · пациент {study_id}", clock(), head)
    pdf = casebook.build_casebook(data, stamp, progress)
    with unit_of_work(factory, actor, clock=clock) as session:
        record_event(session, PRINTED_EVENT, detail=f"casebook: {study_id}")
    return pdf
