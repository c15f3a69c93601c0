"""The acting user's signature of the audit chain's head after each write, and their check."""

from __future__ import annotations

import base64
from collections.abc import Sequence

from sqlalchemy import Row, func, insert, select
from sqlalchemy.orm import Session

from msc_desk.models import AuditEntry, AuditHeadSignature, UserKeyEntry
from msc_desk.services.actor import Actor
from msc_desk.services.registry import (
    KeyProblem,
    sign_for_actor,
    superseded_at,
    valid_entry_ids,
    verify_for_entry,
)

HEAD_PURPOSE = "audit-head"
# Failed attempts noted in keyslots.json are audited under the name of the account that failed,
# by whoever signs in next: they are the one kind of row another user's head may cover.
ON_BEHALF_TABLE = "keyslots"


def head_payload(count: int, entry_hash: str, user_id: int) -> bytes:
    return f"{count}|{entry_hash}|{user_id}".encode("ascii")


def sign_head(session: Session, actor: Actor) -> None:
    """Sign the chain head if this unit of work left it unsigned and the actor holds a key.

    The system actor and a user on a temporary password hold none: their rows are covered by
    the next signed head and checked against its signer.
    """
    if actor.keys is None or actor.key_entry_id is None or actor.user_id is None:
        return
    connection = session.connection()
    audit = AuditEntry.__table__
    head = connection.execute(
        select(audit.c.id, audit.c.entry_hash).order_by(audit.c.id.desc()).limit(1)
    ).first()
    if head is None:
        return
    heads = AuditHeadSignature.__table__
    signed = connection.execute(
        select(heads.c.audit_id, heads.c.audit_count).order_by(heads.c.audit_id.desc()).limit(1)
    ).first()
    if signed is not None and signed.audit_id >= head.id:
        return
    # The rows up to the last signed head are its count (the log is append-only): count only
    # the rows after it, not the whole log on every write.
    after = select(func.count()).select_from(audit)
    if signed is not None:
        after = after.where(audit.c.id > signed.audit_id)
    count = int(connection.execute(after).scalar() or 0)
    if signed is not None:
        count += signed.audit_count
    entry_id, signature = sign_for_actor(
        actor, head_payload(count, head.entry_hash, actor.user_id), purpose=HEAD_PURPOSE
    )
    # Core insert: the signature is not itself audited, or the head would move again.
    connection.execute(
        insert(AuditHeadSignature).values(
            audit_id=head.id,
            audit_count=count,
            entry_hash=head.entry_hash,
            user_id=actor.user_id,
            key_entry_id=entry_id,
            signature=base64.b64encode(signature).decode("ascii"),
        )
    )


def verify_head_signatures(session: Session) -> list[KeyProblem]:
    """Every signed head that fails, and every row attributed to a user not signed by them.

    An audit row added by raw SQL in someone's name has no signature of theirs.
    """
    problems: list[KeyProblem] = []
    rows = session.execute(
        select(
            AuditEntry.id, AuditEntry.user_id, AuditEntry.table_name, AuditEntry.entry_hash
        ).order_by(AuditEntry.id)
    ).all()
    position = {row.id: index for index, row in enumerate(rows)}
    superseded = superseded_at(session)
    valid = valid_entry_ids(session)
    start = 0
    for head in session.scalars(select(AuditHeadSignature).order_by(AuditHeadSignature.audit_id)):
        where = f"audit row {head.audit_id}"
        index = position.get(head.audit_id)
        if (
            index is None
            or rows[index].entry_hash != head.entry_hash
            or head.audit_count != index + 1
        ):
            problems.append(KeyProblem("head_not_in_chain", f"{where}: the signed head is gone"))
            continue
        entry = session.get(UserKeyEntry, head.key_entry_id)
        payload = head_payload(head.audit_count, head.entry_hash, head.user_id)
        try:
            signature = base64.b64decode(head.signature, validate=True)
        except ValueError:
            signature = b""
        if (
            entry is None
            or entry.id not in valid
            or entry.user_id != head.user_id
            or not verify_for_entry(session, entry.id, HEAD_PURPOSE, payload, signature)
        ):
            problems.append(KeyProblem("head_signature", f"{where}: the signature does not verify"))
        elif head.audit_id > superseded.get(head.key_entry_id, head.audit_id):
            problems.append(KeyProblem("head_stale_key", f"{where}: signed with a replaced key"))
        problems += _foreign_rows(rows[start : index + 1], head.user_id)
        start = index + 1
    problems += _foreign_rows(rows[start:], None)
    return problems


def _foreign_rows(
    rows: Sequence[Row[int, int | None, str | None, str]], signer: int | None
) -> list[KeyProblem]:
    problems = []
    for row in rows:
        if row.user_id is None or row.table_name == ON_BEHALF_TABLE or row.user_id == signer:
            continue
        code = "unsigned_audit_row" if signer is None else "audit_row_not_by_signer"
        problems.append(
            KeyProblem(
                code, f"audit row {row.id}: attributed to user {row.user_id}, not signed by them"
            )
        )
    return problems
