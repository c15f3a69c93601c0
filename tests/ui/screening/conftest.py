"""Fixtures of the screening wizard tests: a seeded trial database and a wizard factory."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from screening_trial import ScreeningTrial, seed_trial
from sqlalchemy import Engine

from msc_desk.services.session import audited_session_factory
from msc_desk.ui.screening import ScreeningWizard


@pytest.fixture
def screening_db(plain_engine: Engine, fixed_clock: Any) -> ScreeningTrial:
    return seed_trial(audited_session_factory(plain_engine), fixed_clock.now)


@pytest.fixture
def make_wizard(qtbot: QtBot, screening_db: ScreeningTrial) -> Callable[..., ScreeningWizard]:
    """A shown wizard on page 1; randomization is confirmed without a dialog."""

    def make(**context_options: Any) -> ScreeningWizard:
        wizard = ScreeningWizard(screening_db.context(**context_options))
        qtbot.addWidget(wizard)
        wizard.decision_page.confirm = lambda _title, _text: True
        wizard.confirm_discard = lambda: True
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    return make
