"""The identifier check of the export on a snapshot built by hand: each place, in order."""

from __future__ import annotations

from msc_desk.services.export_collect import Snapshot
from msc_desk.services.export_identifiers import Finding, Needles, find_identifiers

NEEDLES = Needles(words={"петрова": "name", "77123": "record_number"}, phrases={})


def test_every_place_is_found_in_table_and_audit_order_and_clean_tables_are_passed() -> None:
    snapshot = Snapshot(
        tables={
            "visit": [{"id": n, "status": "done", "missing_reason": None} for n in range(50)],
            "screening": [
                {"id": 1, "notes": "стабильна", "sex": "f"},
                {"id": 2, "notes": "Петрова жалуется", "sex": "Петрова"},
                {"id": 3, "notes": "тел. 8 916 123 45 67", "sex": "8 916 123 45 67"},
            ],
            "user_account": [{"id": 1, "username": "петрова"}],  # staff, not patients
        },
        audit_entries=[
            {"id": 7, "table_name": "screening", "old_value": None, "new_value": "и/б 77123",
             "reason": ""},
            {"id": 8, "table_name": "user_account", "old_value": None, "new_value": "петрова",
             "reason": None},
        ],
    )  # fmt: skip

    findings = find_identifiers(snapshot, NEEDLES)

    assert findings == [
        Finding("screening", "2", "notes", "name"),
        Finding("screening", "2", "sex", "name"),  # a name is looked for in every text cell
        Finding("screening", "3", "notes", "phone"),  # a phone only in free text
        Finding("audit_log", "7", "new_value", "record_number"),
    ]


def test_a_snapshot_with_nothing_identifying_has_no_finding() -> None:
    snapshot = Snapshot(
        tables={"screening": [{"id": 1, "notes": "стабильна", "sex": "f"}]},
        audit_entries=[{"id": 1, "table_name": "screening", "old_value": "a", "new_value": "b",
                        "reason": None}],
    )  # fmt: skip
    assert find_identifiers(snapshot, NEEDLES) == []


def test_a_table_whose_only_identifier_is_a_phone_in_free_text_is_walked() -> None:
    snapshot = Snapshot(
        tables={"screening": [{"id": 4, "notes": "дочь: +7 916 123-45-67", "sex": "f"}]}
    )
    assert find_identifiers(snapshot, NEEDLES) == [Finding("screening", "4", "notes", "phone")]
