"""The MSC infusion screens: deadline, dosing calculator, two-person check and the record."""
