"""Alembic migrations shipped inside the package, run in code at start-up."""
