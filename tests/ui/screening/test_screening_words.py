"""The wizard and the screening log speak of a woman in the feminine."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot
from screening_form import fill, go_to
from screening_trial import ScreeningTrial

from msc_desk.models import Arm, Sex
from msc_desk.ui.screening import ScreeningLogDialog
from msc_desk.ui.screening.fields import NO
from msc_desk.ui.screening.log_model import LogColumn
from msc_desk.ui.screening.protocol_clock import ProtocolClock
from msc_desk.ui.screening.wizard import PageId, ScreeningWizard

pytestmark = pytest.mark.usefixtures("russian")


@pytest.mark.parametrize(
    ("sex", "saved", "clock_note", "in_log"),
    [
        (Sex.FEMALE, "Сохранена в журнале скрининга", "Сохранена как невключённая.", "Не включена"),
        (Sex.MALE, "Сохранён в журнале скрининга", "Сохранён как невключённый.", "Не включён"),
    ],
)
def test_a_screened_out_patient_is_spoken_of_in_her_or_his_gender(
    qtbot: QtBot,
    make_wizard: Callable[..., ScreeningWizard],
    screening_db: ScreeningTrial,
    sex: Sex,
    saved: str,
    clock_note: str,
    in_log: str,
) -> None:
    wizard = make_wizard()
    fill(wizard, screening_db.clock.now - timedelta(hours=2), anc="1,4", sex=sex,
         pregnant=NO if sex is Sex.FEMALE else None)  # fmt: skip
    go_to(wizard, PageId.DECISION)
    with qtbot.waitSignal(wizard.patient_saved):
        wizard.decision_page.save_button.click()
    assert wizard.decision_page.saved_label.text().startswith(saved)
    assert wizard.clock.message_label.text() == clock_note
    log = ScreeningLogDialog(screening_db.factory, screening_db.investigator)
    qtbot.addWidget(log)
    assert log.model.index(0, LogColumn.DECISION).data() == in_log


def test_the_clock_says_randomized_in_her_gender(qtbot: QtBot) -> None:
    clock = ProtocolClock(Decimal(2))
    qtbot.addWidget(clock)
    clock.set_arm(Arm.CONTROL, female=True)
    assert clock.message_label.text() == "Рандомизирована в контрольную группу."
    clock.set_arm(Arm.CONTROL)
    assert clock.message_label.text() == "Рандомизирован в контрольную группу."
