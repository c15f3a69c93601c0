"""Randomization per device: slots issued, revealed and used, and the laptop's clock anomalies."""

# Read from the device's last batch (each batch carries the laptop's whole state). Every finding
# is one row: device, what, slot (or audit entry) and a sentence. Arms are never needed here.

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

RANDOMIZED_STATUSES = frozenset({"randomized", "completed", "died", "withdrawn"})
CLOCK_ACTIONS = frozenset({"clock_backward", "clock_forward", "clock_unconfirmed"})


@dataclass(frozen=True)
class Finding:
    device_id: str
    kind: str
    where: str
    detail: str


@dataclass(frozen=True)
class SlotCounts:
    device_id: str
    issued: int
    on_laptop: int
    revealed: int
    randomized_patients: int


def _audit(audit_jsonl: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in audit_jsonl.splitlines() if line.strip()]


def reconcile_device(
    device_id: str,
    tables: dict[str, list[dict[str, str]]],
    audit_jsonl: bytes,
    issued: list[dict[str, Any]],
) -> tuple[SlotCounts, list[Finding]]:
    """Issued lists against the laptop's lists, slots and patients; then its clock."""
    findings: list[Finding] = []

    def note(kind: str, where: str, detail: str) -> None:
        findings.append(Finding(device_id, kind, where, detail))

    lists = {row["id"]: row for row in tables.get("allocation_list", [])}
    issued_uids = {row["list_uid"] for row in issued}
    for row in lists.values():
        if issued and row["list_uid"] not in issued_uids:
            note("list_not_issued", f"list {row['list_uid']}", "the laptop holds a list the "
                 "center's record of issued lists does not have")  # fmt: skip
    on_laptop = {row["list_uid"] for row in lists.values()}
    for row in issued:
        if row["list_uid"] not in on_laptop:
            note("list_not_imported", f"list {row['list_uid']}", "issued but not imported yet")
    slots = tables.get("allocation_slot", [])
    revealed = [slot for slot in slots if slot.get("revealed_at")]
    by_list: dict[str, list[dict[str, str]]] = {}
    for slot in revealed:
        by_list.setdefault(slot["list_id"], []).append(slot)
    for list_id, used in by_list.items():
        highest = max(int(slot["slot_number"]) for slot in used)
        numbers = {int(slot["slot_number"]) for slot in used}
        first = int(lists[list_id]["first_slot"]) if list_id in lists else min(numbers)
        for number in range(first, highest):
            if number not in numbers:
                note("skipped", f"slot {number}", f"not revealed, while slot {highest} was")
        in_time = sorted(used, key=lambda slot: slot["revealed_at"])
        for before, after in zip(in_time, in_time[1:], strict=False):
            if int(after["slot_number"]) < int(before["slot_number"]):
                detail = f"revealed at {after['revealed_at']}, after slot {before['slot_number']}"
                note("out_of_order", f"slot {after['slot_number']}", detail)
    patients = Counter(slot["patient_id"] for slot in revealed if slot.get("patient_id"))
    for patient_id, count in patients.items():
        if count > 1:
            note(
                "revealed_twice", f"patient {patient_id}", f"{count} slots revealed for one patient"
            )
    audit = _audit(audit_jsonl)
    reveals = Counter(
        entry["record_id"] for entry in audit
        if entry.get("table_name") == "allocation_slot" and entry.get("field") == "revealed_at"
        and entry.get("new_value")
    )  # fmt: skip
    slot_numbers = {slot["id"]: slot["slot_number"] for slot in slots}
    for record_id, count in reveals.items():
        if count > 1:
            note("revealed_twice", f"slot {slot_numbers.get(record_id, record_id)}",
                 f"the audit records {count} reveals")  # fmt: skip
    eligible_at: dict[str, str] = {}
    for entry in audit:
        is_eligibility = entry.get("table_name") == "screening" and entry.get("field") == "eligible"
        if is_eligibility and entry.get("new_value") == "true" and entry.get("patient_id"):
            eligible_at.setdefault(str(entry["patient_id"]), str(entry["at"]))
    for slot in revealed:
        patient = slot.get("patient_id", "")
        recorded = eligible_at.get(patient)
        revealed_at = slot["revealed_at"].replace("Z", "+00:00")
        if recorded is None or revealed_at < recorded:
            note("before_eligibility", f"slot {slot['slot_number']}",
                 f"revealed at {slot['revealed_at']}, eligibility of patient {patient} "
                 f"recorded {recorded or 'never'}")  # fmt: skip
    randomized = {
        row["id"] for row in tables.get("patient", []) if row.get("status") in RANDOMIZED_STATUSES
    }
    for patient_id in sorted(randomized - set(patients)):
        note("randomized_without_slot", f"patient {patient_id}", "no revealed slot names them")
    previous = ""
    for entry in audit:
        if entry.get("action") in CLOCK_ACTIONS:
            note("clock", f"audit entry {entry['id']}", f"{entry['action']} at {entry['at']}")
        at = str(entry.get("at") or "")
        if previous and at < previous:
            note("clock", f"audit entry {entry['id']}", f"recorded at {at}, before {previous}")
        previous = max(previous, at)
    counts = SlotCounts(
        device_id,
        sum(int(row["slot_count"]) for row in issued),
        len(slots),
        len(revealed),
        len(randomized),
    )
    return counts, findings
