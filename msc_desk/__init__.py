"""MSC Desk: bedside data entry for the MSC septic-shock trial (NCT01849237)."""

__version__ = "0.1.0"
