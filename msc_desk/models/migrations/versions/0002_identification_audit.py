"""The identification trail: an append-only, hash-chained history of the identification log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 23:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import msc_desk.models.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A frozen copy of msc_desk.models.identification.IDENTIFICATION_AUDIT_TRIGGERS.
_REFUSED = "RAISE(ABORT, 'identification_audit is append-only')"
TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS identification_audit_no_update BEFORE UPDATE ON "
    f"identification_audit BEGIN SELECT {_REFUSED}; END",
    "CREATE TRIGGER IF NOT EXISTS identification_audit_no_delete BEFORE DELETE ON "
    f"identification_audit BEGIN SELECT {_REFUSED}; END",
    "CREATE TRIGGER IF NOT EXISTS identification_audit_no_replace BEFORE INSERT ON "
    "identification_audit WHEN EXISTS (SELECT 1 FROM identification_audit "
    "WHERE id = NEW.id OR entry_hash = NEW.entry_hash) "
    f"BEGIN SELECT {_REFUSED}; END",
)


def upgrade() -> None:
    op.create_table(
        "identification_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", msc_desk.models.types.UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=64), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=True),
        sa.Column("device", sa.String(length=100), nullable=True),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("record_id", sa.String(length=40), nullable=True),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=60), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identification_audit")),
        sa.UniqueConstraint("entry_hash", name=op.f("uq_identification_audit_entry_hash")),
    )
    with op.batch_alter_table("identification_audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_identification_audit_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_identification_audit_patient_id"), ["patient_id"], unique=False
        )
    for statement in TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("identification_audit")
