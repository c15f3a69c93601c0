"""Typed SQLAlchemy models of the whole trial, and the database that holds them."""

from msc_desk.models.audit import AuditEntry
from msc_desk.models.base import Base
from msc_desk.models.clinical import (
    AdverseEvent,
    Infusion,
    Observation,
    Outcome,
    Visit,
)
from msc_desk.models.enums import (
    Arm,
    ConsentSigner,
    MissingReason,
    PatientStatus,
    Role,
    Sex,
    VisitDeviation,
    VisitStatus,
)
from msc_desk.models.exchange import CenterKeyBundle, DeviceSigningKey, ExportedBatch
from msc_desk.models.identification import IdentificationAuditEntry
from msc_desk.models.keys import AuditHeadSignature, UserKeyEntry
from msc_desk.models.oversight import DataQuery, Signature
from msc_desk.models.patient import Patient, PatientIdentification, Screening
from msc_desk.models.randomization import (
    AllocationList,
    AllocationSlot,
    ClockConfirmation,
    RandomizationKey,
    RandomizationKeySeal,
)
from msc_desk.models.site import Device, Setting, Site, User

__all__ = [
    "AdverseEvent",
    "AllocationList",
    "AllocationSlot",
    "Arm",
    "AuditEntry",
    "AuditHeadSignature",
    "Base",
    "CenterKeyBundle",
    "ClockConfirmation",
    "ConsentSigner",
    "DataQuery",
    "Device",
    "DeviceSigningKey",
    "ExportedBatch",
    "IdentificationAuditEntry",
    "Infusion",
    "MissingReason",
    "Observation",
    "Outcome",
    "Patient",
    "PatientIdentification",
    "PatientStatus",
    "RandomizationKey",
    "RandomizationKeySeal",
    "Role",
    "Screening",
    "Setting",
    "Sex",
    "Signature",
    "Site",
    "User",
    "UserKeyEntry",
    "Visit",
    "VisitDeviation",
    "VisitStatus",
]
