"""Record columns in words: the shock definition (a catalogue choice) and infusion reactions."""

from __future__ import annotations

import pytest

from msc_desk.services.input_rules import InvalidField
from msc_desk.services.record_text import column_text
from msc_desk.services.screening_rules import shock_definition


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("vasopressors_after_fluids", "Вазопрессоры после адекватной инфузионной нагрузки"),
        ("fluid_refractory_hypotension", "Гипотензия, рефрактерная к инфузионной терапии"),
        ("vasopressors_and_lactate", "Вазопрессоры и лактат > 2 ммоль/л"),
    ],
)
def test_each_definition_is_accepted_and_printed_in_russian(code: str, words: str) -> None:
    assert shock_definition(code) == code
    assert column_text("screening", "shock_definition", code).startswith(words)


@pytest.mark.parametrize("code", ["septic_shock", "vasopressors", "VASOPRESSORS_AFTER_FLUIDS"])
def test_a_code_outside_the_catalogue_is_refused(code: str) -> None:
    with pytest.raises(InvalidField) as refused:
        shock_definition(code)
    assert refused.value.code == "not_allowed"


def test_infusion_reactions_print_in_words() -> None:
    assert column_text("infusion", "reactions", "none") == "нет"
    assert column_text("infusion", "reactions", "fever,chills") == "лихорадка, озноб"
