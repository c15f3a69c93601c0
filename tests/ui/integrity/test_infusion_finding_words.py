"""The infusion and reaction findings of the integrity check read in Russian."""

from __future__ import annotations

import re

import pytest

from msc_desk.services.integrity import Finding
from msc_desk.services.integrity_infusion import CODES, INFUSION_SIGNATURE_INVALID
from msc_desk.ui.integrity.words import FINDING_CODES, what_text, where_text


@pytest.mark.usefixtures("russian")
def test_every_infusion_finding_has_russian_words() -> None:
    assert CODES <= FINDING_CODES
    for code in CODES:
        words = what_text(Finding(code))
        assert re.search("[А-Яа-я]", words) and not re.search("[A-Za-z]{4}", words), code


@pytest.mark.usefixtures("russian")
def test_a_tampered_confirmation_says_where_in_russian() -> None:
    finding = Finding(INFUSION_SIGNATURE_INVALID, "infusion", "7", field="checked_signature")
    assert "изменены после подписи" in what_text(finding)
    place = where_text(finding)
    assert "Инфузия МСК" in place and "Подпись проверившего" in place and "7" in place
