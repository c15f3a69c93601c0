"""Closed vocabularies of the trial, stored by their string value."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    INVESTIGATOR = "investigator"
    NURSE = "nurse"
    MONITOR = "monitor"
    ADMIN = "admin"
    BLINDED_REVIEWER = "blinded_reviewer"
    """A statistician or DSMB member: reads data and audit, never an arm."""


class PatientStatus(StrEnum):
    SCREENING = "screening"
    SCREEN_FAILED = "screen_failed"
    RANDOMIZED = "randomized"
    COMPLETED = "completed"
    DIED = "died"
    WITHDRAWN = "withdrawn"


class Arm(StrEnum):
    CONTROL = "control"
    MSC = "msc"


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class ConsentSigner(StrEnum):
    PATIENT = "patient"
    REPRESENTATIVE = "representative"


class VisitStatus(StrEnum):
    SCHEDULED = "scheduled"
    DONE = "done"
    MISSED = "missed"
    NOT_APPLICABLE = "not_applicable"


class MissingReason(StrEnum):
    NOT_DONE = "not_done"
    DIED = "died"
    TRANSFERRED = "transferred"
    NOT_APPLICABLE = "not_applicable"
    NOT_AVAILABLE = "not_available"
    TECHNICAL_FAILURE = "technical_failure"
    OTHER = "other"


class VisitDeviation(StrEnum):
    """A protocol deviation recorded on a visit."""

    OUTSIDE_WINDOW = "outside_window"  # performed on a study day outside the visit's window
