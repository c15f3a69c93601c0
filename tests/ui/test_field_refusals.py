"""A field refused by a service is named in clear Russian, in dialogs and in the wizard."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from trial_builder import NOW

from msc_desk.services import input_rules
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.screening import ScreeningInput
from msc_desk.services.workspace import workspace_exists
from msc_desk.ui.first_run import FirstRunDialog
from msc_desk.ui.refusals import HANDLED, error_message
from msc_desk.ui.screening.messages import SERVICE_ERRORS, error_text

ACCOUNT_FIELDS = {"username", "password", "role", "reason", "site_code", "site_name"}
ACCOUNT_FIELDS |= {"device_name", "meaning", "can_randomize"}


def documented_codes() -> set[str]:
    docstring = input_rules.InvalidField.__doc__ or ""
    return set(re.findall(r'"([a-z_]+)"', docstring.split("code:")[1].split("limit:")[0]))


def test_every_code_and_every_field_has_words(qapp: object) -> None:
    assert {"too_long", "forbidden_character", "consent_incomplete"} <= documented_codes()
    fields = {field.name for field in dataclasses.fields(ScreeningInput)} | ACCOUNT_FIELDS
    for code in documented_codes():
        for field in fields:
            text = error_message(InvalidField(field, code, 7))
            assert field not in text, (field, code, text)  # a label, never the raw name
            assert "%" not in text and code not in text


@pytest.mark.usefixtures("russian")
def test_refusals_read_in_russian_and_name_the_field() -> None:
    assert error_message(InvalidField("full_name", "too_long", 200)) == (
        "ФИО: слишком длинно (не более 200 символов)."
    )
    assert error_message(InvalidField("medical_record_number", "forbidden_character")) == (
        "№ истории болезни: в тексте есть управляющий или невидимый символ (обычно он попадает"
        " при вставке из другой программы). Наберите значение заново."
    )
    assert error_message(InvalidField("consent_at", "consent_before_onset", 30)) == (
        "Согласие датировано более чем за 30 сут до начала шока. Проверьте время подписания."
    )
    assert error_message(InvalidField("consent_signer", "consent_not_signed")) == (
        "Согласие не отмечено как подписанное, но поле «Кто подписал согласие» заполнено:"
        " очистите его или отметьте, что согласие подписано."
    )
    assert error_message(InvalidField("site_code", "too_long", 10)).startswith("Код центра — ")
    assert error_text(InvalidField("age_years", "out_of_range", 130)) == (
        "Возраст: значение вне допустимого диапазона (граница: 130)."
    )


def test_dialogs_and_the_wizard_catch_the_refusal() -> None:
    assert InvalidField in HANDLED and InvalidField in SERVICE_ERRORS


def test_the_first_run_names_a_refused_field_and_creates_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = FirstRunDialog(tmp_path, lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.site_name.setText("НМИЦ гематологии\u202e")
    dialog.device_name.setText("Ноутбук ОРИТ-1")
    dialog.admin_username.setText("admin")
    dialog.admin_full_name.setText("Петров Павел Петрович")
    dialog.password.setText("long-enough-1")
    dialog.password_again.setText("long-enough-1")
    dialog.create_button.click()
    assert dialog.error.text().startswith("Site name: the text holds a control or invisible")
    assert dialog.workspace is None and not workspace_exists(tmp_path)
