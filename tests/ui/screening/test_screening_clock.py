"""The protocol clock: colours, the 10-hour stop while the wizard is open, no reopening."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from screening_form import fill, go_to
from screening_trial import ScreeningTrial

from msc_desk.scoring import eligibility as crit
from msc_desk.ui.screening.criteria_text import failure_text
from msc_desk.ui.screening.protocol_clock import (
    ClockState,
    format_duration,
    read_clock,
)
from msc_desk.ui.screening.wizard import PageId, ScreeningWizard

MakeWizard = Callable[..., ScreeningWizard]
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
TWO_HOURS = timedelta(hours=2)


@pytest.mark.parametrize(
    ("since", "preparation", "state"),
    [
        (timedelta(hours=3), TWO_HOURS, ClockState.NORMAL),
        (timedelta(hours=7, minutes=59), timedelta(hours=1), ClockState.NORMAL),
        (timedelta(hours=8), timedelta(hours=1), ClockState.AMBER),
        (timedelta(hours=8, minutes=30), timedelta(hours=1), ClockState.AMBER),
        (timedelta(hours=9, minutes=1), timedelta(hours=1), ClockState.RED),
        (timedelta(hours=8, seconds=1), TWO_HOURS, ClockState.RED),
        (timedelta(hours=6), timedelta(hours=5), ClockState.RED),
        (timedelta(hours=10), TWO_HOURS, ClockState.RED),
        (timedelta(hours=10, seconds=1), TWO_HOURS, ClockState.EXPIRED),
        (timedelta(hours=-1), TWO_HOURS, ClockState.ONSET_IN_FUTURE),
    ],
)
def test_clock_states(since: timedelta, preparation: timedelta, state: ClockState) -> None:
    reading = read_clock(NOW - since, NOW, preparation)
    assert reading.state is state
    if state is not ClockState.ONSET_IN_FUTURE:
        assert reading.since_onset == since
        assert reading.left == max(timedelta(hours=10) - since, timedelta(0))


def test_the_clock_says_when_there_is_no_onset(make_wizard: MakeWizard) -> None:
    wizard = make_wizard()
    assert wizard.clock.reading.state is ClockState.NO_ONSET
    assert "not entered" in wizard.clock.message_label.text()
    assert wizard.clock.since_value.text() == "—"
    assert read_clock(None, NOW, TWO_HOURS).state is ClockState.NO_ONSET
    assert format_duration(timedelta(hours=27, minutes=3, seconds=9)) == "27:03:09"


def test_amber_then_red_as_time_passes(
    make_wizard: MakeWizard, screening_db: ScreeningTrial
) -> None:
    wizard = make_wizard(preparation_hours=Decimal("1.5"))
    fill(wizard, screening_db.clock.now - timedelta(hours=7))
    assert wizard.clock.property("clock_state") == ClockState.NORMAL
    assert wizard.clock.left_value.text() == "03:00:00"
    screening_db.clock.now += timedelta(hours=1, minutes=30)
    wizard.tick()
    assert wizard.clock.property("clock_state") == ClockState.AMBER
    assert "2 hours" in wizard.clock.message_label.text()
    screening_db.clock.now += timedelta(minutes=1)
    wizard.tick()
    assert wizard.clock.property("clock_state") == ClockState.RED
    assert re.search(r"1[.,]5 h", wizard.clock.message_label.text())
    go_to(wizard, PageId.DECISION)
    assert wizard.decision_page.can_randomize(), "red warns; it does not forbid"


def test_crossing_10_hours_stops_randomization_for_good(
    make_wizard: MakeWizard, screening_db: ScreeningTrial
) -> None:
    wizard = make_wizard()
    onset = screening_db.clock.now - timedelta(hours=9, minutes=58)
    fill(wizard, onset)
    go_to(wizard, PageId.DECISION)
    page = wizard.decision_page
    assert page.can_randomize()
    screening_db.clock.now += timedelta(minutes=2)
    wizard.tick()
    assert page.can_randomize(), "10 h 00 min 00 s still passes"
    screening_db.clock.now += timedelta(seconds=1)
    wizard.tick()
    assert wizard.clock.reading.state is ClockState.EXPIRED
    assert "randomization is impossible" in wizard.clock.message_label.text()
    assert wizard.window_closed() and wizard.onset_page.is_locked()
    assert not page.can_randomize() and not page.isComplete()
    reason = page.rows[crit.Criterion.SHOCK_ONSET_WINDOW][2].text()
    assert failure_text(crit.SHOCK_ONSET_GT_10H) in reason
    # Typing a later onset changes nothing: the onset in force is the locked one.
    wizard.onset_page.onset_input.set_value(screening_db.clock.now - timedelta(hours=1))
    wizard.tick()
    assert wizard.screening_input().shock_onset == onset
    assert not page.can_randomize()
    wizard.next()
    assert wizard.currentId() == PageId.DECISION
    page.save_button.click()
    saved = wizard.screening_actions.saved
    assert saved is not None and saved.failed_criteria == (crit.SHOCK_ONSET_GT_10H,)


def test_an_onset_typed_already_past_10_hours_can_be_corrected(
    make_wizard: MakeWizard, screening_db: ScreeningTrial
) -> None:
    wizard = make_wizard()
    fill(wizard, screening_db.clock.now - timedelta(hours=12))
    assert wizard.clock.reading.state is ClockState.EXPIRED
    assert not wizard.onset_page.is_locked()
    fill(wizard, screening_db.clock.now - timedelta(hours=2))
    go_to(wizard, PageId.DECISION)
    assert wizard.decision_page.can_randomize()


@pytest.mark.usefixtures("russian")
def test_the_wizard_reads_in_russian(make_wizard: MakeWizard, screening_db: ScreeningTrial) -> None:
    wizard = make_wizard()
    assert "ещё не введено" in wizard.clock.message_label.text()
    fill(wizard, screening_db.clock.now - timedelta(hours=9, minutes=59), anc="1,1")
    go_to(wizard, PageId.DECISION)
    page = wizard.decision_page
    assert page.title() == "Итог и решение"
    assert page.rows[crit.Criterion.ANC][2].text().startswith("Нейтрофилы > 1,0 ×10⁹/л (АЧН 1,1")
    assert page.save_button.text() == "Сохранить как невключённого (журнал скрининга)"
    screening_db.clock.now += timedelta(minutes=2)
    wizard.tick()
    assert wizard.clock.message_label.text() == "10 часов истекли — рандомизация невозможна."
    reason = page.rows[crit.Criterion.SHOCK_ONSET_WINDOW][2].text()
    assert reason == "Более 10 ч от начала септического шока (10 ч 01 мин)"
