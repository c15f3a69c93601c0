"""The failure codes' words come from the catalogue in the interface language, as before."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from msc_desk.scoring import eligibility as crit
from msc_desk.ui.i18n import interface_language
from msc_desk.ui.screening.criteria_text import failure_text, failures_text


@pytest.mark.usefixtures("russian")
def test_failure_words_are_russian_in_the_russian_interface() -> None:
    assert interface_language() == "ru"
    assert failure_text(crit.ANC_GT_1_0) == "Нейтрофилы > 1,0 ×10⁹/л"
    assert failures_text((crit.AGE_GT_75, crit.PREGNANT)) == "Возраст > 75 лет; Беременность"
    assert failure_text("unknown_code") == "unknown_code"


def test_failure_words_are_english_without_translators(qapp: QApplication) -> None:
    assert interface_language() == "en"
    assert failure_text(crit.ANC_GT_1_0) == "Neutrophils > 1.0 ×10⁹/L"
