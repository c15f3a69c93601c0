"""Adverse events, outcome, monitors' queries and form signatures in the patient view."""
