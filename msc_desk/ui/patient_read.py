"""Everything the patient view shows of one patient, read in one go off the GUI thread.

`read_patient` touches no widget: the patient view runs it on the thread pool and hands each
tab its part. A follow-up or infusion part that the service refuses carries the refusal, which
that tab shows in words, as when it reads on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from msc_desk.analysis.timeline import PatientTimeline
from msc_desk.analysis.trends import PatientTrends
from msc_desk.models.database import SessionFactory
from msc_desk.models.enums import Arm
from msc_desk.security.policy import InputRefused
from msc_desk.services.actor import Actor
from msc_desk.services.adverse_events import list_adverse_events
from msc_desk.services.blinding import summary_for_reader
from msc_desk.services.infusion import is_msc_patient
from msc_desk.services.infusion_sheet import first_infusion_started, patient_infusions
from msc_desk.services.outcomes import outcome_record
from msc_desk.services.patient_timeline import patient_timeline
from msc_desk.services.patient_trends import patient_trends
from msc_desk.services.patients import PatientSummary, patient_summary
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.queries import list_queries
from msc_desk.services.signatures import CasebookSignature, casebook_signature
from msc_desk.timekeeping import Clock
from msc_desk.ui.follow_up.messages import HANDLED
from msc_desk.ui.patient_parts import EventsRead, InfusionRead, OutcomeRead


@dataclass(frozen=True)
class PatientRead:
    """One patient as the patient view shows it, read for `actor` at one moment.

    Attributes:
        events, outcome: None for a patient not randomized (no follow-up tabs); a refusal of
            the service when it refused.
        infusion: None unless the infusion tab applies (an MSC-arm patient, an unblinded
            reader); a refusal when the service refused.
    """

    summary: PatientSummary
    signature: CasebookSignature
    timeline: PatientTimeline
    trends: PatientTrends
    events: EventsRead | Exception | None
    outcome: OutcomeRead | Exception | None
    infusion: InfusionRead | Exception | None

    @property
    def patient_id(self) -> int:
        return self.summary.patient_id


def read_patient(
    factory: SessionFactory, actor: Actor, clock: Clock, patient_id: int, language: str
) -> PatientRead:
    """Read the patient view's content (runs on the thread pool; no widget is touched).

    Raises:
        PatientNotFound, SignatureError("not_found"): the patient is gone (deleted meanwhile).
        PermissionDenied: the role may not view clinical data.
    """
    now = clock()
    summary = summary_for_reader(actor, patient_summary(factory, actor, patient_id, now, clock))
    signature = casebook_signature(factory, actor, patient_id, clock)
    timeline = patient_timeline(factory, actor, patient_id, now, clock)
    trends = patient_trends(factory, actor, patient_id, language=language, clock=clock)
    events: EventsRead | Exception | None = None
    outcome: OutcomeRead | Exception | None = None
    if summary.randomized_at is not None:
        try:
            queries = list_queries(factory, actor, patient_id, clock)
            events = EventsRead(
                list_adverse_events(factory, actor, patient_id, clock), queries, signature.signed
            )
            outcome = OutcomeRead(
                outcome_record(factory, actor, patient_id, clock), signature, queries
            )
        except HANDLED as refusal:
            events = outcome = refusal
    infusion: InfusionRead | Exception | None = None
    # The arm a blinded reader sees is never Arm.MSC; is_msc_patient checks the role again.
    if summary.arm is Arm.MSC and is_msc_patient(factory, actor, patient_id):
        try:
            infusion = InfusionRead(
                patient_infusions(factory, actor, patient_id, clock),
                first_infusion_started(factory, patient_id),
            )
        except (InputRefused, PermissionDenied) as refusal:
            infusion = refusal
    return PatientRead(summary, signature, timeline, trends, events, outcome, infusion)
