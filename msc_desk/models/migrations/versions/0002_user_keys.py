"""Users' key registry, signed audit heads, and the signer's signature on e-signatures.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import msc_desk.models.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _append_only(table: str, unique_match: str) -> tuple[str, ...]:
    # A frozen copy of msc_desk.models.keys.append_only_triggers as of this revision.
    message = f"'{table} is append-only'"
    return (
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, {message}); END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, {message}); END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_replace BEFORE INSERT ON {table} "
        f"WHEN EXISTS (SELECT 1 FROM {table} WHERE {unique_match}) "
        f"BEGIN SELECT RAISE(ABORT, {message}); END",
    )


def upgrade() -> None:
    op.create_table(
        "user_key_registry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("can_randomize", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("temporary", sa.Boolean(), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("encryption_public", sa.String(length=64), nullable=False),
        sa.Column("signing_public", sa.String(length=64), nullable=False),
        sa.Column("created_at", msc_desk.models.types.UTCDateTime(), nullable=False),
        sa.Column("authority_entry_id", sa.Integer(), nullable=True),
        sa.Column("self_signature", sa.Text(), nullable=True),
        sa.Column("authority_signature", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["authority_entry_id"],
            ["user_key_registry.id"],
            name=op.f("fk_user_key_registry_authority_entry_id_user_key_registry"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_user_key_registry_user_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_key_registry")),
        sa.UniqueConstraint(
            "user_id", "sequence", name=op.f("uq_user_key_registry_user_id_sequence")
        ),
    )
    op.create_table(
        "audit_head_signature",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("audit_count", sa.Integer(), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key_entry_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["key_entry_id"],
            ["user_key_registry.id"],
            name=op.f("fk_audit_head_signature_key_entry_id_user_key_registry"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_audit_head_signature_user_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head_signature")),
        sa.UniqueConstraint("audit_id", name=op.f("uq_audit_head_signature_audit_id")),
    )
    with op.batch_alter_table("signature", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_entry_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("signer_signature", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_signature_key_entry_id_user_key_registry"),
            "user_key_registry",
            ["key_entry_id"],
            ["id"],
        )
    triggers = _append_only(
        "user_key_registry", "id = NEW.id OR (user_id = NEW.user_id AND sequence = NEW.sequence)"
    ) + _append_only("audit_head_signature", "id = NEW.id OR audit_id = NEW.audit_id")
    for statement in triggers:
        op.execute(statement)


def downgrade() -> None:
    with op.batch_alter_table("signature", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_signature_key_entry_id_user_key_registry"), type_="foreignkey"
        )
        batch_op.drop_column("signer_signature")
        batch_op.drop_column("key_entry_id")
    op.drop_table("audit_head_signature")
    op.drop_table("user_key_registry")
