"""View → Integrity check…: findings in Russian, the recorded head, every code worded."""

from __future__ import annotations

import re
from typing import Any

from integrity_ward import IntegrityWard, integrity_ward_fixture  # noqa: F401  (the fixture)
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from msc_desk.services import identity_check, integrity
from msc_desk.services.chain_head import audit_chain_head, format_head
from msc_desk.services.integrity import REPLAY_MISMATCH, Finding
from msc_desk.services.session import read_session
from msc_desk.services.workspace import sign_in
from msc_desk.ui.integrity.findings_model import FindingsModel
from msc_desk.ui.integrity.integrity_dialog import IntegrityDialog
from msc_desk.ui.integrity.words import FINDING_CODES, what_text


def _rows(model: FindingsModel) -> list[tuple[str, str]]:
    return [
        (str(model.index(row, 0).data()), str(model.index(row, 1).data()))
        for row in range(model.rowCount())
    ]


def test_a_value_changed_by_raw_sql_is_listed_in_russian(
    qtbot: QtBot, integrity_ward: IntegrityWard, qtmodeltester: Any, russian: None
) -> None:
    ward = integrity_ward
    workspace = sign_in(ward.data_dir, "ivanov", "ivanov-password", clock=ward.clock)
    try:
        dialog = IntegrityDialog(workspace.factory)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.check_finished, timeout=60_000) as clean:
            dialog.start_check()
        assert clean.args == [[]]
        assert dialog.status.text().startswith("Нарушений нет")

        with workspace.engine.begin() as connection:
            connection.execute(text("UPDATE screening SET anc_10e9_per_l = '0.9'"))
        with qtbot.waitSignal(dialog.check_finished, timeout=60_000) as found:
            task = dialog.start_check()
            assert not dialog.run_button.isEnabled() and dialog.progress.isVisibleTo(dialog)
            assert task is not None
        findings: list[Finding] = found.args[0]
        assert [(f.code, f.table, f.field) for f in findings] == [
            (REPLAY_MISMATCH, "screening", "anc_10e9_per_l")
        ]
        what, where = _rows(dialog.model)[0]
        assert what == "Значение отличается от внесённого по журналу аудита"
        assert "Скрининг" in where and "нейтрофил" in where.lower() and "запись 1" in where
        assert dialog.status.text() == "Найдено проблем: 1. Сообщите в координационный центр."
        assert dialog.run_button.isEnabled() and not dialog.progress.isVisibleTo(dialog)
        qtmodeltester.check(dialog.model)
    finally:
        workspace.close()


def test_a_head_written_down_earlier_is_said_to_be_a_prefix_or_not(
    qtbot: QtBot, integrity_ward: IntegrityWard, russian: None
) -> None:
    ward = integrity_ward
    workspace = sign_in(ward.data_dir, "ivanov", "ivanov-password", clock=ward.clock)
    try:
        with read_session(workspace.factory) as session:
            count, hash_hex = audit_chain_head(session)
        written_down = format_head(count, hash_hex, digits=16)
        # More is recorded after it was written down: it stays the start of the chain.
        sign_in(ward.data_dir, "petrova", "petrova-password", clock=ward.clock).close()
        dialog = IntegrityDialog(workspace.factory)
        qtbot.addWidget(dialog)
        assert dialog.head_label.text().startswith("Текущая контрольная точка журнала: ")
        dialog.head_edit.setText(f"  {written_down.lower()}  ")
        assert dialog.compare_head() is True
        assert dialog.head_result.text().startswith("Эта контрольная точка — начало")

        wrong = ("0" if hash_hex[0] != "0" else "1") + hash_hex[1:16]
        dialog.head_edit.setText(f"{count} {wrong[:4]} {wrong[4:8]} {wrong[8:]}")
        assert dialog.compare_head() is False
        assert "НЕ совпадает" in dialog.head_result.text()

        dialog.head_edit.setText("мусор")
        assert dialog.compare_head() is None
        assert dialog.head_result.text().startswith("Введите число записей")
    finally:
        workspace.close()


def test_a_footer_pasted_from_a_printout_and_a_head_beyond_the_trail_are_told_apart(
    qtbot: QtBot, integrity_ward: IntegrityWard, russian: None
) -> None:
    ward = integrity_ward
    workspace = sign_in(ward.data_dir, "ivanov", "ivanov-password", clock=ward.clock)
    try:
        with read_session(workspace.factory) as session:
            count, hash_hex = audit_chain_head(session)
        printed = format_head(count, hash_hex, digits=16)
        dialog = IntegrityDialog(workspace.factory)
        qtbot.addWidget(dialog)
        dialog.head_edit.setText(
            f"Напечатано: 01.12.2026 09:15 МСК Журнал аудита: {printed} стр. 2 из 9"
        )
        assert dialog.compare_head() is True
        assert dialog.head_result.text().startswith("Эта контрольная точка — начало")

        dialog.head_edit.setText(f"Журнал аудита: {count + 25} · {hash_hex[:16]}")
        assert dialog.compare_head() is False
        said = dialog.head_result.text()
        assert f"{count + 25} записей" in said and f"только {count}" in said, said
        assert "более позднего состояния" in said
    finally:
        workspace.close()


def test_every_finding_code_of_the_services_has_russian_words(russian: None) -> None:
    integrity_codes = {
        value
        for name, value in vars(integrity).items()
        if name.isupper() and isinstance(value, str) and re.fullmatch(r"[a-z_]+", value)
    }
    doc = identity_check.verify_identities.__doc__ or ""
    codes_text = doc.split("Codes (stable):")[1].split("Resets")[0]
    identity_codes = set(re.findall(r"[a-z][a-z_]+[a-z]", codes_text))
    slot_codes = set(re.findall(r"\((sealed_to_unregistered[^)]*)\)", doc)[0].split(", "))
    wanted = integrity_codes | identity_codes | slot_codes
    assert {"audit_hash_mismatch", "head_stale_key", "slot_file_unreadable"} <= wanted
    assert wanted - FINDING_CODES == set()
    for code in wanted:
        words = what_text(Finding(code))
        assert re.search("[А-Яа-я]", words) and not re.search("[A-Za-z]{3}", words), code


def test_the_findings_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = FindingsModel()
    model.set_findings(
        [
            Finding("slot_skipped", "allocation_slot", slot=3, params={"unused": "2"}),
            Finding("audit_id_gap", "audit_log", audit_id=12, params={"expected": "10"}),
            Finding("user_not_registered", "user_key_registry", params={"detail": "petrova"}),
        ]
    )
    assert model.rowCount() == 3 and model.columnCount() == 2
    qtmodeltester.check(model)
