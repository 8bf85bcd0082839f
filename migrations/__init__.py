"""Alembic migrations: the schema's history. Imports `models` only."""
