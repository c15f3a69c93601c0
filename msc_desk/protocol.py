"""The trial's registration, which the laptop and the coordinating center share."""

STUDY = "NCT01849237"

ENROLLMENT_TARGET = 30
"""Patients to randomize (the registration's planned enrollment)."""
