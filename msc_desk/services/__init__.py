"""Service functions: every write path of the application goes through here."""
