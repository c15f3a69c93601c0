"""The trial's registration, which the laptop and the coordinating center share."""

STUDY = "NCT01849237"
